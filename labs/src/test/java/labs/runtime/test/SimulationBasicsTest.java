package labs.runtime.test;

import labs.runtime.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class SimulationBasicsTest {
  private static <T> T sim(long seed, java.util.concurrent.Callable<T> body) throws Exception {
    return World.run(World.Mode.SIMULATION, seed, RunLimits.DEFAULT, body);
  }

  @Test
  void sleepAdvancesVirtualTimeExactly() throws Exception {
    long[] times = sim(1, () -> {
      long t0 = Env.nowNanos();
      Env.sleep(1500);
      return new long[] {t0, Env.nowNanos()};
    });
    assertThat(times[0]).isZero();
    assertThat(times[1]).isEqualTo(1_500_000_000L);
  }

  @Test
  void timedConditionWaitsInVirtualTimeAndWakesOnSignal() throws Exception {
    List<String> events = sim(2, () -> {
      List<String> log = new ArrayList<>();
      TimedLock lock = new TimedLock();
      Condition c = lock.newCondition();
      Env.go("signaller", () -> {
        Env.sleep(300);
        lock.lock();
        try {
          log.add("signal@" + Env.nowMillis());
          c.signal();
        } finally {
          lock.unlock();
        }
      });
      lock.lock();
      try {
        boolean timedOut = !c.await(100, TimeUnit.MILLISECONDS);
        log.add("timeout=" + timedOut + "@" + Env.nowMillis());
        boolean signalled = c.await(1000, TimeUnit.MILLISECONDS);
        log.add("signalled=" + signalled + "@" + Env.nowMillis());
      } finally {
        lock.unlock();
      }
      return log;
    });
    assertThat(events).containsExactly("timeout=true@100", "signal@300", "signalled=true@300");
  }

  private static long workload(long seed) throws Exception {
    return sim(seed, () -> {
      World w = World.current();
      Object monitor = new Object();
      StringBuilder order = new StringBuilder();
      Channel<Integer> ch = new Channel<>();
      for (int i = 0; i < 5; i++) {
        int id = i;
        w.newNode("n" + i).start("worker", () -> {
          ReentrantLock lock = new ReentrantLock();
          for (int k = 0; k < 20; k++) {
            synchronized (monitor) {
              order.append(id);
            }
            lock.lock();
            try {
              Env.sleep(Env.random().nextInt(5));
            } finally {
              lock.unlock();
            }
            Thread.yield();
            ch.send(id);
          }
        });
      }
      for (int i = 0; i < 100; i++) {
        order.append(ch.receive().orElseThrow());
      }
      return (long) order.toString().hashCode() * 31 + Env.nowNanos();
    });
  }

  @Test
  void sameSeedSameRunDifferentSeedsDiffer() throws Exception {
    long a = workload(11);
    assertThat(workload(11)).isEqualTo(a);
    assertThat(workload(12)).isNotEqualTo(a);
  }

  @Test
  void deadlockIsReportedWithEveryThread() {
    assertThatThrownBy(() -> sim(3, () -> {
      ReentrantLock a = new ReentrantLock();
      ReentrantLock b = new ReentrantLock();
      Env.go("left", () -> {
        a.lock();
        Env.sleep(10);
        b.lock();
      });
      Env.go("right", () -> {
        b.lock();
        Env.sleep(10);
        a.lock();
      });
      new Channel<String>().receive();
      return null;
    }))
        .isInstanceOf(RunFailure.class)
        .hasMessageContaining("DEADLOCK")
        .hasMessageContaining("tester/left")
        .hasMessageContaining("tester/right")
        .hasMessageContaining("tester/main")
        .hasMessageContaining("SimulationBasicsTest");
  }

  @Test
  void threadSleepIsForbiddenAndNamesTheReplacement() {
    assertThatThrownBy(() -> sim(4, () -> {
      Thread.sleep(50);
      return null;
    }))
        .isInstanceOf(RunFailure.class)
        .hasMessageContaining("FORBIDDEN_CALL")
        .hasMessageContaining("Thread.sleep")
        .hasMessageContaining("Env.sleep");
  }

  @Test
  void jdkConditionTimedAwaitIsForbidden() {
    assertThatThrownBy(() -> sim(5, () -> {
      ReentrantLock lock = new ReentrantLock();
      Condition c = lock.newCondition();
      lock.lock();
      try {
        c.await(10, TimeUnit.MILLISECONDS);
      } finally {
        lock.unlock();
      }
      return null;
    }))
        .isInstanceOf(RunFailure.class)
        .hasMessageContaining("Condition.await(time)")
        .hasMessageContaining("TimedLock");
  }

  @Test
  void uncaughtExceptionInAnyThreadFailsTheRun() {
    assertThatThrownBy(() -> sim(6, () -> {
      Env.go("bad", () -> {
        throw new IllegalStateException("boom");
      });
      Env.sleep(100);
      return null;
    }))
        .isInstanceOf(RunFailure.class)
        .hasMessageContaining("UNCAUGHT_EXCEPTION")
        .hasMessageContaining("boom");
  }

  @Test
  void crashedNodeStopsForGoodAndCannotBlockTheTester() throws Exception {
    String r = sim(7, () -> {
      World w = World.current();
      Node n = w.newNode("server-0");
      ReentrantLock lock = new ReentrantLock();
      int[] ticks = {0};
      n.start("holder", () -> {
        lock.lock();
        while (true) {
          ticks[0]++;
          Env.sleep(10);
        }
      });
      Env.sleep(100);
      var pending = new ArrayList<Boolean>();
      Env.go("caller", () -> pending.add(n.call(() -> {
        lock.lock();
        return "got lock";
      }).isPresent()));
      Env.sleep(50);
      w.crash(n);
      int after = ticks[0];
      Env.sleep(1000);
      return after + "/" + ticks[0] + "/" + pending + "/" + n.call(() -> "x").isPresent();
    });
    String[] parts = r.split("/");
    assertThat(parts[0]).isEqualTo(parts[1]);
    assertThat(parts[2]).isEqualTo("[false]");
    assertThat(parts[3]).isEqualTo("false");
  }

  @Test
  void channelReceiveTimesOutInVirtualTime() throws Exception {
    long t = sim(8, () -> {
      Channel<String> ch = new Channel<>();
      assertThat(ch.receive(Duration.ofMillis(250))).isEmpty();
      return Env.nowMillis();
    });
    assertThat(t).isEqualTo(250);
  }

  @Test
  void virtualTimeLimitStopsARunThatNeverEnds() {
    assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 9, RunLimits.DEFAULT.withVirtualTime(Duration.ofSeconds(5)), () -> {
      while (true) {
        Env.sleep(100);
      }
    })).isInstanceOf(RunFailure.class).hasMessageContaining("VIRTUAL_TIME_LIMIT");
  }

  @Test
  void livelockIsReported() {
    assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 10, RunLimits.DEFAULT.withMaxStepsWithoutTimeProgress(10_000), () -> {
      Channel<Integer> a = new Channel<>();
      Channel<Integer> b = new Channel<>();
      Env.go("ping", () -> {
        while (true) {
          b.send(1);
          a.receive();
        }
      });
      while (true) {
        a.send(1);
        b.receive();
      }
    })).isInstanceOf(RunFailure.class).hasMessageContaining("LIVELOCK").hasMessageContaining("tester/ping");
  }

  @Test
  void closedChannelDropsSendsAndWakesItsReader() throws Exception {
    String r = sim(11, () -> {
      Channel<String> ch = new Channel<>();
      ch.send("kept");
      Channel<String> results = new Channel<>();
      Env.go("reader", () -> {
        results.send(ch.receive().orElse("none"));
        results.send(ch.receive().orElse("empty after close"));
      });
      Env.sleep(10);
      ch.close();
      ch.send("dropped");
      return results.receive().orElseThrow() + "/" + results.receive().orElseThrow() + "/" + ch.size();
    });
    assertThat(r).isEqualTo("kept/empty after close/0");
  }

  @Test
  void realTimeLimitStopsARunThatNeverFinishes() {
    RunLimits limits = RunLimits.DEFAULT.withVirtualTime(Duration.ofDays(100)).withRealTime(Duration.ofSeconds(1));
    assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 12, limits, () -> {
      while (true) {
        Env.sleep(1);
      }
    })).isInstanceOf(RunFailure.class).hasMessageContaining("REAL_TIME_LIMIT").hasMessageContaining("tester/main");
  }

  @Test
  void wakeUpFromAThreadOutsideTheSimulationIsReportedAsNondeterminism() {
    RunLimits limits = RunLimits.DEFAULT.withVirtualTime(Duration.ofDays(100));
    assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 13, limits, () -> {
      Channel<String> ch = new Channel<>();
      Env.go("ticker", () -> {
        while (true) {
          Env.sleep(1);
        }
      });
      Thread.ofPlatform().daemon(true).name("outsider").start(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
        ch.send("from outside");
      });
      return ch.receive().orElseThrow();
    }))
        .isInstanceOf(RunFailure.class)
        .hasMessageContaining("NONDETERMINISM")
        .hasMessageContaining("outsider");
  }
}
