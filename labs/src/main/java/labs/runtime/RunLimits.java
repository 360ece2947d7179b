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
 * @param raceDetection run the race detector ({@code -Dlabs.race=true}): a data race in the
 *     instrumented student code fails the run with {@link RunFailure.Kind#DATA_RACE}
 */
public record RunLimits(
    Duration virtualTime,
    Duration realTime,
    Duration busyStep,
    long maxStepsWithoutTimeProgress,
    boolean debug,
    boolean raceDetection) {

  /** 120 s virtual, 300 s real, 10 s per step, 5 million steps per instant, no race detection. */
  public static final RunLimits DEFAULT =
      new RunLimits(Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(10), 5_000_000, false, false);

  /** The defaults, with {@code labs.debug} and {@code labs.race} read from the system properties. */
  public static RunLimits fromSystemProperties() {
    return DEFAULT.withDebug(Boolean.getBoolean("labs.debug")).withRaceDetection(Boolean.getBoolean("labs.race"));
  }

  public RunLimits withVirtualTime(Duration d) {
    return new RunLimits(d, realTime, busyStep, maxStepsWithoutTimeProgress, debug, raceDetection);
  }

  public RunLimits withRealTime(Duration d) {
    return new RunLimits(virtualTime, d, busyStep, maxStepsWithoutTimeProgress, debug, raceDetection);
  }

  public RunLimits withBusyStep(Duration d) {
    return new RunLimits(virtualTime, realTime, d, maxStepsWithoutTimeProgress, debug, raceDetection);
  }

  public RunLimits withMaxStepsWithoutTimeProgress(long n) {
    return new RunLimits(virtualTime, realTime, busyStep, n, debug, raceDetection);
  }

  public RunLimits withDebug(boolean on) {
    return new RunLimits(virtualTime, realTime, busyStep, maxStepsWithoutTimeProgress, on, raceDetection);
  }

  public RunLimits withRaceDetection(boolean on) {
    return new RunLimits(virtualTime, realTime, busyStep, maxStepsWithoutTimeProgress, debug, on);
  }
}
