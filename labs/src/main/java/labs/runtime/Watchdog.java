package labs.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One daemon platform thread per JVM that watches running simulations from outside.
 *
 * <p>A simulated thread that runs longer than {@link RunLimits#busyStep()} without blocking is a
 * busy loop. Nothing can preempt a virtual thread on JDK 25, so the watchdog first asks the
 * simulation to stop the thread the next time it calls the runtime (most polling loops read
 * {@code Env.nowMillis()}, log or pick a random number): it then dies with the report, and the
 * run fails normally. A thread that calls nothing of the runtime within {@link #GRACE_NANOS} is
 * abandoned on its carrier (a platform thread of its own), and the run fails with the same
 * report; the JVM lives on, but while that thread spins, later simulations refuse to start (one
 * core is gone, and a lab's tests would all spin the same way).
 *
 * <p>A run over its real-time limit is aborted at its next step.
 */
final class Watchdog {
  /** How long a busy thread gets to call the runtime, once found, before it is abandoned. */
  static final long GRACE_NANOS = 2_000_000_000L;
  private static final Map<Simulation, Long> WATCHED = new ConcurrentHashMap<>();
  private static final List<Spinner> SPINNERS = new CopyOnWriteArrayList<>();
  private static volatile Thread thread;

  /** A carrier left behind with a thread that never stopped spinning. */
  private record Spinner(Thread carrier, String thread, long seed) {}

  private Watchdog() {}

  static void watch(Simulation sim) {
    WATCHED.put(sim, System.nanoTime());
    if (thread == null) {
      synchronized (Watchdog.class) {
        if (thread == null) {
          thread = Thread.ofPlatform().daemon(true).name("labs-watchdog").start(Watchdog::patrol);
        }
      }
    }
  }

  static void unwatch(Simulation sim) {
    WATCHED.remove(sim);
  }

  static void abandoned(Simulation sim, SimThread spinner) {
    SPINNERS.add(new Spinner(sim.carrier(), spinner.label(), sim.seed()));
  }

  /** Refuses to start a simulation while a thread of an earlier one still spins on its carrier. */
  static void refuseWhileSpinning() {
    for (Spinner s : SPINNERS) {
      if (!s.carrier().isAlive() || s.carrier().getState() != Thread.State.RUNNABLE) {
        SPINNERS.remove(s);
        continue;
      }
      throw new RunFailure(RunFailure.Kind.BUSY_LOOP, "not run: thread " + s.thread() + " of an earlier test (seed "
          + s.seed() + ") still spins in a busy loop that cannot be stopped, and keeps a CPU core busy until this JVM "
          + "ends. That test's failure shows where the loop is; fix it and run again.");
    }
  }

  private static void patrol() {
    while (true) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      long nowReal = System.nanoTime();
      WATCHED.forEach((sim, startedAt) -> {
        long stepStart = sim.stepStartedRealNanos();
        SimThread running = sim.runningThread();
        if (stepStart != 0 && running != null && nowReal - stepStart > sim.limits().busyStep().toNanos()) {
          sim.busyLoop(running, (nowReal - stepStart) / 1_000_000, GRACE_NANOS);
        }
        if (nowReal - startedAt > sim.limits().realTime().toNanos()) {
          sim.abort(RunFailure.Kind.REAL_TIME_LIMIT, "the test ran for more than "
              + sim.limits().realTime().toSeconds() + " s of real time (the per-test limit) without finishing.");
        }
      });
    }
  }
}
