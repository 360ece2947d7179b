package grader.grade;

import grader.exec.RunOutcome;
import grader.exec.TestCase;
import java.util.List;

/** Turns a test's runs into points and a verdict; failed runs are kept (up to a bound) for the report. */
final class Scorer {
  private static final int KEPT_FAILURES = 10;

  private Scorer() {}

  static Results.Test score(TestCase t, List<RunOutcome> unordered, List<String> pages, Results.Scoring scoring) {
    List<RunOutcome> runs = unordered.stream().sorted(java.util.Comparator.comparing(RunOutcome::real)
        .thenComparing(r -> r.seed() == null ? 0L : r.seed())).toList();
    int passed = (int) runs.stream().filter(RunOutcome::passed).count();
    double fraction = runs.isEmpty() ? 0 : (double) passed / runs.size();
    double points = scoring == Results.Scoring.ALL_OR_NOTHING ? (passed == runs.size() && !runs.isEmpty() ? t.points() : 0)
        : Math.round(t.points() * fraction * 100) / 100.0;
    List<RunOutcome> failed = runs.stream().filter(r -> !r.passed()).toList();
    boolean notRun = !failed.isEmpty() && failed.size() == runs.size()
        && failed.stream().allMatch(r -> r.reason().startsWith("not run"));
    String verdict = passed == runs.size() ? "passed" : notRun ? "not-run" : passed == 0 ? "failed" : "partial";
    String reason = failed.isEmpty() ? "passed " + passed + " of " + runs.size() + " run(s)"
        : (passed + " of " + runs.size() + " run(s) passed; first failure"
            + (failed.getFirst().seed() == null ? "" : " (seed " + failed.getFirst().seed() + ")") + ": "
            + failed.getFirst().reason());
    double real = runs.stream().mapToDouble(RunOutcome::realSeconds).sum();
    return new Results.Test(t.lab(), t.id(), t.displayName(), t.tags(), t.points(), points, runs.size(), passed,
        verdict, reason, failed.stream().limit(KEPT_FAILURES).toList(), pages.stream().sorted().toList(), Math.round(real * 100) / 100.0);
  }

  /** Every test of a lab that did not run, with the same reason. */
  static List<Results.Test> none(List<TestCase> tests, String verdict, String reason) {
    return tests.stream().map(t -> new Results.Test(t.lab(), t.id(), t.displayName(), t.tags(), t.points(), 0, 0, 0,
        verdict, reason, List.of(), List.of(), 0)).toList();
  }
}
