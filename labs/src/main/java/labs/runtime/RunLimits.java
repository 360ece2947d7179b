package labs.runtime;

import java.time.Duration;

/**
 * Bounds and switches of one run, with defaults a test rarely needs to change.
 *
 * @param virtualTime the most runtime time a run may take (virtual in the simulation); MIT's
 *     per-test cap is 120 s
 * @param realTime the most wall-clock time a run may take, so that a broken solution can never
 *     hang the build
 * @param busyStep how long (real time) one simulated thread may run without blocking before the
 *     run is reported as a busy loop (see {@code Watchdog} for how the thread is stopped)
 * @param maxStepsWithoutTimeProgress steps at one virtual instant before a livelock is reported
 * @param debug print every node's log lines as they happen ({@code -Dlabs.debug=true})
 */
public record RunLimits(
    Duration virtualTime,
    Duration realTime,
    Duration busyStep,
    long maxStepsWithoutTimeProgress,
    boolean debug) {

  /** 120 s virtual, 300 s real, 10 s per step, 5 million steps per instant. */
  public static final RunLimits DEFAULT =
      new RunLimits(Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(10), 5_000_000, false);

  /** The defaults, with {@code labs.debug} read from the system properties. */
  public static RunLimits fromSystemProperties() {
    return DEFAULT.withDebug(Boolean.getBoolean("labs.debug"));
  }

  public RunLimits withVirtualTime(Duration d) {
    return new RunLimits(d, realTime, busyStep, maxStepsWithoutTimeProgress, debug);
  }

  public RunLimits withRealTime(Duration d) {
    return new RunLimits(virtualTime, d, busyStep, maxStepsWithoutTimeProgress, debug);
  }

  public RunLimits withBusyStep(Duration d) {
    return new RunLimits(virtualTime, realTime, d, maxStepsWithoutTimeProgress, debug);
  }

  public RunLimits withMaxStepsWithoutTimeProgress(long n) {
    return new RunLimits(virtualTime, realTime, busyStep, n, debug);
  }

  public RunLimits withDebug(boolean on) {
    return new RunLimits(virtualTime, realTime, busyStep, maxStepsWithoutTimeProgress, on);
  }
}
