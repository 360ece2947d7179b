package labs.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.NodeCrashedError;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.Test;

class RealRuntimeTest {
  /**
   * How long a real thread may take to notice that its node crashed, or to end. Generous on
   * purpose: on a busy machine a thread can wait long for a core; a broken runtime never ends the
   * thread at all, so any finite bound tells the two apart.
   */
  private static final long THREAD_END_MILLIS = 10_000;

  @Test
  void crashedNodeIsCutOffAndCannotBlockTheTester() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    AtomicReference<Throwable> stoppedBy = new AtomicReference<>();
    AtomicReference<Thread> holder = new AtomicReference<>();
    String result = World.run(World.Mode.REAL, 1, RunLimits.DEFAULT, () -> {
      World w = World.current();
      Node n = w.newNode("server-0");
      ReentrantLock lock = new ReentrantLock();
      holder.set(n.start("holder", () -> {
        lock.lock();
        try {
          while (true) {
            ticks.incrementAndGet();
            Env.sleep(5);
          }
        } catch (NodeCrashedError e) {
          stoppedBy.set(e);
          throw e;
        }
      }));
      Env.sleep(50);
      // A tester call into the node blocks on the lock the holder keeps; the crash must free it.
      Channel<Boolean> answered = new Channel<>();
      Env.go("caller", () -> answered.send(n.call(() -> {
        lock.lock();
        return "got the lock";
      }).isPresent()));
      Env.sleep(50);
      w.crash(n);
      boolean callGotAnAnswer = answered.receive().orElseThrow();
      return callGotAnAnswer + "/" + n.call(() -> "x").isPresent();
    });
    assertThat(result).isEqualTo("false/false");
    holder.get().join(THREAD_END_MILLIS);
    assertThat(holder.get().isAlive()).as("the crashed node's thread has ended").isFalse();
    assertThat(stoppedBy.get()).isInstanceOf(NodeCrashedError.class);
    int after = ticks.get();
    Thread.sleep(50);
    assertThat(ticks.get()).isEqualTo(after);
  }

  @Test
  void noThreadOutlivesItsRun() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    AtomicReference<Thread> ticker = new AtomicReference<>();
    World.run(World.Mode.REAL, 4, RunLimits.DEFAULT, () -> {
      ticker.set(World.current().newNode("server-0").start("ticker", () -> {
        while (true) {
          ticks.incrementAndGet();
          Env.sleep(2);
        }
      }));
      Env.sleep(30);
      return null;
    });
    ticker.get().join(THREAD_END_MILLIS);
    assertThat(ticker.get().isAlive()).as("the run's thread has ended").isFalse();
    int after = ticks.get();
    Thread.sleep(60);
    assertThat(ticks.get()).isEqualTo(after);
  }

  @Test
  void sleepUsesTheWallClock() throws Exception {
    long elapsed = World.run(World.Mode.REAL, 2, RunLimits.DEFAULT, () -> {
      long t0 = Env.nowMillis();
      Env.sleep(120);
      return Env.nowMillis() - t0;
    });
    assertThat(elapsed).isGreaterThanOrEqualTo(120);
  }

  @Test
  void aRunOverItsTimeLimitFailsInsteadOfHanging() {
    assertThatThrownBy(() -> World.run(World.Mode.REAL, 3, RunLimits.DEFAULT.withVirtualTime(java.time.Duration.ofSeconds(1)), () -> {
      while (true) {
        Env.sleep(50);
      }
    })).isInstanceOf(labs.runtime.RunFailure.class).hasMessageContaining("REAL_TIME_LIMIT")
        .hasMessageContaining("RealRuntimeTest");
  }

  @Test
  void onRealThreadsTheJvmFindsALockOrderDeadlockForTheReport() throws Exception {
    World world = World.run(World.Mode.REAL, 4, RunLimits.DEFAULT, () -> {
      Node n = World.current().newNode("server-5");
      ReentrantLock a = new ReentrantLock();
      ReentrantLock b = new ReentrantLock();
      Channel<String> bothHoldOne = new Channel<>();
      n.start("left", () -> {
        a.lock();
        bothHoldOne.send("left");
        Env.sleep(200);
        b.lock();
      });
      n.start("right", () -> {
        b.lock();
        bothHoldOne.send("right");
        Env.sleep(200);
        a.lock();
      });
      bothHoldOne.receive();
      bothHoldOne.receive();
      // Each holds one lock and will ask for the other after its 200 ms sleep; wait until both do.
      World w = World.current();
      long deadline = System.nanoTime() + THREAD_END_MILLIS * 1_000_000;
      while (w.explainLockWaits().isEmpty() && System.nanoTime() < deadline) {
        Env.sleep(20);
      }
      return w;
    });
    assertThat(world.explainLockWaits())
        .startsWith("DEADLOCK (found by the JVM)")
        .contains("server-5/left waits for").contains("held by server-5/right")
        .contains("server-5/right waits for").contains("held by server-5/left");
  }

  @Test
  void unknownRuntimeNameIsAClearError() {
    System.setProperty("labs.runtime", "fast");
    try {
      assertThatThrownBy(World.Mode::fromSystemProperties)
          .hasMessageContaining("-Dlabs.runtime=fast").hasMessageContaining("-Dlabs.runtime=sim");
    } finally {
      System.clearProperty("labs.runtime");
    }
  }
}
