package grader.report;

import grader.grade.Results;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A class's files: {@code grades.csv} for the gradebook (one row per submission: total, per lab,
 * per test; nothing that depends on timing, so sharded and unsharded runs give the same file) and
 * {@code class.md} / {@code class.html} linking every report.
 */
public final class ClassReport {
  public static final String CSV = "grades.csv";

  private ClassReport() {}

  public static void write(Path dir, List<Results.Submission> results) {
    try {
      Files.createDirectories(dir);
      Reports.atomic(dir.resolve(CSV), csv(results));
      String md = markdown(results);
      Reports.atomic(dir.resolve("class.md"), md);
      Reports.atomic(dir.resolve("class.html"), Html.page("Grades", md));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String csv(List<Results.Submission> results) {
    Set<String> labs = new LinkedHashSet<>();
    Set<String> tests = new LinkedHashSet<>();
    for (Results.Submission s : results) {
      for (Results.Lab l : s.labs()) {
        labs.add(l.lab());
        l.tests().forEach(t -> tests.add(l.lab() + " " + t.id()));
      }
    }
    List<String> header = new ArrayList<>(List.of("submission", "status", "points", "max"));
    header.addAll(labs);
    header.addAll(tests);
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      p.printRecord(header);
      for (Results.Submission s : results) {
        List<String> row = new ArrayList<>(List.of(s.id(), status(s), MarkdownReport.num(s.points()),
            MarkdownReport.num(s.maxPoints())));
        for (String lab : labs) {
          row.add(s.labs().stream().filter(l -> l.lab().equals(lab)).findFirst()
              .map(l -> MarkdownReport.num(l.points())).orElse(""));
        }
        for (String test : tests) {
          row.add(s.labs().stream().flatMap(l -> l.tests().stream()).filter(t -> (t.lab() + " " + t.id()).equals(test))
              .findFirst().map(t -> MarkdownReport.num(t.points())).orElse(""));
        }
        p.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** "graded", or the first lab status that is not (build-failed, rejected, void), or "error". */
  static String status(Results.Submission s) {
    if (!s.status().equals("graded")) {
      return s.status();
    }
    return s.labs().stream().map(Results.Lab::status).filter(st -> !st.equals("graded")).findFirst().orElse("graded")
        + (s.tampering().isEmpty() ? "" : "+tampering");
  }

  static String markdown(List<Results.Submission> results) {
    StringBuilder sb = new StringBuilder("# Grades\n\n| submission | points | status | summary |\n|---|---:|---|---|\n");
    for (Results.Submission s : results) {
      sb.append("| [").append(s.id()).append("](").append(s.id()).append("/report.html) | ")
          .append(MarkdownReport.num(s.points())).append(" / ").append(MarkdownReport.num(s.maxPoints())).append(" | ")
          .append(status(s)).append(" | ").append(MarkdownReport.cell(s.summary())).append(" |\n");
    }
    return sb.toString();
  }
}
