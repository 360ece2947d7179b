package grader.report;

import grader.exec.RunOutcome;
import grader.grade.Results;
import java.util.Locale;

/** A submission's report for people: points per test, why each failure failed, how to replay it. */
public final class MarkdownReport {
  private static final int MESSAGE_CHARS = 2500;

  private MarkdownReport() {}

  public static String of(Results.Submission s) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(s.id()).append(": ").append(num(s.points())).append(" / ").append(num(s.maxPoints()))
        .append(" points\n\n");
    sb.append(s.summary()).append("\n\n");
    sb.append("Source: `").append(s.source()).append('`').append(s.commit() == null ? "" : ", commit `" + s.commit() + "`")
        .append(String.format(Locale.ROOT, "; graded in %.1f s.%n%n", s.seconds()));
    if (!s.tampering().isEmpty()) {
      sb.append("## Changed given files (tampering)\n\nThese files are not the student's to change. The course's own "
          + "copies were used instead, so the changes had no effect:\n\n");
      s.tampering().forEach(t -> sb.append("- `").append(t).append("`\n"));
      sb.append('\n');
    }
    if (!s.notes().isEmpty()) {
      sb.append("## Notes\n\n");
      s.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
      sb.append('\n');
    }
    for (Results.Lab lab : s.labs()) {
      lab(sb, lab);
    }
    return sb.toString();
  }

  private static void lab(StringBuilder sb, Results.Lab lab) {
    sb.append("## ").append(lab.lab()).append(": ").append(num(lab.points())).append(" / ").append(num(lab.maxPoints()))
        .append(" (").append(lab.status()).append(")\n\n");
    if (lab.reason() != null) {
      sb.append(lab.reason()).append("\n\n");
    }
    if (lab.buildErrors() != null) {
      sb.append("The compiler said:\n\n```\n").append(fence(lab.buildErrors())).append("\n```\n\n");
    }
    if (!lab.violations().isEmpty()) {
      sb.append("Findings:\n\n");
      lab.violations().forEach(v -> sb.append("- `").append(v.replace("`", "'")).append("`\n"));
      sb.append('\n');
    }
    sb.append("| test | points | runs passed | verdict | why |\n|---|---:|---:|---|---|\n");
    for (Results.Test t : lab.tests()) {
      sb.append("| ").append(cell(t.name())).append(" | ").append(num(t.points())).append(" / ").append(t.maxPoints())
          .append(" | ").append(t.passed()).append(" / ").append(t.runs()).append(" | ").append(t.verdict())
          .append(" | ").append(cell(t.reason())).append(" |\n");
    }
    sb.append('\n');
    boolean any = lab.tests().stream().anyMatch(t -> !t.failed().isEmpty() && !t.verdict().equals("not-run"));
    if (any) {
      sb.append("### Failed runs\n\n");
      for (Results.Test t : lab.tests()) {
        if (t.verdict().equals("not-run")) {
          continue;
        }
        for (RunOutcome o : t.failed()) {
          sb.append("**").append(cell(t.name())).append("**").append(o.seed() == null ? "" : ", seed " + o.seed())
              .append(o.real() ? " (real threads)" : "").append(": ").append(cell(o.reason())).append("\n\n");
          sb.append("- replay: `").append(o.replay()).append("`\n");
          if (o.trace() != null) {
            sb.append("- trace: [").append(o.trace()).append("](").append(o.trace()).append(")\n");
          }
          if (o.message() != null && !o.message().isBlank()) {
            String m = o.message().length() > MESSAGE_CHARS ? o.message().substring(0, MESSAGE_CHARS) + "\n..." : o.message();
            sb.append("\n```\n").append(fence(m)).append("\n```\n");
          }
          sb.append('\n');
        }
        for (String page : t.pages()) {
          sb.append("- checker viewer: [").append(page).append("](").append(page).append(")\n");
        }
      }
    }
  }

  static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ").replace("\r", "");
  }

  static String fence(String s) {
    return s.replace("```", "'''");
  }

  public static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }
}
