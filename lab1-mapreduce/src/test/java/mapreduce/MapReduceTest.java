package mapreduce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import labs.harness.Points;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab 1: the coordinator and workers as separate JVMs talking over Java RMI, on generated input,
 * checked against the sequential runner. Each test runs in a fresh directory (kept when the test
 * fails). {@code -Dmapreduce.seed=N} repeats the test apps' random choices.
 */
@Tag("1")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MapReduceTest {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CRASH_JOB_TIMEOUT = Duration.ofSeconds(180);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private MapReduceTester mr;

  @BeforeEach
  void setUp(TestInfo info) {
    long seed = Long.getLong("mapreduce.seed", new Random().nextLong());
    mr = new MapReduceTester(dir, seed, info.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void tearDown() {
    mr.close();
  }

  @Test
  @Points(10)
  @DisplayName("1: word count with 3 workers matches the sequential run")
  void wordCount() throws InterruptedException {
    runJobAndCompare("wc", 3);
  }

  @Test
  @Points(10)
  @DisplayName("1: inverted index with 2 workers matches the sequential run")
  void indexer() throws InterruptedException {
    runJobAndCompare("indexer", 2);
  }

  @Test
  @Points(10)
  @DisplayName("1: two workers run map tasks in parallel")
  void mapParallelism() throws InterruptedException {
    runJob("mtiming", 2);
    List<String> output = mr.output();
    long workersThatMapped = output.stream().filter(line -> line.startsWith("times-")).count();
    if (workersThatMapped != 2) {
      throw mr.failure("expected map tasks from exactly 2 worker processes (2 'times-<pid>'"
          + " lines), found " + workersThatMapped + ": " + output);
    }
    boolean overlapped = output.stream()
        .filter(line -> line.startsWith("parallel-"))
        .anyMatch(line -> List.of(line.split(" ")).contains("2"));
    if (!overlapped) {
      throw mr.failure("the two workers never ran map tasks at the same time (no 'parallel-<pid>'"
          + " line contains a 2); do workers ask for a new task while another worker is busy? "
          + output);
    }
    mr.passed("2 workers mapped in parallel");
  }

  @Test
  @Points(10)
  @DisplayName("1: two workers run reduce tasks in parallel")
  void reduceParallelism() throws InterruptedException {
    runJob("rtiming", 2);
    List<String> output = mr.output();
    long parallelReduces = output.stream().filter(line -> line.matches("[a-z] 2")).count();
    if (parallelReduces < 2) {
      throw mr.failure("expected at least 2 reduce calls that ran while the other worker was also"
          + " reducing (lines '<letter> 2'), found " + parallelReduces + ": " + output);
    }
    mr.passed(parallelReduces + " of 10 keys reduced in parallel");
  }

  @Test
  @Points(10)
  @DisplayName("1: every map task runs exactly once (workers started in two waves)")
  void jobCount() throws InterruptedException {
    int port = MapReduceTester.freePort();
    // The first wave starts before the coordinator: a worker must wait for it to come up.
    mr.startWorker("jobcount", port);
    mr.startWorker("jobcount", port);
    mr.startCoordinator("--port", Integer.toString(port));
    mr.startWorker("jobcount");
    mr.startWorker("jobcount");
    mr.awaitJobEnd(JOB_TIMEOUT, null);
    List<String> expected = List.of("a " + MapReduceTester.INPUT_FILES);
    List<String> output = mr.output();
    if (!output.equals(expected)) {
      throw mr.failure("expected the single output line " + expected + " (each of the "
          + MapReduceTester.INPUT_FILES + " map tasks run once), found " + output + ": a map"
          + " task ran more than once (handed out again before " + CoordinatorService.TASK_TIMEOUT
          .toSeconds() + " s?) or not at all");
    }
    mr.passed("4 workers, " + MapReduceTester.INPUT_FILES + " map executions");
  }

  @Test
  @Points(10)
  @DisplayName("1: no process exits before the output is complete")
  void earlyExit() throws InterruptedException {
    mr.startCoordinator();
    mr.startWorker("early_exit");
    mr.startWorker("early_exit");
    mr.startWorker("early_exit");
    String first = mr.awaitFirstExit(JOB_TIMEOUT);
    List<String> atFirstExit = mr.output();
    mr.awaitJobEnd(JOB_TIMEOUT, null);
    List<String> atEnd = mr.output();
    String difference = OutputComparison.describeDifference(atEnd, atFirstExit);
    if (difference != null) {
      throw mr.failure("the output was not complete when the first process (" + first + ")"
          + " exited: workers and the coordinator may only exit once every reduce task is"
          + " finished. Output at that moment vs at the end: " + difference);
    }
    // What the sequential runner would produce, without its 3-second pauses: "<file> 1" per input.
    List<String> expected = mr.inputs().stream().map(file -> file + " 1").sorted().toList();
    String wrongOutput = OutputComparison.describeDifference(expected, atEnd);
    if (wrongOutput != null) {
      throw mr.failure("the final output is wrong: " + wrongOutput);
    }
    mr.passed(first + " exited first, output already complete");
  }

  @Test
  @Points(20)
  @DisplayName("1: workers that crash or stall are replaced; output still correct")
  void crash() throws InterruptedException {
    mr.startCoordinator();
    for (int slot = 0; slot < 4; slot++) {
      mr.startWorker("crash");
    }
    mr.awaitJobEnd(CRASH_JOB_TIMEOUT, "crash");
    mr.assertOutputMatchesSequential("nocrash");
    mr.passed(mr.workersStarted() + " worker processes started, "
        + (mr.workersStarted() - 4) + " of them to replace crashed ones");
  }

  /** Runs a coordinator and {@code workers} workers of {@code app} until the job is done. */
  private void runJob(String app, int workers) throws InterruptedException {
    mr.startCoordinator();
    for (int i = 0; i < workers; i++) {
      mr.startWorker(app);
    }
    mr.awaitJobEnd(JOB_TIMEOUT, null);
  }

  private void runJobAndCompare(String app, int workers) throws InterruptedException {
    runJob(app, workers);
    mr.assertOutputMatchesSequential(app);
    mr.passed(workers + " workers, " + mr.output().size() + " output lines");
  }
}
