package grader.release;

import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the student tree: every course file except the reference solutions, the tests of the
 * tests, the grader's own tests (they grade the reference) and the instructors' extras given in
 * {@code exclude}; the README for students; and the hash manifest that {@code grade} checks.
 */
public final class Export {
  /** Left out by default: what runs the reference (benchmarks, the course's CI script) and the grader's tests. */
  public static final List<String> DEFAULT_EXCLUDES = List.of("bench/", "BENCHMARKS.md", "docs/benchmarks/",
      "grader/src/test/", ".ci/run");

  private Export() {}

  public static List<String> files(Course course, List<String> exclude) {
    return FileTrees.files(course.root(), rel -> !Manifest.isInstructorOnly(rel) && !rel.equals(Manifest.FILE)
        && exclude.stream().noneMatch(rel::startsWith));
  }

  public static void write(Course course, Path to, List<String> exclude) {
    if (to.toAbsolutePath().normalize().startsWith(course.root()) && !to.toString().contains("target")) {
      throw new IllegalArgumentException("write the release outside the course tree (or under a target folder), not "
          + to);
    }
    FileTrees.delete(to);
    FileTrees.copy(course.root(), to, files(course, exclude));
    try (InputStream in = Export.class.getResourceAsStream("/grader/release/README.md")) {
      Files.writeString(to.resolve("README.md"), new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{LABS}}", labList(course)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Manifest.compute(Course.at(to)).write(to.resolve(Manifest.FILE));
  }

  private static String labList(Course course) {
    StringBuilder sb = new StringBuilder();
    for (var lab : course.labs()) {
      sb.append("- `").append(lab.name()).append("`: edit the files under `").append(lab.name()).append('/')
          .append(grader.course.Lab.STUDENT).append("/`, then `./mvnw test -pl ").append(lab.name()).append("`\n");
    }
    return sb.toString();
  }
}
