package grader.similarity;

import grader.build.Maven;
import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Lab;
import grader.exec.Fork;
import grader.exec.ForkResult;
import grader.exec.Limits;
import grader.grade.Intake;
import grader.grade.Overlay;
import grader.course.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The optional plagiarism check: the student files of every submission of a class, one folder
 * each, compared by JPlag (from Maven Central, resolved when needed) with the skeleton as base
 * code, so that the given code never counts as similar. When JPlag cannot be resolved the check
 * is skipped with a message; grading never depends on it.
 */
public final class Similarity {
  public static final String DEFAULT_VERSION = "6.3.0";

  private Similarity() {}

  /** The outcome: the report's path, or why there is none. */
  public record Outcome(Path report, String skipped) {}

  public static Outcome run(Course course, Lab lab, Path classDir, Path out, Maven maven, String version) {
    Path subs = out.resolve("submissions");
    Path base = out.resolve("base");
    FileTrees.delete(subs);
    FileTrees.delete(base);
    FileTrees.copy(lab.studentDir(), base, FileTrees.files(lab.studentDir(), f -> f.endsWith(".java")));
    Manifest manifest = Manifest.compute(course);
    int count = 0;
    for (Path s : grader.grade.ClassFiles.submissions(classDir)) {
      String id = Intake.idOf(s);
      Intake.Taken t = Intake.take(s, out.resolve(".work").resolve(id), null, null, out.resolve(".work/" + id + ".log"));
      Map<String, Path> files = Overlay.sort(course, manifest, t.files()).studentFiles().get(lab.name());
      if (files == null || files.isEmpty()) {
        continue;
      }
      for (var e : files.entrySet()) {
        FileTrees.copy(e.getValue().getParent(), subs.resolve(id).resolve(e.getKey()).getParent(),
            List.of(e.getValue().getFileName().toString()));
      }
      count++;
    }
    FileTrees.delete(out.resolve(".work"));
    if (count < 2) {
      return new Outcome(null, "fewer than two submissions have files for " + lab.name() + ": nothing to compare");
    }
    List<String> classpath = resolve(course, out, maven, version);
    if (classpath == null) {
      return new Outcome(null, "JPlag " + version + " (de.jplag:cli) could not be resolved from Maven Central here "
          + "(see " + out.resolve("jplag-resolve.log") + "): the similarity check was skipped");
    }
    Path result = out.resolve("jplag-report");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(java.io.File.pathSeparator, classpath), "de.jplag.cli.CLI", "-l", "java",
        "-bc", base.toString(), "-r", result.toString(), subs.toString()));
    ForkResult r = Fork.run(cmd, out, Map.of(), null, out.resolve("jplag.log"), new Limits(Duration.ofMinutes(30), "4g",
        64L << 20));
    if (r.exitCode() != 0) {
      return new Outcome(null, "JPlag failed (exit " + r.exitCode() + "; log " + r.log() + "): " + r.tail());
    }
    return new Outcome(result, null);
  }

  /** JPlag's class path through Maven (a throwaway pom in the output folder), or null. */
  private static List<String> resolve(Course course, Path out, Maven maven, String version) {
    Path dir = out.resolve("jplag-resolve");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("pom.xml"), """
          <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
            <groupId>local.grader</groupId><artifactId>jplag-resolve</artifactId><version>1</version>
            <dependencies><dependency><groupId>de.jplag</groupId><artifactId>cli</artifactId>
              <version>%s</version></dependency></dependencies>
          </project>""".formatted(version));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ForkResult r = maven.runPom(course.root(), dir.resolve("pom.xml"), out.resolve("jplag-resolve.log"),
        List.of("-q", "dependency:build-classpath", "-Dmdep.outputFile=" + dir.resolve("classpath.txt")));
    Path cp = dir.resolve("classpath.txt");
    if (r.exitCode() != 0 || !Files.isRegularFile(cp)) {
      return null;
    }
    try {
      return List.of(Files.readString(cp).trim().split(java.io.File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
