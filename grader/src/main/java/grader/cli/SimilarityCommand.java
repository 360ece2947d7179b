package grader.cli;

import grader.build.Maven;
import grader.course.Course;
import grader.course.Lab;
import grader.similarity.Similarity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader similarity}: JPlag over a class's student files, skipped cleanly when JPlag cannot be had. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
    description = {"Runs JPlag over the student files of one lab in every submission of a class, with the skeleton as "
        + "base code (given code never counts as similar), and writes its report. Skips with a message (exit 0) "
        + "when JPlag cannot be resolved from Maven Central.",
        "Example: grader similarity --class submissions/ -pl lab2-raft"})
public final class SimilarityCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--class", required = true, paramLabel = "DIR", description = "the folder of submissions")
  Path classDir;

  @Option(names = {"-pl", "--lab"}, required = true, paramLabel = "LAB", description = "the lab whose files to compare")
  String lab;

  @Option(names = "--jplag-version", paramLabel = "V", description = "de.jplag:cli version (default: ${DEFAULT-VALUE})")
  String version = Similarity.DEFAULT_VERSION;

  @Override
  public Integer call() {
    Course course = common.course();
    Lab l = course.select(List.of(lab)).getFirst();
    Path out = (common.out != null ? common.out : course.root().resolve("grader/target/grading/similarity"))
        .toAbsolutePath();
    // JPlag is not in the local repository until someone fetches it: this command always may.
    Similarity.Outcome o = Similarity.run(course, l, classDir, out, new Maven(false, Duration.ofMinutes(10)), version);
    System.out.println(o.report() != null ? "similarity report: " + o.report() : "skipped: " + o.skipped());
    return 0;
  }
}
