package grader.gradescope;

import grader.course.Course;
import grader.course.FileTrees;
import grader.release.Export;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds Gradescope's autograder zip: {@code setup.sh} and {@code run_autograder} at its root
 * (Gradescope's layout), and {@code course/}, the student release of the course (no solutions),
 * which Gradescope unpacks under {@code /autograder/source}.
 */
public final class AutograderZip {
  private AutograderZip() {}

  /**
   * Writes the autograder folder ({@code source}: what Gradescope puts in /autograder/source)
   * and the zip of it.
   *
   * @param options the grade options baked into run_autograder
   * @param hardLimitSeconds the timeout run_autograder puts on the whole grading
   */
  public static Path build(Course course, Path dir, List<String> options, long hardLimitSeconds) {
    Path source = dir.resolve("source");
    FileTrees.delete(source);
    Export.write(course, source.resolve("course"), Export.DEFAULT_EXCLUDES);
    try {
      Files.writeString(source.resolve("setup.sh"), resource("setup.sh"));
      Files.writeString(source.resolve("run_autograder"), resource("run_autograder")
          .replace("{{HARD_LIMIT}}", Long.toString(hardLimitSeconds))
          .replace("{{OPTIONS}}", String.join(" ", options.stream().map(AutograderZip::quote).toList())));
      for (String f : List.of("setup.sh", "run_autograder", "course/mvnw", "course/grader/grader")) {
        Files.setPosixFilePermissions(source.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Path zip = dir.resolve("autograder.zip");
      zip(source, zip);
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void zip(Path source, Path zip) throws IOException {
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      for (String f : FileTrees.files(source, x -> true)) {
        Path p = source.resolve(f);
        ZipArchiveEntry e = new ZipArchiveEntry(p, f);
        e.setUnixMode(Files.isExecutable(p) ? 0755 : 0644);
        out.putArchiveEntry(e);
        Files.copy(p, out);
        out.closeArchiveEntry();
      }
    }
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./#:=,*-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  static String resource(String name) throws IOException {
    try (InputStream in = AutograderZip.class.getResourceAsStream("/grader/gradescope/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
