package labs.checker.viewer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import labs.checker.CheckResult;

/**
 * Writes a checked history as one self-contained HTML page (no network access needed): per
 * partition a timeline with one lane per client and each operation as a bar from call to return,
 * the longest linearizable prefix found (numbered) and the operation where it got stuck (marked
 * in red), details on hover, the longest prefix containing an operation on click, and optional
 * annotation bands (faults supplied by the caller).
 *
 * <pre>{@code
 * CheckResult<KvModel.Input, String> result = Checker.check(KvModel.INSTANCE, ops, timeout);
 * Optional<Path> page = HistoryViewer.writeIfNotOk(result, "3A-concurrent-seed42", faults);
 * assertTrue(result.isOk(), page.map(result::describe).orElse(""));
 * }</pre>
 *
 * <p>All text from the history is escaped: the data travels as JSON and the page inserts it as
 * text, never as markup.
 */
public final class HistoryViewer {
  /** Where {@link #writeToTarget} puts pages, relative to the working directory. */
  public static final Path TARGET_DIR = Path.of("target", "linearizability");

  private static final Gson GSON = new GsonBuilder().disableJdkUnsafe().create();

  private HistoryViewer() {}

  /** The page for a checked history. */
  public static String render(CheckResult<?, ?> result, String title, List<Annotation> annotations) {
    String template = resource("viewer.html");
    String data = GSON.toJson(ViewerData.of(result, title, List.copyOf(annotations)));
    return template
        .replace("/*VIEWER_CSS*/", resource("viewer.css"))
        .replace("/*VIEWER_JS*/", resource("viewer.js"))
        .replace("\"VIEWER_DATA\"", data);
  }

  /** Writes the page to {@code file} (creating directories) and returns the file. */
  public static Path write(
      CheckResult<?, ?> result, Path file, String title, List<Annotation> annotations) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.writeString(file, render(result, title, annotations), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the history viewer to " + file, e);
    }
  }

  /** Writes the page to {@code target/linearizability/<name>.html} and returns its path. */
  public static Path writeToTarget(
      CheckResult<?, ?> result, String name, List<Annotation> annotations) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    return write(result, TARGET_DIR.resolve(safe + ".html"), name, annotations);
  }

  /** {@link #writeToTarget} without annotations. */
  public static Path writeToTarget(CheckResult<?, ?> result, String name) {
    return writeToTarget(result, name, List.of());
  }

  /**
   * Writes the page under {@code target/} if the verdict is ILLEGAL or UNKNOWN; returns where.
   */
  public static Optional<Path> writeIfNotOk(
      CheckResult<?, ?> result, String name, List<Annotation> annotations) {
    return result.isOk() ? Optional.empty()
        : Optional.of(writeToTarget(result, name, annotations));
  }

  private static String resource(String name) {
    try (InputStream in = HistoryViewer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("viewer resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
