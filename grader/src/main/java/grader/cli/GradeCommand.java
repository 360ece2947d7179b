package grader.cli;

import grader.build.Workspace;
import grader.course.FileTrees;
import grader.course.Lab;
import grader.gradescope.GradescopeResults;
import grader.grade.ClassFiles;
import grader.grade.Intake;
import grader.grade.Results;
import grader.grade.SubmissionGrader;
import grader.report.ClassReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader grade}: one submission, several, a class folder, or the reference solutions. */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Grades submissions: each one's student files are laid onto a pristine copy of the course "
        + "(every other file comes from the hash manifest; changed given files are reported as tampering), built, "
        + "checked statically, and run test by test in separate JVMs over a fixed seed list, under time, memory and "
        + "output limits. Writes <out>/<id>/result.json, report.md, report.html, junit.xml; for several, "
        + "grades.csv and class.html.",
        "Examples:",
        "  grader grade --reference                      the reference solutions (full points)",
        "  grader grade alice.zip bob/ carol.tar.gz",
        "  grader grade --class submissions/ --shard 2/8 -o out/shard2"})
public final class GradeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin GradeOptions grading;

  static final class What {
    @Parameters(paramLabel = "SUBMISSION", description = "folders, .zip/.tar.gz files or git repositories")
    List<Path> submissions = new ArrayList<>();

    @Option(names = "--class", paramLabel = "DIR", description = "a folder whose every entry is one submission")
    Path classDir;

    @Option(names = "--reference", description = "grade the reference solutions (each lab's src/solution/java)")
    boolean reference;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  @Option(names = "--shard", paramLabel = "i/n", description = "grade only the i-th of n slices of the submissions")
  String shard;

  @Option(names = "--parallel", paramLabel = "N",
      description = "submissions graded at once (each with its -j test JVMs; default: ${DEFAULT-VALUE})")
  int parallel = 1;

  @Option(names = "--gradescope", paramLabel = "FILE", description = "also write Gradescope's results.json here")
  Path gradescope;

  @Option(names = "--visibility", paramLabel = "V",
      description = "Gradescope visibility of the results: visible, hidden, after_due_date, after_published (default: ${DEFAULT-VALUE})")
  String visibility = "visible";

  @Override
  public Integer call() {
    Workspace ws = common.workspace("grade");
    List<Path> subs = new ArrayList<>();
    if (what.reference) {
      subs.add(referenceSubmission(ws));
    } else if (what.classDir != null) {
      subs.addAll(ClassFiles.submissions(what.classDir));
    } else {
      subs.addAll(what.submissions);
    }
    if (shard != null) {
      String[] p = shard.split("/");
      try {
        subs = ClassFiles.shard(subs, Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException("--shard " + shard + ": give i/n, for example 2/4");
      }
    }
    if (subs.isEmpty()) {
      System.err.println("no submission to grade" + (shard == null ? "" : " in shard " + shard));
    }
    SubmissionGrader grader = new SubmissionGrader(ws, grading.options(common));
    List<Results.Submission> results = java.util.Collections.synchronizedList(new ArrayList<>());
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parallel))) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (Path sub : subs) {
        futures.add(pool.submit(() -> results.add(gradeOne(ws, grader, sub))));
      }
      for (var f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
      }
    }
    if (results.size() > 1 || what.classDir != null || shard != null) {
      List<Results.Submission> all = results.stream()
          .sorted(java.util.Comparator.comparing(Results.Submission::id)).toList();
      ClassReport.write(ws.out(), all);
      System.out.println("grades: " + ws.out().resolve(ClassReport.CSV) + "  class report: "
          + ws.out().resolve("class.html"));
    }
    return 0;
  }

  private Results.Submission gradeOne(Workspace ws, SubmissionGrader grader, Path sub) {
    String id = what.reference ? "reference" : Intake.idOf(sub);
    System.err.println("grading " + id + " (" + sub + ")");
    Results.Submission r = grader.grade(sub, id, partial -> {
      if (gradescope != null) {
        GradescopeResults.write(gradescope, partial, visibility);
      }
    });
    if (gradescope != null) {
      GradescopeResults.write(gradescope, r, visibility);
    }
    synchronized (System.out) {
      System.out.println(id + ": " + r.summary());
      System.out.println("  report: " + ws.out().resolve(id).resolve("report.html"));
    }
    return r;
  }

  /** Each lab's reference laid out as a submission (lab/src/student/java/...). */
  static Path referenceSubmission(Workspace ws) {
    Path dir = ws.work().resolve("reference-submission");
    FileTrees.delete(dir);
    for (Lab lab : ws.course().labs()) {
      if (!java.nio.file.Files.isDirectory(lab.solutionDir())) {
        throw new IllegalArgumentException("this course has no reference solution for " + lab.name()
            + " (" + lab.solutionDir() + "): --reference needs the instructors' tree, not a student release");
      }
      FileTrees.copy(lab.solutionDir(), dir.resolve(lab.name()).resolve(Lab.STUDENT),
          FileTrees.files(lab.solutionDir(), f -> true));
    }
    return dir;
  }

}
