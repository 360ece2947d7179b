package labs.harness;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import labs.runtime.RunLimits;
import labs.runtime.World;

/**
 * Lab tests run as scenarios by the tests of the tests: a test method of a class loaded by a
 * given loader (usually one of {@link ReferenceCopies}, a reference with a deliberate bug), run in
 * the simulation with a given seed, outside JUnit, its failure caught as a message. One runner for
 * every lab's deliberate bugs, so each lab lists only its bugs and the scenarios that catch them.
 *
 * <pre>{@code
 * Optional<Scenarios.Failure> caught = Scenarios.firstFailure(broken, name -> "kvraft." + name,
 *     List.of("KvTest#basic", "KvTest#manyClients"), 5);
 * }</pre>
 */
public final class Scenarios {
  /** A generous wall-clock stop for one scenario: a deliberate bug may hang a run until then. */
  private static final Duration REAL_TIME = Duration.ofSeconds(120);

  /**
   * The first failing run of a search.
   *
   * @param scenario {@code Class#method} as listed
   * @param seed the seed it failed with
   * @param message its failure message, whole
   */
  public record Failure(String scenario, long seed, String message) {
    /** The message's first line: what a student reads first. */
    public String firstLine() {
      return message.strip().lines().findFirst().orElse("");
    }
  }

  private Scenarios() {}

  /**
   * Runs each scenario with seeds 1, 2, ... up to {@code seeds} (all scenarios of a seed before
   * the next seed) and returns the first failure, or empty if every run passed.
   *
   * @param qualify turns a scenario's class name ({@code "KvTest"}) into a binary class name
   */
  public static Optional<Failure> firstFailure(ClassLoader loader, Function<String, String> qualify,
      List<String> scenarios, int seeds) throws Exception {
    for (long seed = 1; seed <= seeds; seed++) {
      for (String scenario : scenarios) {
        String message = run(loader, qualify, scenario, seed);
        if (message != null) {
          return Optional.of(new Failure(scenario, seed, message));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Runs one scenario ({@code Class#method}): a {@link LabTest} in the simulation with {@code seed}
   * and the limits the system properties ask for (the race detector among them), any other test
   * method once as it is. Returns its failure message, or null if it passed.
   */
  public static String run(ClassLoader loader, Function<String, String> qualify, String scenario, long seed)
      throws Exception {
    int hash = scenario.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("a scenario is Class#method, not \"" + scenario + "\"");
    }
    Class<?> testClass = loader.loadClass(qualify.apply(scenario.substring(0, hash)));
    var constructor = testClass.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object instance = constructor.newInstance();
    Method method = testClass.getDeclaredMethod(scenario.substring(hash + 1));
    method.setAccessible(true);
    // The run's threads inherit the context loader: the codec finds the changed classes through it
    // when it decodes a message (a command, an RPC's arguments) that travelled as bytes.
    Thread me = Thread.currentThread();
    ClassLoader saved = me.getContextClassLoader();
    me.setContextClassLoader(loader);
    try {
      if (!method.isAnnotationPresent(LabTest.class)) {
        invoke(instance, method);
        return null;
      }
      World.run(World.Mode.SIMULATION, seed, RunLimits.fromSystemProperties().withRealTime(REAL_TIME), () -> {
        invoke(instance, method);
        return null;
      });
      return null;
    } catch (Throwable t) {
      return String.valueOf(t.getMessage());
    } finally {
      me.setContextClassLoader(saved);
    }
  }

  private static void invoke(Object instance, Method method) throws Exception {
    try {
      method.invoke(instance);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw (Exception) e.getCause();
    }
  }
}
