package grader.cli;

import grader.gradescope.AutograderZip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader gradescope}: the autograder zip for Gradescope. */
@Command(name = "gradescope", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Builds Gradescope's autograder.zip: setup.sh (installs JDK 25 if needed, builds the course "
        + "once), run_autograder (grades /autograder/submission into /autograder/results/results.json, with partial "
        + "results after every test) and the course without its solutions. The grade options given here are baked "
        + "into run_autograder. Make one autograder per lab (-pl).",
        "Example: grader gradescope -pl lab2-raft -n 3 --to out/gradescope-lab2"})
public final class GradescopeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin GradeOptions grading;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "where autograder.zip is written")
  Path to;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      description = "the assignment's time limit on Gradescope (default: ${DEFAULT-VALUE}, Gradescope's default)")
  long timeLimit = 600;

  @Option(names = "--visibility", paramLabel = "V", description = "visibility of the test results (default: ${DEFAULT-VALUE})")
  String visibility = "visible";

  @Override
  public Integer call() {
    List<String> opts = new ArrayList<>();
    grading.labs.forEach(l -> opts.addAll(List.of("-pl", l)));
    grading.groups.forEach(g -> opts.addAll(List.of("-g", g)));
    grading.tests.forEach(t -> opts.addAll(List.of("-t", t)));
    opts.addAll(List.of("-n", Integer.toString(grading.seeds), "--seed", Long.toString(grading.seedBase),
        "--real-runs", Integer.toString(grading.realRuns), "--scoring", grading.scoring.name(),
        "-j", Integer.toString(common.jobs), "--memory", common.memory, "--visibility", visibility));
    if (grading.testTimeout != null) {
      opts.addAll(List.of("--test-timeout", Long.toString(grading.testTimeout)));
    }
    if (grading.noScan) {
      opts.add("--no-scan");
    }
    if (!common.race) {
      opts.add("--no-race");
    }
    // Leave a minute and a half for the build and the reports; stop hard 20 s before the limit.
    long hard = Math.max(60, timeLimit - 20);
    opts.addAll(List.of("--submission-timeout", Long.toString(Math.max(30, timeLimit - 90))));
    Path zip = AutograderZip.build(common.course(), to.toAbsolutePath(), opts, hard);
    System.out.println("autograder: " + zip + "  (upload it on the assignment's Configure Autograder page)");
    return 0;
  }
}
