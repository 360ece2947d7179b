package grader.exec;

import grader.course.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a test JVM left in its scratch folder's {@code target/} (traces of failed runs,
 * linearizability viewer pages) under the output folder, and links each failed run to its trace.
 */
public final class Artifacts {
  private Artifacts() {}

  /**
   * Moves the scratch folder's {@code target/} files into {@code dest} and returns the outcomes
   * with the trace of each failed seed (a file named {@code ...-seed<N>.txt}), relative to {@code base}.
   */
  public static List<RunOutcome> archive(Path scratch, Path dest, Path base, List<RunOutcome> outcomes) {
    Path from = scratch.resolve("target");
    List<String> files = new ArrayList<>();
    if (Files.isDirectory(from)) {
      try (var walk = Files.walk(from)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (Files.isRegularFile(p)) {
            Path to = dest.resolve(p.getFileName().toString());
            Files.createDirectories(dest);
            Files.move(p, to, StandardCopyOption.REPLACE_EXISTING);
            files.add(FileTrees.relative(base, to));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<RunOutcome> out = new ArrayList<>();
    for (RunOutcome o : outcomes) {
      String trace = null;
      if (!o.passed() && o.seed() != null) {
        String key = "-seed" + o.seed() + ".txt";
        trace = files.stream().filter(f -> f.endsWith(key)).findFirst().orElse(null);
      }
      out.add(trace == null ? o : o.withTrace(trace));
    }
    return out;
  }

  /** Keeps the output (already capped) of a JVM whose runs failed, as {@code output-N.log}. */
  public static void keepOutput(Path log, Path dest, int n) {
    if (Files.isRegularFile(log)) {
      try {
        Files.createDirectories(dest);
        Files.move(log, dest.resolve("output-" + n + ".log"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The viewer pages (HTML) archived for a test, relative to {@code base}. */
  public static List<String> pages(Path dest, Path base) {
    if (!Files.isDirectory(dest)) {
      return List.of();
    }
    return FileTrees.files(dest, f -> f.endsWith(".html")).stream()
        .map(f -> FileTrees.relative(base, dest.resolve(f))).toList();
  }
}
