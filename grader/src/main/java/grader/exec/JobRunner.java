package grader.exec;

import grader.build.BuiltTree;
import grader.course.FileTrees;
import grader.course.Lab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs many {@link TestJob}s, {@code parallel} JVMs at a time. With a deadline, a job gets at
 * most the time left and a job that would start after it is not run (its runs fail with that
 * reason); with fail-fast, no job starts after the first failed run.
 */
public final class JobRunner {
  /** One job: which test of which lab, and where its artifacts go. */
  public record Job(Lab lab, TestJob.Spec spec, Path artifacts) {}

  /** What a job produced, with the viewer pages it left. */
  public record Done(Job job, List<RunOutcome> outcomes, List<String> pages) {}

  private final BuiltTree tree;
  private final JvmCommand jvm;
  private final Limits limits;
  private final int parallel;
  private final Path scratchRoot;
  private final Path base;

  public JobRunner(BuiltTree tree, JvmCommand jvm, Limits limits, int parallel, Path scratchRoot, Path base) {
    this.tree = tree;
    this.jvm = jvm;
    this.limits = limits;
    this.parallel = Math.max(1, parallel);
    this.scratchRoot = scratchRoot;
    this.base = base;
  }

  /** Hears jobs start and end and each run's outcome, from the pool's threads. */
  public interface Listener {
    default void started(Job job) {}

    default void finished(Job job) {}

    /** A job's outcomes, once they are final (traces archived). */
    default void done(Done done) {}

    void outcome(RunOutcome outcome);
  }

  public List<Done> run(List<Job> jobs, long deadlineNanos, boolean failFast, Listener listener) {
    Consumer<RunOutcome> progress = listener::outcome;
    AtomicBoolean failed = new AtomicBoolean();
    AtomicInteger counter = new AtomicInteger();
    Map<Integer, Done> done = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        int index = i;
        Job job = jobs.get(i);
        futures.add(pool.submit(() -> {
          long left = deadlineNanos - System.nanoTime();
          String skip = failFast && failed.get() ? "not run: stopped at the first failure (--fail-fast)"
              : left <= 0 ? "not run: the submission's time limit was spent before this test started" : null;
          if (skip != null) {
            List<RunOutcome> none = notRun(job.spec(), skip);
            none.forEach(progress);
            Done d = new Done(job, none, List.of());
            done.put(index, d);
            listener.done(d);
            return;
          }
          listener.started(job);
          Duration limit = job.spec().limit().compareTo(Duration.ofNanos(left)) < 0 ? job.spec().limit()
              : Duration.ofNanos(left);
          TestJob.Spec spec = new TestJob.Spec(job.spec().test(), job.spec().firstSeed(), job.spec().count(),
              job.spec().real(), limit);
          int n = counter.incrementAndGet();
          Path scratch = scratchRoot.resolve(n + "-" + job.spec().test().id().replace('#', '.'));
          List<RunOutcome> outcomes = TestJob.run(tree, job.lab(), jvm, spec, limits, scratch, o -> {
            if (!o.passed()) {
              failed.set(true);
            }
            progress.accept(o);
          });
          outcomes = Artifacts.archive(scratch, job.artifacts(), base, outcomes);
          if (outcomes.stream().anyMatch(o -> !o.passed())) {
            Artifacts.keepOutput(scratch.resolve("output.log"), job.artifacts(), n);
          }
          FileTrees.delete(scratch);
          listener.finished(job);
          Done d = new Done(job, outcomes, Artifacts.pages(job.artifacts(), base));
          done.put(index, d);
          listener.done(d);
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (Exception e) {
          throw new IllegalStateException("a test job failed inside the grader: " + e.getMessage(), e);
        }
      }
    }
    List<Done> out = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      out.add(done.get(i));
    }
    return out;
  }

  public static List<RunOutcome> notRun(TestJob.Spec spec, String reason) {
    List<RunOutcome> out = new ArrayList<>();
    for (Long seed : spec.seeds()) {
      out.add(new RunOutcome(seed, spec.real(), false, reason, null, 0, -1, spec.test().replay(seed, spec.real()), null));
    }
    return out;
  }
}
