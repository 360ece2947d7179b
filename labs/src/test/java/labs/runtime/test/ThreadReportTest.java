package labs.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.RunFailure;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.Test;

/**
 * What the runtime's reports say: deadlocks inside one node found while other nodes run on, the
 * thread holding each lock, identical stacks grouped, and a bounded length on the console.
 */
class ThreadReportTest {
  private static final RunLimits LIMITS = RunLimits.DEFAULT.withVirtualTime(Duration.ofSeconds(60));

  /** A node that keeps a timer pending for ever, so the run as a whole never runs out of timers. */
  private static void busyNeighbour(World w) {
    w.newNode("neighbour").start("ticker", () -> {
      while (true) {
        Env.sleep(10);
      }
    });
  }

  private static long millisWhenReported(RunFailure f) {
    String m = f.getMessage();
    int at = m.indexOf("at virtual time ") + "at virtual time ".length();
    return Math.round(Double.parseDouble(m.substring(at, m.indexOf(" s", at))) * 1000);
  }

  @Test
  void locksTakenInOppositeOrdersDeadlockTheirNodeAtOnceWhileOthersRunOn() {
    RunFailure f = (RunFailure) org.assertj.core.api.Assertions.catchThrowable(() ->
        World.run(World.Mode.SIMULATION, 1, LIMITS, () -> {
          World w = World.current();
          busyNeighbour(w);
          Node n = w.newNode("server-1");
          ReentrantLock state = new ReentrantLock();
          ReentrantLock log = new ReentrantLock();
          n.start("ticker", () -> {
            Env.sleep(100);
            state.lock();
            Env.sleep(5);
            log.lock();
          });
          n.start("handler", () -> {
            Env.sleep(100);
            log.lock();
            Env.sleep(5);
            state.lock();
          });
          Env.sleep(50_000);
          return null;
        }));
    assertThat(f.kind()).isEqualTo(RunFailure.Kind.DEADLOCK);
    assertThat(f.getMessage())
        .contains("in node server-1")
        .contains("2 threads wait for each other's locks")
        .containsPattern("server-1/ticker#\\d+ waits for L\\d \\(ReentrantLock\\) held by server-1/handler#")
        .containsPattern("server-1/handler#\\d+ waits for L\\d \\(ReentrantLock\\) held by server-1/ticker#")
        .contains("ThreadReportTest")
        .contains("Take the locks in the same order");
    // Found when the cycle closed (105 ms), not when the test ran out of time.
    assertThat(millisWhenReported(f)).isEqualTo(105);
  }

  @Test
  void aThreadThatEndsHoldingALockDeadlocksItsWaitersAtOnce() {
    RunFailure f = (RunFailure) org.assertj.core.api.Assertions.catchThrowable(() ->
        World.run(World.Mode.SIMULATION, 6, LIMITS, () -> {
          World w = World.current();
          busyNeighbour(w);
          Node n = w.newNode("server-4");
          ReentrantLock lock = new ReentrantLock();
          n.start("ticker", () -> {
            Env.sleep(20);
            lock.lock();
            lock.unlock();
          });
          n.start("vote", () -> {
            lock.lock();
            Env.sleep(10);
            // returns without unlocking: the mistake of a missing finally
          });
          Env.sleep(50_000);
          return null;
        }));
    assertThat(f.kind()).isEqualTo(RunFailure.Kind.DEADLOCK);
    assertThat(f.getMessage())
        .containsPattern("thread server-4/vote ended while it held a lock, so the lock will never be released")
        .containsPattern("server-4/ticker#\\d+ waits for L1 \\(ReentrantLock\\), at labs.runtime.test.ThreadReportTest")
        .contains("finally { lock.unlock(); }");
    assertThat(millisWhenReported(f)).isEqualTo(20);
  }

