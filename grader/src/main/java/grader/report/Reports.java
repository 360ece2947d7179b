package grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import grader.grade.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a submission's files: {@code result.json} (the record, for tools and {@code merge}),
 * {@code report.md} and {@code report.html} (for people), {@code junit.xml} (for tools that read
 * JUnit reports). Each file is written whole under a temporary name and then moved into place,
 * so a crash never leaves half a result.
 */
public final class Reports {
  public static final String RESULT = "result.json";
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private Reports() {}

  public static void write(Path dir, Results.Submission result) {
    try {
      Files.createDirectories(dir);
      atomic(dir.resolve(RESULT), GSON.toJson(result));
      String md = MarkdownReport.of(result);
      atomic(dir.resolve("report.md"), md);
      atomic(dir.resolve("report.html"), Html.page("Grading report: " + result.id(), md));
      atomic(dir.resolve("junit.xml"), JUnitXml.of(result));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + result.id() + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  public static Results.Submission read(Path resultJson) {
    try {
      return GSON.fromJson(Files.readString(resultJson), Results.Submission.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void atomic(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
