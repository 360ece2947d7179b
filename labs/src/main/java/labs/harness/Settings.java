package labs.harness;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.LongStream;
import labs.runtime.World;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The harness's switches, read once per test method from JUnit's configuration parameters or,
 * where none is set, the JVM's system properties ({@code -Dlabs.seed=...} on the Maven command
 * line).
 *
 * @param seed {@code labs.seed}, or null for a random seed per run
 * @param iterations {@code labs.iterations} (default 1): seeds per test
 * @param checkDeterminism {@code labs.checkDeterminism}: run each seed twice and compare traces
 * @param proveReplay {@code labs.proveReplay} (default true): after a failure in the simulation,
 *     run the seed again and say whether it failed the same way
 * @param mode {@code labs.runtime=sim|real}
 * @param debug {@code labs.debug}: print log lines as they happen
 * @param busyStep {@code labs.busyStepMillis} (default 10000): how long a simulated thread may run
 *     without blocking before it is reported as a busy loop
 * @param module the Maven module of the tests ({@code labs.module}, set by the build), for the replay command
 * @param solution whether the build runs the reference solution ({@code -Psolution}, {@code labs.impl})
 * @param race {@code labs.race}: run the race detector (the student classes are instrumented by the
 *     agent of the build's argLine when the JVM has {@code -Dlabs.race=true})
 */
record Settings(Long seed, int iterations, boolean checkDeterminism, boolean proveReplay, World.Mode mode,
    boolean debug, Duration busyStep, String module, boolean solution, boolean race) {

  static Settings from(ExtensionContext context) {
    return from(key -> context.getConfigurationParameter(key).orElseGet(() -> System.getProperty(key)));
  }

  private static Settings from(Function<String, String> get) {
    Long seed = number(get, "labs.seed", null, "give a seed printed by a failed test");
    long iterations = number(get, "labs.iterations", 1L, "give a whole number");
    if (iterations < 1 || iterations > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("-Dlabs.iterations must be at least 1, not " + iterations);
    }
    long busyMillis = number(get, "labs.busyStepMillis", 10_000L, "give milliseconds");
    if (busyMillis < 100) {
      throw new IllegalArgumentException("-Dlabs.busyStepMillis must be at least 100, not " + busyMillis);
    }
    String mode = get.apply("labs.runtime");
    return new Settings(seed, (int) iterations, flag(get, "labs.checkDeterminism", false),
        flag(get, "labs.proveReplay", true), World.Mode.parse(mode == null ? "sim" : mode),
        flag(get, "labs.debug", false), Duration.ofMillis(busyMillis), text(get, "labs.module"),
        "solution".equals(get.apply("labs.impl")), flag(get, "labs.race", false));
  }

  private static Long number(Function<String, String> get, String key, Long otherwise, String hint) {
    String s = text(get, key);
    if (s.isEmpty()) {
      return otherwise;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + key + "=" + s + " is not a number: " + hint);
    }
  }

  private static boolean flag(Function<String, String> get, String key, boolean otherwise) {
    String s = text(get, key);
    return s.isEmpty() ? otherwise : Boolean.parseBoolean(s);
  }

  private static String text(Function<String, String> get, String key) {
    String s = get.apply(key);
    return s == null ? "" : s.trim();
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
    return replayCommand(testClass, method, seed, false);
  }

  /** The one command that replays a test with a seed; {@code withRaces}: with the race detector on. */
  String replayCommand(String testClass, String method, long seed, boolean withRaces) {
    return command(testClass, method, " -Dlabs.seed=" + seed) + (mode == World.Mode.REAL ? " -Dlabs.runtime=real" : "")
        + (withRaces ? " -Dlabs.race=true" : "");
  }

  /** The command that runs one test (any seed). */
  String runCommand(String testClass, String method) {
    return command(testClass, method, "");
  }

  private String command(String testClass, String method, String switches) {
    StringBuilder sb = new StringBuilder("./mvnw test");
    if (!module.isEmpty()) {
      sb.append(" -pl ").append(module);
    }
    sb.append(" -Dtest='").append(testClass).append('#').append(method).append('\'').append(switches);
    if (solution) {
      sb.append(" -Psolution");
    }
    return sb.toString();
  }
}
