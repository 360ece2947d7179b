package labs.harness;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import labs.runtime.RunLimits;
import labs.runtime.Trace;
import labs.runtime.World;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs one {@link LabTest} invocation with one seed inside a fresh world, prints the summary line
 * or rewrites the failure with the seed, the replay command and the trace, and (when asked)
 * checks that a second run of the seed does exactly the same.
 */
final class SeededRun implements InvocationInterceptor {
  private final long seed;
  private final Settings settings;
  private final LabTest spec;

  SeededRun(long seed, Settings settings, LabTest spec) {
    this.seed = seed;
    this.settings = settings;
    this.spec = spec;
  }

  private record Outcome(World world, Throwable error, long realNanos, long virtualNanos) {}

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    invocation.skip();
    Method method = call.getExecutable();
    Object target = call.getTarget().orElseThrow();
    Object[] args = call.getArguments().toArray();
    String name = describe(method);
    Outcome first = runOnce(method, target, args);
    if (first.error() == null && settings.checkDeterminism() && settings.mode() == World.Mode.SIMULATION) {
      Outcome second = runOnce(method, target, args);
      String difference = second.error() != null ? "the second run failed: " + second.error()
          : Determinism.firstDifference(first.world().trace(), second.world().trace());
      if (difference != null) {
        throw decorate(new AssertionError("NONDETERMINISM: two runs of seed " + seed + " differ: " + difference),
            first, method);
      }
    }
    if (first.error() != null) {
      throw decorate(first.error(), first, method);
    }
    RunStats stats = RunStats.forWorld(first.world());
    System.out.println(String.format(Locale.ROOT,
        "  PASS  %-52s seed %-10d %7.2f s virtual %6.2f s real %2d peers %7d RPCs %11d bytes %6d ops%s",
        name, seed, first.virtualNanos() / 1e9, first.realNanos() / 1e9, stats.peers(), stats.rpcs(),
        stats.bytes(), stats.ops(), settings.checkDeterminism() ? "  (deterministic)" : ""));
    RunStats.forget(first.world());
  }

  private Outcome runOnce(Method method, Object target, Object[] args) {
    World[] world = new World[1];
    RunLimits limits = RunLimits.DEFAULT.withDebug(settings.debug())
        .withVirtualTime(Duration.ofSeconds(spec.seconds()))
        .withRealTime(Duration.ofSeconds(spec.realSeconds()));
    long start = System.nanoTime();
    Throwable error = null;
    try {
      World.run(settings.mode(), seed, limits, () -> {
        world[0] = World.current();
        method.setAccessible(true);
        try {
          method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw rethrow(e.getCause());
        }
        return null;
      });
    } catch (Throwable t) {
      error = t;
    }
    long real = System.nanoTime() - start;
    long virtual = world[0] == null ? 0 : world[0].nowNanos();
    return new Outcome(world[0], error, real, virtual);
  }

  private static Exception rethrow(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (Exception) t;
  }

  private AssertionError decorate(Throwable error, Outcome outcome, Method method) {
    String testClass = method.getDeclaringClass().getSimpleName();
    String tracePath = "(no trace)";
    if (outcome.world() != null) {
      Trace trace = outcome.world().trace();
      trace.record("tester", "failure", String.valueOf(error.getMessage()).lines().findFirst().orElse(""));
      try {
        Path p = TraceFiles.write(trace, testClass + "." + method.getName() + "-seed" + seed);
        tracePath = (settings.module().isEmpty() ? "" : settings.module() + "/") + p + "  (and .jsonl)";
      } catch (Exception e) {
        tracePath = "(could not write the trace: " + e + ")";
      }
      RunStats.forget(outcome.world());
    }
    String message = String.valueOf(error.getMessage())
        + "\n\n  test:    " + describe(method)
        + "\n  seed:    " + seed + "   (" + settings.mode().flag() + " runtime, failed at "
        + String.format(Locale.ROOT, "%.3f", outcome.virtualNanos() / 1e9) + " s "
        + (settings.mode() == World.Mode.SIMULATION ? "virtual" : "") + " time)"
        + "\n  replay:  " + settings.replayCommand(testClass, method.getName(), seed)
        + "\n  trace:   " + tracePath + "\n";
    AssertionError decorated = new AssertionError(message, error);
    decorated.setStackTrace(userFrames(error.getStackTrace()));
    return decorated;
  }

  /** The frames of the test class and the code under test, without the runtime's own. */
  private static StackTraceElement[] userFrames(StackTraceElement[] stack) {
    List<StackTraceElement> keep = java.util.Arrays.stream(stack)
        .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
            && !f.getClassName().startsWith("labs.runtime.") && !f.getClassName().startsWith("labs.harness.")
            && !f.getClassName().startsWith("org.junit.") && !f.getClassName().startsWith("org.assertj."))
        .toList();
    return keep.toArray(StackTraceElement[]::new);
  }

  private static String describe(Method method) {
    DisplayName dn = method.getAnnotation(DisplayName.class);
    return dn != null ? dn.value() : method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  private static final class Determinism {
    static String firstDifference(Trace a, Trace b) {
      long[] ha = a.eventHashes();
      long[] hb = b.eventHashes();
      int n = Math.min(ha.length, hb.length);
      for (int i = 0; i < n; i++) {
        if (ha[i] != hb[i]) {
          return "event " + i + ":\n    run 1: " + eventAt(a, i) + "\n    run 2: " + eventAt(b, i)
              + "\n  Something in the code depends on more than the seed: a wall clock, unseeded randomness, "
              + "HashMap/HashSet order of objects without hashCode, thread ids, or static state kept between runs.";
        }
      }
      if (ha.length != hb.length) {
        return "run 1 recorded " + ha.length + " events, run 2 recorded " + hb.length;
      }
      return null;
    }

    private static String eventAt(Trace t, long index) {
      return t.events().stream().filter(e -> e.index() == index).findFirst().map(Object::toString)
          .orElse("(event " + index + ", no longer kept)");
    }
  }
}
