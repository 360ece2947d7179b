package grader.release;

import grader.build.Maven;
import grader.build.Workspace;
import grader.course.Course;
import grader.exec.ForkResult;
import grader.grade.Results;
import grader.grade.SubmissionGrader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an exported release: no trace of a solution ({@link LeakScan}), the whole tree builds,
 * and the skeleton's graded tests fail cleanly: each with the test's own message, none by a
 * crash, a time limit or a build error (a skeleton that hangs or crashes would teach nothing).
 */
public final class Verify {
  private static final List<String> UNCLEAN = List.of("no result within", "the test JVM exited", "printed more",
      "ran out of memory", "the test could not start", "not run", "did not run");

  private Verify() {}

  public record Report(List<String> leaks, String buildErrors, List<String> unclean, int failedCleanly) {
    public boolean ok() {
      return leaks.isEmpty() && buildErrors == null && unclean.isEmpty();
    }
  }

  public static Report run(Course course, Path export, Path out, Maven maven, SubmissionGrader.Options options,
      String heap, boolean race) {
    List<String> leaks = LeakScan.findings(course, export);
    ForkResult build = maven.run(export, out.resolve("release-build.log"), List.of("-q", "test-compile"));
    if (build.exitCode() != 0 || build.killed() != null) {
      return new Report(leaks, "the release does not build: see " + build.log() + "\n" + tail(build.log()), List.of(), 0);
    }
    Workspace ws = new Workspace(Course.at(export), out.resolve("skeleton"), null, maven, heap, race);
    Path empty = out.resolve("empty-submission");
    try {
      Files.createDirectories(empty);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Results.Submission r = new SubmissionGrader(ws, options).grade(empty, "skeleton", x -> {});
    List<String> unclean = new ArrayList<>();
    int clean = 0;
    for (Results.Lab lab : r.labs()) {
      if (!lab.status().equals("graded")) {
        unclean.add(lab.lab() + ": " + lab.status() + " " + lab.reason());
        continue;
      }
      for (Results.Test t : lab.tests()) {
        if (t.maxPoints() == 0) {
          continue;
        }
        boolean bad = t.verdict().equals("passed") || t.failed().stream()
            .anyMatch(o -> UNCLEAN.stream().anyMatch(u -> o.reason().startsWith(u)));
        if (bad) {
          unclean.add(lab.lab() + " " + t.id() + ": " + t.verdict() + ": " + t.reason());
        } else {
          clean++;
        }
      }
    }
    return new Report(leaks, null, unclean, clean);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
