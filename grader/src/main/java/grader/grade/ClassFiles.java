package grader.grade;

import grader.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finding a class's submissions, slicing them for shards, and collecting results for {@code merge}. */
public final class ClassFiles {
  private ClassFiles() {}

  /** Every submission in a class folder (folders, .zip, .tar.gz, git repositories), by id. */
  public static List<Path> submissions(Path classDir) {
    if (!Files.isDirectory(classDir)) {
      throw new IllegalArgumentException(classDir + " is not a folder of submissions");
    }
    try (var list = Files.list(classDir)) {
      return list.filter(Intake::isSubmission).sorted(Comparator.comparing(p -> Intake.idOf(p))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The i-th of n slices (1-based): every n-th submission in id order, starting at the i-th. */
  public static <T> List<T> shard(List<T> all, int i, int n) {
    if (n < 1 || i < 1 || i > n) {
      throw new IllegalArgumentException("--shard " + i + "/" + n + ": give i/n with 1 <= i <= n, for example 2/4");
    }
    List<T> out = new ArrayList<>();
    for (int k = i - 1; k < all.size(); k += n) {
      out.add(all.get(k));
    }
    return out;
  }

  /** The results found in the folders (each holding {@code <id>/result.json}), by id. */
  public static List<Results.Submission> results(List<Path> dirs) {
    Map<String, Results.Submission> byId = new LinkedHashMap<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        throw new IllegalArgumentException(d + " is not a folder of grading results");
      }
      try (var list = Files.list(d)) {
        for (Path sub : list.sorted().toList()) {
          Path r = sub.resolve(Reports.RESULT);
          if (Files.isRegularFile(r)) {
            Results.Submission s = Reports.read(r);
            Results.Submission prev = byId.put(s.id(), s);
            if (prev != null) {
              throw new IllegalArgumentException("submission " + s.id() + " has results in two folders: "
                  + "merge each shard's output once");
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return byId.values().stream().sorted(Comparator.comparing(Results.Submission::id)).toList();
  }
}
