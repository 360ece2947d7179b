package grader.grade;

import grader.exec.RunOutcome;
import java.util.List;

/** What grading found, as records that the JSON result, the reports and the CSV are made from. */
public final class Results {
  private Results() {}

  /** How the instructor turns runs into points. */
  public enum Scoring {
    /** points x the fraction of runs passed */
    FRACTION,
    /** all the points if every run passed, else none */
    ALL_OR_NOTHING
  }

  /**
   * One submission.
   *
   * @param status "graded", or "error" when the grader could not take the submission at all
   * @param summary one line for people
   */
  public record Submission(String id, String source, String commit, String status, String summary, double points,
      double maxPoints, List<String> tampering, List<String> notes, List<Lab> labs, double seconds) {}

  /**
   * One lab of a submission.
   *
   * @param status "graded", "build-failed", "rejected" (the scan found forbidden code), or "void"
   *     (the code changed files outside its folder while tests ran)
   */
  public record Lab(String lab, String status, String reason, double points, double maxPoints, List<String> violations,
      String buildErrors, List<Test> tests) {}

  /**
   * One test.
   *
   * @param verdict "passed", "partial", "failed" or "not-run"
   * @param failed the runs that failed (bounded)
   */
  public record Test(String lab, String id, String name, List<String> tags, int maxPoints, double points, int runs,
      int passed, String verdict, String reason, List<RunOutcome> failed, List<String> pages, double realSeconds) {}
}
