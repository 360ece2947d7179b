package grader.cli;

import com.google.gson.GsonBuilder;
import grader.build.BuiltTree;
import grader.build.TreeBuilder;
import grader.build.Workspace;
import grader.course.Lab;
import grader.exec.JobRunner;
import grader.exec.Limits;
import grader.exec.Selection;
import grader.exec.TestCase;
import grader.exec.TestJob;
import grader.run.Progress;
import grader.run.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader run}: N seeds of the selected tests in parallel JVMs, then a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs N seeds of the selected tests in parallel JVMs, with a live progress bar, then prints a "
        + "table per test and, for each failed seed, its replay command and its trace (archived under the output "
        + "folder). Seeds replay exactly: the same seed gives the same run.",
        "Example: grader run -pl lab2-raft -g 2B -n 50 -j 2"})
public final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = {"-pl", "--lab"}, split = ",", paramLabel = "LAB", description = "labs to run (default: all)")
  List<String> labs = new ArrayList<>();

  @Option(names = {"-g", "--groups"}, split = ",", paramLabel = "TAG", description = "part tags, e.g. 2A,2B")
  List<String> groups = new ArrayList<>();

  @Option(names = {"-t", "--test"}, split = ",", paramLabel = "NAME",
      description = "tests: Class, Class#method, method, or a pattern with *")
  List<String> tests = new ArrayList<>();

  @Option(names = {"-n", "--seeds"}, paramLabel = "N", description = "seeds (runs) per test (default: ${DEFAULT-VALUE})")
  int seeds = 20;

  @Option(names = "--seed", paramLabel = "S", description = "the first seed (default: a random one, printed)")
  Long firstSeed;

  @Option(names = "--per-jvm", paramLabel = "N", description = "seeds run in one JVM (default: ${DEFAULT-VALUE})")
  int perJvm = 10;

  @Option(names = "--real", description = "run on real threads and the wall clock (-Dlabs.runtime=real)")
  boolean real;

  @Option(names = "--solution", description = "run the reference solution instead of the student files")
  boolean solution;

  @Option(names = "--all", description = "also the tests without @Points (the given code's own tests)")
  boolean all;

  @Option(names = {"-x", "--fail-fast"}, description = "start no more JVMs after the first failed run")
  boolean failFast;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "wall-time cap of one JVM (default: from the tests' own limits)")
  Long timeout;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    Workspace ws = common.workspace("run");
    List<Lab> selected = ws.course().select(labs);
    Path tree = ws.work().resolve("run-tree");
    Map<String, Path> files = new LinkedHashMap<>();
    if (solution) {
      for (Lab l : selected) {
        files.put(l.name(), l.solutionDir());
      }
    }
    System.err.println("building " + (solution ? "the reference solutions" : "the course as it is") + " in " + tree);
    TreeBuilder b = ws.builder();
    b.layOut(tree, files);
    TreeBuilder.Outcome built = b.build(tree, selected, ws.work().resolve("run-build.log"));
    if (!built.ok()) {
      System.err.println("the build failed:\n" + built.allErrors());
      return 2;
    }
    BuiltTree bt = built.tree();
    long seed = firstSeed != null ? firstSeed : new SecureRandom().nextInt(1, 1_000_000_000);
    Selection sel = new Selection(groups, tests);
    List<JobRunner.Job> jobs = new ArrayList<>();
    for (Lab lab : selected) {
      for (TestCase t : sel.filter(ws.tests(bt, lab))) {
        if (!all && !t.graded()) {
          continue;
        }
        Path artifacts = ws.out().resolve("failures").resolve(lab.name()).resolve(t.id().replace('#', '.'));
        if (t.seeded()) {
          for (int i = 0; i < seeds; i += perJvm) {
            int count = Math.min(perJvm, seeds - i);
            jobs.add(new JobRunner.Job(lab, new TestJob.Spec(t, seed + i, count, real, limit(t, count)), artifacts));
          }
        } else {
          for (int i = 0; i < seeds; i++) {
            jobs.add(new JobRunner.Job(lab, new TestJob.Spec(t, 0, 1, real, limit(t, 1)), artifacts));
          }
        }
      }
    }
    if (jobs.isEmpty()) {
      System.err.println("no test matches the selection (labs " + selected.stream().map(Lab::name).toList()
          + ", groups " + groups + ", tests " + tests + ")");
      return 2;
    }
    long total = jobs.stream().mapToLong(j -> j.spec().seeds().size()).sum();
    System.err.printf("%d runs of %d test(s), seeds from %d, %d JVMs at a time%n", total,
        jobs.stream().map(j -> j.spec().test().id()).distinct().count(), seed, common.jobs);
    JobRunner runner = new JobRunner(bt, ws.jvm(), new Limits(Duration.ofMinutes(10), common.memory, common.outputBytes()),
        common.jobs, ws.work().resolve("scratch"), ws.out());
    long start = System.nanoTime();
    List<JobRunner.Done> done;
    try (Progress p = new Progress("run", total, !noProgress, System.err)) {
      done = runner.run(jobs, System.nanoTime() + Duration.ofDays(1).toNanos(), failFast, p);
    }
    RunSummary summary = RunSummary.of(done, (System.nanoTime() - start) / 1e9);
    String md = summary.markdown();
    System.out.println(md);
    Files.writeString(ws.out().resolve("summary.md"), md);
    Files.writeString(ws.out().resolve("summary.json"), new GsonBuilder().setPrettyPrinting().create().toJson(summary));
    System.out.println("summary: " + ws.out().resolve("summary.md"));
    return summary.failureCount() == 0 ? 0 : 1;
  }

  private Duration limit(TestCase t, int count) {
    if (timeout != null) {
      return Duration.ofSeconds(timeout);
    }
    return grader.exec.Limiting.perJvm(t, count, real);
  }
}
