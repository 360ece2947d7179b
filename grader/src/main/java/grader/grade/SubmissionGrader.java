package grader.grade;

import grader.build.BuiltTree;
import grader.build.TreeBuilder;
import grader.build.Workspace;
import grader.course.FileTrees;
import grader.course.Lab;
import grader.exec.JobRunner;
import grader.exec.Limiting;
import grader.exec.Limits;
import grader.exec.RunOutcome;
import grader.exec.Selection;
import grader.exec.TestCase;
import grader.exec.TestJob;
import grader.scan.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Grades one submission: takes its files, lays them onto a copy of the pristine built tree,
 * builds, scans the student classes, runs every graded test over the seed list (each test in its
 * own JVM, under the per-test and per-submission limits), checks that nothing outside the scratch
 * folders changed, and scores. Nothing here throws for a bad submission: every outcome is a result.
 */
public final class SubmissionGrader {
  /**
   * @param labs labs to grade (empty: those the submission has files for, or all)
   * @param seeds seeds per seeded test, consecutive from {@code seedBase}
   * @param realRuns extra runs of each seeded test on real threads
   * @param testTimeout cap on one test's JVM (null: from the test's own limits)
   * @param submissionTimeout all of one submission's tests together
   * @param scan whether to run the static check (off: only the process limits protect)
   */
  public record Options(List<String> labs, Selection selection, int seeds, long seedBase, int realRuns,
      Results.Scoring scoring, Duration testTimeout, Duration submissionTimeout, boolean scan, int jobs, Limits limits,
      String commit, String deadline) {}

  private final Workspace ws;
  private final Options options;

  public SubmissionGrader(Workspace ws, Options options) {
    this.ws = ws;
    this.options = options;
  }

