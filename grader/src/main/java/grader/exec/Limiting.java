package grader.exec;

import java.time.Duration;

/**
 * The wall-time limit of one test JVM, from the test's own bounds: a seeded test's real-time
 * limit per seed ({@code @LabTest(realSeconds)}) times its seeds, or JUnit's {@code @Timeout}, plus
 * a minute for the JVM to start and stop. These are generous safety nets against hangs; a verdict
 * never depends on them unless a run is far past its own limit.
 */
public final class Limiting {
  /** For a test with neither bound. */
  public static final Duration DEFAULT = Duration.ofMinutes(10);
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private Limiting() {}

  public static Duration perJvm(TestCase t, int seeds, boolean real) {
    if (t.seeded() && t.listed().realSeconds() > 0) {
      return Duration.ofSeconds((long) t.listed().realSeconds() * Math.max(1, seeds)).plus(STARTUP);
    }
    if (t.listed().timeoutSeconds() > 0) {
      return Duration.ofSeconds(t.listed().timeoutSeconds() * Math.max(1, seeds)).plus(STARTUP);
    }
    return DEFAULT;
  }
}
