package grader.exec;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a forked process ended, as the grader saw it from outside.
 *
 * @param exitCode the exit status (meaningless when killed)
 * @param killed why the grader killed it: null, "time", or "output"
 * @param elapsed wall time from start to end
 * @param outputBytes how much it printed
 * @param head the start of its output, bounded
 * @param tail the end of its output, bounded
 * @param log the file that holds its output (up to the cap)
 */
public record ForkResult(int exitCode, String killed, Duration elapsed, long outputBytes, String head, String tail,
    Path log) {

  public boolean timedOut() {
    return "time".equals(killed);
  }

  public boolean outputCapped() {
    return "output".equals(killed);
  }

  /** Everything kept of the output: head, and tail if different. */
  public String output() {
    return tail.isEmpty() ? head : head + "\n[... " + (outputBytes - head.length() - tail.length()) + " bytes ...]\n" + tail;
  }
}