  @Test
  void synchronizedBlocksInOppositeOrdersAreACycleToo() {
    Object a = new Object();
    Object b = new Object();
    RunFailure f = (RunFailure) org.assertj.core.api.Assertions.catchThrowable(() ->
        World.run(World.Mode.SIMULATION, 2, LIMITS, () -> {
          World w = World.current();
          busyNeighbour(w);
          Node n = w.newNode("server-2");
          n.start("left", () -> {
            synchronized (a) {
              Env.sleep(5);
              synchronized (b) {
                a.hashCode();
              }
            }
          });
          n.start("right", () -> {
            synchronized (b) {
              Env.sleep(5);
              synchronized (a) {
                b.hashCode();
              }
            }
          });
          Env.sleep(50_000);
          return null;
        }));
    assertThat(f.kind()).isEqualTo(RunFailure.Kind.DEADLOCK);
    assertThat(f.getMessage()).contains("in node server-2").contains("(monitor of Object)")
        .containsPattern("server-2/left#\\d+ waits for L\\d \\(monitor of Object\\) held by server-2/right#");
    assertThat(millisWhenReported(f)).isEqualTo(5);
  }

  @Test
  void aSleepUnderTheLockNamesTheHolderGroupsTheWaitersAndFitsOnAScreen() {
    RunFailure f = (RunFailure) org.assertj.core.api.Assertions.catchThrowable(() ->
        World.run(World.Mode.SIMULATION, 3, RunLimits.DEFAULT.withVirtualTime(Duration.ofSeconds(5)), () -> {
          Node n = World.current().newNode("server-0");
          ReentrantLock lock = new ReentrantLock();
          n.start("ticker", () -> {
            while (true) {
              lock.lock();
              try {
                Env.sleep(1000); // the mistake: sleeping while holding the lock
              } finally {
                lock.unlock();
              }
            }
          });
          for (int i = 0; i < 500; i++) {
            n.start("AppendEntries", () -> {
              lock.lock();
              lock.unlock();
            });
            Env.sleep(5);
          }
          Env.sleep(60_000);
          return null;
        }));
    assertThat(f.kind()).isEqualTo(RunFailure.Kind.VIRTUAL_TIME_LIMIT);
    String console = f.getMessage();
    assertThat(console.lines().count()).as(console).isLessThanOrEqualTo(50);
    assertThat(console)
        .contains("Threads held up by a lock")
        .containsPattern("it is held by server-0/ticker#\\d+, which is sleeping \\(Env.sleep\\) while holding it, at "
            + "labs.runtime.test.ThreadReportTest")
        .containsPattern("\\d+ threads: server-0/AppendEntries#")
        .containsPattern("all waiting for L1 \\(ReentrantLock\\) held by server-0/ticker#")
        .contains("Never hold a lock while you sleep");
    assertThat(f.fullReport().lines().count()).isGreaterThan(console.lines().count() - 5);
  }

  @Test
  void aJavaUtilTimerCallingTheRuntimeIsAForbiddenCallNamingTheTimer() {
    Timer[] timer = new Timer[1];
    try {
      RunLimits forEver = RunLimits.DEFAULT.withVirtualTime(Duration.ofDays(365));
      assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 4, forEver, () -> {
        timer[0] = new Timer(true);
        timer[0].schedule(new TimerTask() {
          @Override
          public void run() {
            Env.log("election timeout at %d", Env.nowMillis());
          }
        }, 0, 10);
        // Virtual time costs no real time: keep the run going until the timer's thread acts.
        while (true) {
          Env.sleep(1);
        }
      }))
          .isInstanceOf(RunFailure.class)
          .hasMessageStartingWith("FORBIDDEN_CALL: thread 'Timer-")
          .hasMessageContaining("by a java.util.Timer")
          .hasMessageContaining("Start every thread with Env.go");
    } finally {
      if (timer[0] != null) {
        timer[0].cancel();
      }
    }
  }

  @Test
  void afterAFailedRunTheLockWaitsExplainWhoHoldsUpWhom() throws Exception {
    World world = World.run(World.Mode.SIMULATION, 5, LIMITS, () -> {
      Node n = World.current().newNode("server-3");
      ReentrantLock lock = new ReentrantLock();
      n.start("applier", () -> {
        lock.lock();
        new Channel<String>().receive(); // waits for ever, holding the lock
      });
      Env.sleep(10);
      n.start("getState", () -> {
        lock.lock();
        lock.unlock();
      });
      Env.sleep(3000);
      return World.current();
    });
    assertThat(world.explainLockWaits())
        .containsPattern("1 thread \\(server-3/getState#\\d+\\) waits for L1 \\(ReentrantLock\\), the longest for 3.000 s")
        .containsPattern("held by server-3/applier#\\d+, which is waiting for a Channel message while holding it");
  }
}
