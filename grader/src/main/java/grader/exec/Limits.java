package grader.exec;

import java.time.Duration;

/**
 * What a forked JVM may use: wall time, heap, and how much it may print before it is stopped.
 *
 * @param wall the time after which the process tree is killed
 * @param heap the {@code -Xmx} value, for example {@code "1g"}; running out ends the JVM at once
 * @param outputBytes output (stdout and stderr together) beyond which the process tree is killed
 */
public record Limits(Duration wall, String heap, long outputBytes) {
  public static final Limits DEFAULT = new Limits(Duration.ofMinutes(10), "1g", 8L << 20);

  public Limits withWall(Duration d) {
    return new Limits(d, heap, outputBytes);
  }
}
