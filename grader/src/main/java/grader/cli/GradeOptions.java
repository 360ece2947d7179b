package grader.cli;

import grader.exec.Limits;
import grader.exec.Selection;
import grader.grade.Results;
import grader.grade.SubmissionGrader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How submissions are graded: labs, tests, seeds, limits, scoring. Shared by grade and gradescope. */
public final class GradeOptions {
  @Option(names = {"-pl", "--lab"}, split = ",", paramLabel = "LAB",
      description = "labs to grade (default: those the submission changed, or all)")
  List<String> labs = new ArrayList<>();

  @Option(names = {"-g", "--groups"}, split = ",", paramLabel = "TAG", description = "only tests with these part tags")
  List<String> groups = new ArrayList<>();

  @Option(names = {"-t", "--test"}, split = ",", paramLabel = "NAME", description = "only these tests")
  List<String> tests = new ArrayList<>();

  @Option(names = {"-n", "--seeds"}, paramLabel = "N",
      description = "seeds per seeded test, the same list for everyone (default: ${DEFAULT-VALUE})")
  int seeds = 5;

  @Option(names = "--seed", paramLabel = "S", description = "the first seed of the list (default: ${DEFAULT-VALUE})")
  long seedBase = 1;

  @Option(names = "--real-runs", paramLabel = "N",
      description = "extra runs of each seeded test on real threads (default: ${DEFAULT-VALUE})")
  int realRuns = 0;

  @Option(names = "--scoring", paramLabel = "MODE",
      description = "FRACTION (points x seeds passed) or ALL_OR_NOTHING (default: ${DEFAULT-VALUE})")
  Results.Scoring scoring = Results.Scoring.FRACTION;

  @Option(names = "--test-timeout", paramLabel = "SECONDS",
      description = "cap on one test's JVM (default: the test's own limit plus a minute)")
  Long testTimeout;

  @Option(names = "--submission-timeout", paramLabel = "SECONDS",
      description = "all tests of one submission (default: ${DEFAULT-VALUE})")
  long submissionTimeout = 1800;

  @Option(names = "--no-scan", description = "skip the static check of student code (only the process limits protect)")
  boolean noScan;

  @Option(names = "--commit", paramLabel = "REV", description = "git submissions: grade this commit")
  String commit;

  @Option(names = "--deadline", paramLabel = "TIME",
      description = "git submissions: grade the last commit before this time (git's --before syntax, e.g. 2026-12-01T23:59)")
  String deadline;

  SubmissionGrader.Options options(CommonOptions common) {
    return new SubmissionGrader.Options(labs, new Selection(groups, tests), seeds, seedBase, realRuns, scoring,
        testTimeout == null ? null : Duration.ofSeconds(testTimeout), Duration.ofSeconds(submissionTimeout), !noScan,
        common.jobs, new Limits(Duration.ofMinutes(10), common.memory, common.outputBytes()), commit, deadline);
  }
}
