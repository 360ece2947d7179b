package labs.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One daemon platform thread per JVM that watches running simulations from outside. A simulated
 * thread that runs longer than {@link RunLimits#busyStep()} without blocking is a busy loop: the
 * only carrier is stuck and cannot be recovered, so the watchdog prints the thread's stack (also
 * to {@code target/labs-traces/BUSY-LOOP.txt}) and halts the JVM with exit code 3. A run over its
 * real-time limit is aborted at the next step.
 */
final class Watchdog {
  static final int BUSY_LOOP_EXIT_CODE = 3;
  private static final Map<Simulation, Long> WATCHED = new ConcurrentHashMap<>();
  private static volatile Thread thread;

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
          busyLoop(sim, running, (nowReal - stepStart) / 1_000_000);
        }
        if (nowReal - startedAt > sim.limits().realTime().toNanos()) {
          sim.abort("the test ran for more than " + sim.limits().realTime().toSeconds()
              + " s of real time (the per-test limit) without finishing.");
        }
      });
    }
  }

  private static void busyLoop(Simulation sim, SimThread running, long millis) {
    String report = "BUSY_LOOP: thread " + running.label() + " has run for " + millis + " ms of real time without "
        + "blocking, at virtual time " + ThreadReport.seconds(sim.now()) + ".\nIn the simulation a thread runs "
        + "until it sleeps, waits or makes an RPC; a loop that only polls a variable never lets time move on. "
        + "Sleep in the loop (Env.sleep) or wait on a condition.\nThe JVM is stopped (exit code "
        + BUSY_LOOP_EXIT_CODE + ") because a spinning thread cannot be interrupted. Its stack:\n"
        + ThreadReport.thread(running.label(), running.thread);
    System.err.println(report);
    System.err.flush();
    System.out.println(report);
    System.out.flush();
    try {
      Path dir = Path.of("target", "labs-traces");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("BUSY-LOOP.txt"), report);
    } catch (IOException | RuntimeException ignored) {
      // the report is already on stderr
    }
    Runtime.getRuntime().halt(BUSY_LOOP_EXIT_CODE);
  }
}
