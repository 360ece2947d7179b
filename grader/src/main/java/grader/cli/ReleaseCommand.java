package grader.cli;

import grader.build.Maven;
import grader.course.Course;
import grader.release.Export;
import grader.release.Verify;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader release}: the student tree, without solutions, verified. */
@Command(name = "release", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Exports the student tree to DIR: no src/solution, no src/test-solution, no grader tests or "
        + "benchmarks; a README for students; the hash manifest that 'grade' checks. Then verifies it: no solution "
        + "file or line is left, it builds, and the skeleton's graded tests fail cleanly.",
        "Example: grader release --to ../labs-student"})
public final class ReleaseCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin GradeOptions grading;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "where the release is written")
  Path to;

  @Option(names = "--exclude", split = ",", paramLabel = "PATH",
      description = "paths left out (default: bench/, BENCHMARKS.md, docs/benchmarks/, grader/src/test/, .ci/run)")
  List<String> exclude = new ArrayList<>(Export.DEFAULT_EXCLUDES);

  @Option(names = "--no-verify", description = "export only")
  boolean noVerify;

  @Override
  public Integer call() {
    Course course = common.course();
    grading.seeds = Math.min(grading.seeds, 1);
    Export.write(course, to, exclude);
    System.out.println("release written to " + to);
    if (noVerify) {
      return 0;
    }
    Path out = common.out != null ? common.out : course.root().resolve("grader/target/grading/release");
    Verify.Report r = Verify.run(course, to, out.toAbsolutePath(), new Maven(!common.online, Duration.ofMinutes(15)),
        grading.options(common), common.memory, common.race);
    r.leaks().forEach(l -> System.out.println("LEAK: " + l));
    if (r.buildErrors() != null) {
      System.out.println(r.buildErrors());
    }
    r.unclean().forEach(u -> System.out.println("NOT CLEAN: " + u));
    System.out.println(r.ok() ? "verified: no solution file left, the release builds, " + r.failedCleanly()
        + " skeleton test(s) fail cleanly" : "the release is NOT ready (see above)");
    return r.ok() ? 0 : 1;
  }
}