  /** Grades {@code source} as {@code id}; {@code update} hears the result as it grows (for partial results). */
  public Results.Submission grade(Path source, String id, Consumer<Results.Submission> update) {
    long start = System.nanoTime();
    Path dir = ws.out().resolve(id);
    Path work = ws.work().resolve(id);
    FileTrees.delete(dir);
    FileTrees.delete(work);
    List<String> notes = new ArrayList<>();
    Intake.Taken taken;
    Overlay.Sorted sorted;
    try {
      Files.createDirectories(dir);
      taken = Intake.take(source, work.resolve("submitted"), options.commit(), options.deadline(),
          work.resolve("intake.log"));
      sorted = Overlay.sort(ws.course(), ws.builder().manifest(), taken.files());
    } catch (RuntimeException | java.io.IOException e) {
      return finish(dir, new Results.Submission(id, source.toString(), null, "error",
          "the submission could not be read: " + e.getMessage(), 0, 0, List.of(), List.of(), List.of(), seconds(start)));
    }
    sorted.ignored().stream().limit(20).forEach(f -> notes.add("not used: " + f));
    List<Lab> labs = labsToGrade(sorted, notes);
    BuiltTree pristine = ws.pristine();
    Path tree = work.resolve("tree");
    TreeBuilder b = ws.builder();
    b.copyBuilt(pristine, tree, labs);
    for (var e : sorted.studentFiles().entrySet()) {
      Path to = tree.resolve(e.getKey()).resolve(Lab.STUDENT);
      for (var f : e.getValue().entrySet()) {
        FileTrees.copy(f.getValue().getParent(), to.resolve(f.getKey()).getParent(), List.of(f.getValue().getFileName().toString()));
      }
    }
    TreeBuilder.Outcome built = b.build(tree, labs, dir.resolve("build.log"), pristine);
    Map<String, Results.Lab> labResults = new LinkedHashMap<>();
    Map<String, List<TestCase>> graded = new LinkedHashMap<>();
    for (Lab lab : labs) {
      List<TestCase> tests = options.selection().filter(ws.tests(lab)).stream().filter(TestCase::graded).toList();
      graded.put(lab.name(), tests);
      int max = tests.stream().mapToInt(TestCase::points).sum();
      if (built.errors().containsKey(lab.name())) {
        labResults.put(lab.name(), new Results.Lab(lab.name(), "build-failed", "the code does not compile", 0, max,
            List.of(), built.errors().get(lab.name()), Scorer.none(tests, "not-run", "not run: the code does not compile")));
        continue;
      }
      if (options.scan()) {
        List<String> violations = Scan.check(lab, built.tree().classes(lab), pristine.classes(lab),
            built.tree().testClasses(lab), givenSources(lab));
        if (!violations.isEmpty()) {
          String reason = "not run: the code uses what graded code may not (" + violations.size() + " finding(s), "
              + "first: " + violations.getFirst() + ")";
          labResults.put(lab.name(), new Results.Lab(lab.name(), "rejected",
              "the static check found code that graded code may not contain", 0, max, violations, null,
              Scorer.none(tests, "not-run", reason)));
        }
      }
    }
    List<JobRunner.Job> jobs = new ArrayList<>();
    for (Lab lab : labs) {
      if (labResults.containsKey(lab.name())) {
        continue;
      }
      for (TestCase t : graded.get(lab.name())) {
        Path artifacts = dir.resolve("traces").resolve(lab.name()).resolve(t.id().replace('#', '.'));
        jobs.add(new JobRunner.Job(lab, new TestJob.Spec(t, options.seedBase(), options.seeds(), false,
            limit(t, t.seeded() ? options.seeds() : 1)), artifacts));
        if (t.seeded() && options.realRuns() > 0) {
          jobs.add(new JobRunner.Job(lab, new TestJob.Spec(t, options.seedBase(), options.realRuns(), true,
              limit(t, options.realRuns())), artifacts));
        }
      }
    }
    Path scratch = work.resolve("scratch");
    TreeSnapshot before = TreeSnapshot.of(work, scratch);
    Map<String, List<RunOutcome>> runs = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, List<String>> pages = new java.util.concurrent.ConcurrentHashMap<>();
    Assembly assembly = new Assembly(id, source, taken.commit(), labs, labResults, graded, sorted.tampering(), notes, start);
    if (!jobs.isEmpty()) {
      JobRunner runner = new JobRunner(built.tree(), ws.jvm(), options.limits(), options.jobs(), scratch, dir);
      long deadline = start + options.submissionTimeout().toNanos();
      runner.run(jobs, deadline, false, new JobRunner.Listener() {
        @Override
        public void outcome(RunOutcome o) {}

        @Override
        public void done(JobRunner.Done d) {
          String key = d.job().lab().name() + " " + d.job().spec().test().id();
          runs.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).addAll(d.outcomes());
          pages.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).addAll(d.pages());
          synchronized (assembly) {
            update.accept(assembly.result(runs, pages, List.of(), true));
          }
        }
      });
    }
    List<String> changed = before.changes(TreeSnapshot.of(work, scratch));
    Results.Submission result = assembly.result(runs, pages, changed, false);
    FileTrees.delete(work);
    update.accept(result);
    return finish(dir, result);
  }

  /** Puts the results together: at the end, and after each test for partial results. */
  private final class Assembly {
    private final String id;
    private final Path source;
    private final String commit;
    private final List<Lab> labs;
    private final Map<String, Results.Lab> fixed;
    private final Map<String, List<TestCase>> graded;
    private final List<String> tampering;
    private final List<String> notes;
    private final long start;

    Assembly(String id, Path source, String commit, List<Lab> labs, Map<String, Results.Lab> fixed,
        Map<String, List<TestCase>> graded, List<String> tampering, List<String> notes, long start) {
      this.id = id;
      this.source = source;
      this.commit = commit;
      this.labs = labs;
      this.fixed = fixed;
      this.graded = graded;
      this.tampering = tampering;
      this.notes = notes;
      this.start = start;
    }

    Results.Submission result(Map<String, List<RunOutcome>> runs, Map<String, List<String>> pages, List<String> changed,
        boolean partial) {
      List<Results.Lab> ordered = new ArrayList<>();
      for (Lab lab : labs) {
        if (fixed.containsKey(lab.name())) {
          ordered.add(fixed.get(lab.name()));
          continue;
        }
        List<TestCase> tests = graded.get(lab.name());
        int max = tests.stream().mapToInt(TestCase::points).sum();
        if (!changed.isEmpty()) {
          String reason = "not counted: while its tests ran, the code changed files outside its scratch folder: "
              + changed.stream().limit(5).collect(Collectors.joining(", "));
          ordered.add(new Results.Lab(lab.name(), "void", reason, 0, max, changed, null,
              Scorer.none(tests, "failed", reason)));
          continue;
        }
        List<Results.Test> results = new ArrayList<>();
        for (TestCase t : tests) {
          String key = lab.name() + " " + t.id();
          List<RunOutcome> r = runs.get(key);
          results.add(r == null ? Scorer.none(List.of(t), "not-run", partial ? "not run yet (grading goes on)"
              : "not run").getFirst() : Scorer.score(t, List.copyOf(r), List.copyOf(pages.getOrDefault(key, List.of())),
              options.scoring()));
        }
        double points = round(results.stream().mapToDouble(Results.Test::points).sum());
        ordered.add(new Results.Lab(lab.name(), "graded", null, points, max, List.of(), null, results));
      }
      double points = round(ordered.stream().mapToDouble(Results.Lab::points).sum());
      double max = ordered.stream().mapToDouble(Results.Lab::maxPoints).sum();
      return new Results.Submission(id, source.toString(), commit, partial ? "partial" : "graded",
          summary(ordered, points, max, tampering), points, max, tampering, notes, ordered, seconds(start));
    }
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  private List<Lab> labsToGrade(Overlay.Sorted sorted, List<String> notes) {
    if (!options.labs().isEmpty()) {
      return ws.course().select(options.labs());
    }
    List<String> changed = sorted.studentFiles().entrySet().stream().filter(e -> e.getValue().entrySet().stream()
        .anyMatch(f -> differsFromSkeleton(e.getKey(), f.getKey(), f.getValue()))).map(Map.Entry::getKey).toList();
    if (!changed.isEmpty()) {
      return ws.course().select(changed);
    }
    if (!sorted.labsWithFiles().isEmpty()) {
      return ws.course().select(sorted.labsWithFiles());
    }
    notes.add("the submission has no student files of any lab: every lab was graded on the skeleton");
    return ws.course().labs();
  }

  private boolean differsFromSkeleton(String lab, String file, Path submitted) {
    Path skeleton = ws.course().lab(lab).orElseThrow().studentDir().resolve(file);
    return !Files.isRegularFile(skeleton) || !FileTrees.sha256(skeleton).equals(FileTrees.sha256(submitted));
  }

  private Duration limit(TestCase t, int seeds) {
    Duration own = Limiting.perJvm(t, seeds, false);
    return options.testTimeout() != null && options.testTimeout().compareTo(own) < 0 ? options.testTimeout() : own;
  }

  /** The lab's given sources as "package/dir/File.java", to tell given classes from the student's. */
  private static Set<String> givenSources(Lab lab) {
    Path main = lab.dir().resolve("src/main/java");
    return Set.copyOf(FileTrees.files(main, f -> f.endsWith(".java")));
  }

  private static String summary(List<Results.Lab> labs, double points, double max, List<String> tampering) {
    String per = labs.stream().map(l -> l.lab() + " " + fmt(l.points()) + "/" + fmt(l.maxPoints())
        + (l.status().equals("graded") ? "" : " (" + l.status() + ")")).collect(Collectors.joining(", "));
    return fmt(points) + " / " + fmt(max) + " points: " + per + (tampering.isEmpty() ? ""
        : "; " + tampering.size() + " changed given file(s) ignored");
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
  }

  private static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
  }

  private Results.Submission finish(Path dir, Results.Submission result) {
    grader.report.Reports.write(dir, result);
    return result;
  }
}
