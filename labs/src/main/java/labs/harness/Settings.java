package labs.harness;

import java.security.SecureRandom;
import java.util.stream.LongStream;
import labs.runtime.World;

/**
 * The harness's command-line switches, read once from the system properties.
 *
 * @param seed {@code -Dlabs.seed}, or null for a random seed per run
 * @param iterations {@code -Dlabs.iterations} (default 1): seeds per test
 * @param checkDeterminism {@code -Dlabs.checkDeterminism}: run each seed twice and compare traces
 * @param mode {@code -Dlabs.runtime=sim|real}
 * @param debug {@code -Dlabs.debug}: print log lines as they happen
 * @param module the Maven module of the tests (set by the build), for the replay command
 * @param solution whether the build runs the reference solution ({@code -Psolution})
 */
record Settings(Long seed, int iterations, boolean checkDeterminism, World.Mode mode, boolean debug,
    String module, boolean solution) {

  static Settings fromSystemProperties() {
    String s = System.getProperty("labs.seed", "").trim();
    Long seed;
    try {
      seed = s.isEmpty() ? null : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-Dlabs.seed=" + s + " is not a number: give a seed printed by a failed test");
    }
    String it = System.getProperty("labs.iterations", "1").trim();
    int iterations;
    try {
      iterations = Integer.parseInt(it);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-Dlabs.iterations=" + it + " is not a whole number");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("-Dlabs.iterations must be at least 1, not " + iterations);
    }
    return new Settings(seed, iterations, Boolean.getBoolean("labs.checkDeterminism"),
        World.Mode.fromSystemProperties(), Boolean.getBoolean("labs.debug"),
        System.getProperty("labs.module", ""), "solution".equals(System.getProperty("labs.impl")));
  }

  /** The seeds to run: the given one (then the next ones), or fresh random ones. */
  LongStream seeds() {
    if (seed != null) {
      return LongStream.range(0, iterations).map(i -> seed + i);
    }
    SecureRandom r = new SecureRandom();
    return LongStream.generate(() -> r.nextLong() & 0xffff_ffffL).limit(iterations);
  }

  /** The one command that replays a test with a seed. */
  String replayCommand(String testClass, String method, long seed) {
    StringBuilder sb = new StringBuilder("./mvnw test");
    if (!module.isEmpty()) {
      sb.append(" -pl ").append(module);
    }
    sb.append(" -Dtest='").append(testClass).append('#').append(method).append("' -Dlabs.seed=").append(seed);
    if (solution) {
      sb.append(" -Psolution");
    }
    if (mode == World.Mode.REAL) {
      sb.append(" -Dlabs.runtime=real");
    }
    return sb.toString();
  }
}
