package labs.harness;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import labs.runtime.RunFailure;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs one {@link LabTest} invocation with one seed inside a fresh world: checks the rules for
 * student code first (once per JVM), prints the summary line of a pass, and after a failure in
 * the simulation runs the seed once more to say whether it replays, before the failure is
 * rewritten with the seed, the replay command, the trace and the report ({@link FailureReport}).
 * With {@code -Dlabs.checkDeterminism=true} a passing seed is run twice as well.
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

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    invocation.skip();
    Method method = call.getExecutable();
    Object target = call.getTarget().orElseThrow();
    Object[] args = call.getArguments().toArray();
    FailureReport reports = new FailureReport(settings, method, target.getClass());
    SeedAdvice advice = SeedAdvice.of(context, settings);
    advice.started();
    String rules = RulesGate.violations(target.getClass());
    if (!rules.isEmpty()) {
      throw reports.rulesBroken(rules);
    }
    boolean simulated = settings.mode() == World.Mode.SIMULATION;
    Outcome first = runOnce(method, target, args, true);
    if (first.error() == null && settings.race()) {
      String unseen = RaceCheck.unseenStudentCode(first.world(), target.getClass());
      if (unseen != null) {
        first = new Outcome(first.world(), new RunFailure(RunFailure.Kind.SELF_TEST, unseen), first.realNanos(),
            first.virtualNanos()); // not replayed: a second run would pass just the same
      }
    }
    if (first.error() != null) {
      String replayed = null;
      if (simulated && settings.proveReplay() && first.world() != null && Replay.worthRunning(first.error())) {
        replayed = Replay.verdict(first, runOnce(method, target, args, false));
      }
      throw reports.of(seed, first, replayed);
    }
    if (settings.checkDeterminism() && simulated) {
      Outcome second = runOnce(method, target, args, false);
      String difference = second.error() != null ? "the second run failed: " + second.error()
          : Replay.firstDifference(first.world().trace(), second.world().trace());
      if (difference != null) {
        throw reports.of(seed, new Outcome(first.world(), new RunFailure(RunFailure.Kind.NONDETERMINISM,
            "two runs of seed " + seed + " differ: " + difference), first.realNanos(), first.virtualNanos()), null);
      }
    }
    RunStats stats = RunStats.forWorld(first.world());
    String times = simulated
        ? String.format(Locale.ROOT, "%7.2f s virtual %6.2f s real", first.virtualNanos() / 1e9, first.realNanos() / 1e9)
        : String.format(Locale.ROOT, "%7.2f s real (real threads)", first.realNanos() / 1e9);
    System.out.println(String.format(Locale.ROOT, "  PASS  %-" + NAME_WIDTH.get(method.getDeclaringClass())
        + "s seed %-10d %s %2d peers %7d RPCs %11d bytes %6d ops%s", FailureReport.describe(method), seed, times, stats.peers(), stats.rpcs(), stats.bytes(), stats.ops(),
        settings.checkDeterminism() ? "  (deterministic)" : ""));
    RunStats.forget(first.world());
    advice.passed();
  }

  /** One run; the summary line's stats are kept only for a {@code counted} run that passes. */
  private Outcome runOnce(Method method, Object target, Object[] args, boolean counted) {
    World[] world = new World[1];
    RunLimits limits = RunLimits.DEFAULT.withDebug(settings.debug())
        .withVirtualTime(Duration.ofSeconds(spec.seconds()))
        .withRealTime(Duration.ofSeconds(spec.realSeconds()))
        .withBusyStep(settings.busyStep())
        .withRaceDetection(settings.race());
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
    if (world[0] != null && (error != null || !counted)) {
      RunStats.forget(world[0]);
    }
    return new Outcome(world[0], error, real, virtual);
  }

  /**
   * The width of the name column of a class's summary lines: its longest test name, so that the
   * lines of one class line up however long its display names are (at least 52, at most 100).
   */
  private static final ClassValue<Integer> NAME_WIDTH = new ClassValue<>() {
    @Override
    protected Integer computeValue(Class<?> type) {
      int longest = 52;
      for (Method m : type.getDeclaredMethods()) {
        if (m.isAnnotationPresent(LabTest.class)) {
          longest = Math.max(longest, FailureReport.describe(m).length());
        }
      }
      return Math.min(longest, 100);
    }
  };

  private static Exception rethrow(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (Exception) t;
  }
}
