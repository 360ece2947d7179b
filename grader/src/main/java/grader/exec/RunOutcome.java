package grader.exec;

/**
 * One run of one test, as the grader decided it.
 *
 * @param seed the seed (null for a test that takes none)
 * @param real whether it ran on real threads ({@code -Dlabs.runtime=real})
 * @param passed the verdict
 * @param reason one line: why it failed (or "passed")
 * @param message the test's failure message, bounded (null when it passed or never reported)
 * @param realSeconds wall time of the run as the runner measured it (0 when unknown)
 * @param virtualSeconds simulated time the run took (negative when unknown)
 * @param replay the command that replays this run
 * @param trace where its trace was archived, relative to the output folder (null if none)
 */
public record RunOutcome(Long seed, boolean real, boolean passed, String reason, String message, double realSeconds,
    double virtualSeconds, String replay, String trace) {

  public RunOutcome withTrace(String path) {
    return new RunOutcome(seed, real, passed, reason, message, realSeconds, virtualSeconds, replay, path);
  }
}
