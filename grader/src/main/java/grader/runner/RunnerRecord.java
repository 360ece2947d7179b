package grader.runner;

import java.util.List;

/**
 * One line the forked runner writes: a finished test invocation ({@code test} true; for a
 * {@code @LabTest} its name is {@code "seed N"}), a container that failed before its tests ran,
 * or the final {@code done} line. Also the listing of one test, {@link Listed}.
 */
public record RunnerRecord(String token, String name, boolean test, String status, String message, long millis,
    boolean done) {

  static RunnerRecord of(String token, String name, boolean test, String status, String message, long millis) {
    return new RunnerRecord(token, name, test, status, message, millis, false);
  }

  static RunnerRecord done(String token) {
    return new RunnerRecord(token, null, false, null, null, 0, true);
  }

  /**
   * A test as discovered: its class and method, JUnit display name and tags (the class's
   * included), {@code @Points} (null: not graded), whether it is a seeded {@code @LabTest} and
   * its limits ({@code @LabTest(seconds, realSeconds)}, or JUnit's {@code @Timeout} in seconds).
   */
  public record Listed(String className, String method, String displayName, List<String> tags, Integer points,
      boolean seeded, int virtualSeconds, int realSeconds, long timeoutSeconds) {}
}
