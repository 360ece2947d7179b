package grader.gradescope;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import grader.exec.RunOutcome;
import grader.grade.Results;
import grader.report.MarkdownReport;
import grader.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graded submission in Gradescope's {@code results.json} format: one entry per test with
 * {@code score}, {@code max_score}, {@code status}, {@code name}, {@code number}, {@code output}
 * and {@code visibility}; the submission's summary, tampering and build errors in the top-level
 * {@code output}; {@code execution_time} in seconds. The total is the sum of the tests' scores.
 */
public final class GradescopeResults {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private static final int OUTPUT_CHARS = 8000;

  private GradescopeResults() {}

  public static Map<String, Object> of(Results.Submission s, String visibility) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("execution_time", Math.round(s.seconds()));
    StringBuilder output = new StringBuilder(s.summary()).append('\n');
    if ("partial".equals(s.status())) {
      output.append("\nGrading did not finish: the tests below marked 'not run yet' got no points.\n");
    }
    if (!s.tampering().isEmpty()) {
      output.append("\nChanged given files (the course's copies were used instead):\n");
      s.tampering().forEach(t -> output.append("  ").append(t).append('\n'));
    }
    s.notes().forEach(n -> output.append("Note: ").append(n).append('\n'));
    List<Map<String, Object>> tests = new ArrayList<>();
    int number = 0;
    for (Results.Lab lab : s.labs()) {
      if (lab.reason() != null) {
        output.append('\n').append(lab.lab()).append(": ").append(lab.reason()).append('\n');
      }
      if (lab.buildErrors() != null) {
        output.append("The compiler said:\n").append(lab.buildErrors()).append('\n');
      }
      lab.violations().stream().limit(20).forEach(v -> output.append("  ").append(v).append('\n'));
      for (Results.Test t : lab.tests()) {
        number++;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", t.points());
        m.put("max_score", t.maxPoints());
        m.put("status", t.verdict().equals("passed") ? "passed" : "failed");
        m.put("name", t.name());
        m.put("number", Integer.toString(number));
        m.put("output", testOutput(t));
        m.put("tags", t.tags());
        m.put("visibility", visibility);
        tests.add(m);
      }
    }
    top.put("output", bound(output.toString()));
    top.put("visibility", visibility);
    top.put("stdout_visibility", "hidden");
    top.put("tests", tests);
    return top;
  }

  private static String testOutput(Results.Test t) {
    StringBuilder sb = new StringBuilder(t.reason()).append('\n');
    for (RunOutcome o : t.failed()) {
      sb.append('\n').append(o.seed() == null ? "" : "seed " + o.seed() + (o.real() ? " (real threads)" : "") + ": ")
          .append(o.reason()).append("\n  replay: ").append(o.replay()).append('\n');
      if (o.message() != null && t.failed().indexOf(o) == 0) {
        sb.append(o.message()).append('\n');
      }
    }
    return bound(sb.toString());
  }

  private static String bound(String s) {
    return s.length() <= OUTPUT_CHARS ? s : s.substring(0, OUTPUT_CHARS) + "\n... (cut)";
  }

  public static void write(Path file, Results.Submission s, String visibility) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Reports.atomic(file, GSON.toJson(of(s, visibility)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code run_autograder} leaves if the grader never gets to write its own. */
  public static String fallback(String why) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("score", 0.0);
    top.put("output", why);
    top.put("tests", List.of());
    return GSON.toJson(top);
  }

  static String num(double d) {
    return MarkdownReport.num(d);
  }
}
