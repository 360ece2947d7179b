package labs.harness;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import labs.runtime.RunFailure;
import labs.runtime.Trace;
import labs.runtime.World;
import org.junit.jupiter.api.DisplayName;

/**
 * Turns a failed run into the message a student sees: what went wrong (cut to fit a screen), then
 * the test, the seed, the replay command (and whether the seed replayed), and the paths of the
 * trace and of the whole report, which it writes under {@code target/labs-traces/}.
 */
final class FailureReport {
  /** Lines of the failure's own message shown on the console; the rest is in the report file. */
  static final int MESSAGE_LINES = 46;
  private static final int LINE_CHARS = 300;

  private final Settings settings;
  private final Method method;
  private final String testClass;

  FailureReport(Settings settings, Method method, Class<?> testClass) {
    this.settings = settings;
    this.method = method;
    this.testClass = testClass.getSimpleName();
  }

  /** The failure of a run with {@code seed}; {@code replayed} says how its second run went, or is null. */
  AssertionError of(long seed, Outcome outcome, String replayed) {
    Throwable error = outcome.error();
    String message = error instanceof AssertionError ? String.valueOf(error.getMessage()) : error.toString();
    String full = error instanceof RunFailure rf ? rf.fullReport() : message;
    World world = outcome.world();
    String hints = world != null && !(error instanceof RunFailure) ? world.explainLockWaits() : "";
    String base = testClass + "." + method.getName() + "-seed" + seed;
    String tracePath = "(no trace: the run did not start)";
    String reportPath = "(not written)";
    StringBuilder footer = new StringBuilder("\n  test:    ").append(describe(method))
        .append("\n  seed:    ").append(seed).append("   (").append(when(outcome)).append(')')
        .append("\n  replay:  ").append(settings.replayCommand(testClass, method.getName(), seed,
            error instanceof RunFailure rf && rf.kind() == RunFailure.Kind.DATA_RACE));
    if (settings.mode() == World.Mode.REAL) {
      footer.append("\n           (on real threads a run goes differently each time; the simulation replays exactly)");
    } else if (replayed != null) {
      footer.append("\n           ").append(replayed);
    }
    if (world != null) {
      Trace trace = world.trace();
      trace.record("tester", "failure", firstLine(message));
      try {
        tracePath = shown(TraceFiles.write(trace, base)) + "  (and .jsonl)";
      } catch (Exception e) {
        tracePath = "(could not write the trace: " + e + ")";
      }
    }
    footer.append("\n  trace:   ").append(tracePath);
    String reportTail = footer + "\n  report:  ";
    try {
      Path p = TraceFiles.writeReport(base, full + "\n" + hints + reportTail + "(this file)\n\n" + stackTrace(error));
      reportPath = shown(p) + "  (the whole report: every thread, whole stacks)";
    } catch (Exception e) {
      reportPath = "(could not write the report: " + e + ")";
    }
    footer.append("\n  report:  ").append(reportPath).append('\n');
    Throwable cause = error instanceof AssertionError ? error.getCause() : error;
    AssertionError decorated = new AssertionError(bounded(message) + hints + footer, cause);
    decorated.setStackTrace(userFrames(error.getStackTrace()));
    return decorated;
  }

  /** The student code breaks the rules: no run was made. */
  AssertionError rulesBroken(String rules) {
    String message = bounded(rules) + "\n  The rules for your code are checked before the first lab test of every run, so "
        + "one test or a replay sees them too;\n  no lab test runs until they are followed.\n"
        + "  test:    " + describe(method) + "\n  rerun:   " + settings.runCommand(testClass, method.getName()) + "\n";
    AssertionError e = new AssertionError(message);
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }

  private String when(Outcome o) {
    String flag = settings.mode().flag();
    if (settings.mode() == World.Mode.REAL) {
      return String.format(Locale.ROOT, "%s runtime, failed after %.3f s of real time", flag, o.realNanos() / 1e9);
    }
    return String.format(Locale.ROOT, "%s runtime, failed at %.3f s virtual time", flag, o.virtualNanos() / 1e9);
  }

  private String shown(Path p) {
    return (settings.module().isEmpty() ? "" : settings.module() + "/") + p;
  }

  /** The message cut to {@link #MESSAGE_LINES} lines of at most {@link #LINE_CHARS} characters. */
  static String bounded(String message) {
    List<String> lines = message.lines().toList();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size() && i < MESSAGE_LINES; i++) {
      String l = lines.get(i);
      sb.append(l.length() <= LINE_CHARS ? l : l.substring(0, LINE_CHARS) + " …(cut)").append('\n');
    }
    if (lines.size() > MESSAGE_LINES) {
      sb.append("  ... (").append(lines.size() - MESSAGE_LINES).append(" more lines in the report file below)\n");
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("");
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** The frames of the test class and the code under test, without the runtime's own. */
  private static StackTraceElement[] userFrames(StackTraceElement[] stack) {
    return java.util.Arrays.stream(stack)
        .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
            && !f.getClassName().startsWith("labs.runtime.") && !f.getClassName().startsWith("labs.harness.")
            && !f.getClassName().startsWith("org.junit.") && !f.getClassName().startsWith("org.assertj."))
        .toArray(StackTraceElement[]::new);
  }

  static String describe(Method method) {
    DisplayName dn = method.getAnnotation(DisplayName.class);
    return dn != null ? dn.value() : method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }
}
