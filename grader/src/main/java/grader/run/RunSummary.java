package grader.run;

import grader.exec.JobRunner;
import grader.exec.RunOutcome;
import grader.exec.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code grader run} found, per test: runs, failures, slowest run, summed virtual and real
 * time; then every failed run with its replay command and trace; then the throughput.
 */
public record RunSummary(List<Row> rows, List<Failure> failures, double wallSeconds, long runs) {
  public record Row(String lab, String test, int runs, int failures, double slowestReal, double virtual, double real) {}

  public record Failure(String lab, String test, Long seed, boolean real, String reason, String replay, String trace) {}

  public static RunSummary of(List<JobRunner.Done> done, double wallSeconds) {
    Map<String, List<RunOutcome>> byTest = new LinkedHashMap<>();
    Map<String, TestCase> tests = new LinkedHashMap<>();
    for (JobRunner.Done d : done) {
      TestCase t = d.job().spec().test();
      String key = t.lab() + " " + t.id();
      tests.put(key, t);
      byTest.computeIfAbsent(key, k -> new ArrayList<>()).addAll(d.outcomes());
    }
    List<Row> rows = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    long runs = 0;
    for (var e : byTest.entrySet()) {
      TestCase t = tests.get(e.getKey());
      List<RunOutcome> os = e.getValue();
      int failed = 0;
      double slowest = 0;
      double virtual = 0;
      double real = 0;
      for (RunOutcome o : os) {
        runs++;
        slowest = Math.max(slowest, o.realSeconds());
        virtual += Math.max(0, o.virtualSeconds());
        real += o.realSeconds();
        if (!o.passed()) {
          failed++;
          failures.add(new Failure(t.lab(), t.id(), o.seed(), o.real(), o.reason(), o.replay(), o.trace()));
        }
      }
      rows.add(new Row(t.lab(), t.id(), os.size(), failed, slowest, t.seeded() ? virtual : -1, real));
    }
    return new RunSummary(rows, failures, wallSeconds, runs);
  }

  public int failureCount() {
    return failures.size();
  }

  public double runsPerMinute() {
    return wallSeconds <= 0 ? 0 : runs * 60.0 / wallSeconds;
  }

  /** The table and the failures as Markdown (printed as is: it reads well as plain text). */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| lab | test | runs | failed | slowest (s real) | virtual (s, sum) | real (s, sum) |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %s | %.1f |%n", r.lab(), r.test(), r.runs(),
          r.failures(), r.slowestReal(), r.virtual() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.virtual()), r.real()));
    }
    sb.append(String.format(Locale.ROOT, "%n%d runs, %d failed, in %.1f s: %.1f runs (seeds) per minute%n", runs,
        failures.size(), wallSeconds, runsPerMinute()));
    if (!failures.isEmpty()) {
      sb.append("\n## Failed runs\n\n");
      for (Failure f : failures) {
        sb.append("- ").append(f.lab()).append(' ').append(f.test())
            .append(f.seed() == null ? "" : " seed " + f.seed()).append(f.real() ? " (real)" : "").append(": ")
            .append(f.reason()).append("\n  replay: `").append(f.replay()).append('`');
        if (f.trace() != null) {
          sb.append("\n  trace: ").append(f.trace());
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
