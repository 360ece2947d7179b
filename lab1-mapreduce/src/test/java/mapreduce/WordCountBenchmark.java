package mapreduce;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Word count on a generated corpus (default about 100 MB in 16 files): the sequential runner in
 * one JVM, then the coordinator with 1, 2 and 4 worker JVMs, each timed from launching its first
 * process until the last worker has exited (the coordinator's one-second shutdown is not
 * counted). Prints wall time, throughput and speed-up, and checks every distributed output
 * against the sequential one. Run it through {@code bench/lab1-wordcount.sh}, which builds the
 * reference solution; the corpus lives in a temporary directory deleted afterwards.
 *
 * <pre>
 * bench/lab1-wordcount.sh [megabytes [files [worker counts]]]     e.g. 100 16 1,2,4
 * </pre>
 */
public final class WordCountBenchmark {
  private static final List<String> JVM_OPTIONS = List.of("-Xmx3g");
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private WordCountBenchmark() {}

  public static void main(String[] args) throws Exception {
    double megabytes = args.length > 0 ? Double.parseDouble(args[0]) : 100;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    String workerCounts = args.length > 2 ? args[2] : "1,2,4";
    Path dir = Files.createTempDirectory("lab1-bench-");
    try {
      run(dir, (long) (megabytes * 1_000_000), files, workerCounts);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void run(Path dir, long bytes, int fileCount, String workerCounts)
      throws Exception {
    long start = System.nanoTime();
    List<String> inputs = ZipfCorpus.write(dir, fileCount, bytes, MapReduceTester.CORPUS_SEED);
    long corpusBytes = 0;
    for (String input : inputs) {
      corpusBytes += Files.size(dir.resolve(input));
    }
    double megabytes = corpusBytes / 1e6;
    System.out.printf("corpus: %d files, %.1f MB, generated in %.1f s; %d cores, load average"
            + " %.2f; JDK %s%n", fileCount, megabytes, seconds(System.nanoTime() - start),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version());
    System.out.printf("%-28s %10s %10s %9s%n", "run", "wall (s)", "MB/s", "speed-up");

    double sequentialSeconds = runSequential(dir, inputs);
    List<String> expected = MapReduceTester.output(dir);
    report("sequential (1 JVM)", sequentialSeconds, megabytes, sequentialSeconds);

    for (String count : workerCounts.split(",")) {
      int workers = Integer.parseInt(count.strip());
      deleteJobFiles(dir);
      start = System.nanoTime();
      try (MapReduceTester mr = new MapReduceTester(dir, 0, "benchmark", inputs, JVM_OPTIONS)) {
        mr.startCoordinator();
        for (int i = 0; i < workers; i++) {
          mr.startWorker("wc");
        }
        mr.awaitJobEnd(RUN_TIMEOUT, null);
        double elapsed = seconds(mr.lastWorkerExitNanos() - start);
        String difference = OutputComparison.describeDifference(expected, mr.output());
        if (difference != null) {
          throw new IllegalStateException(workers + " workers: wrong output: " + difference);
        }
        report("coordinator + " + workers + " worker" + (workers > 1 ? "s" : ""), elapsed,
            megabytes, sequentialSeconds);
      }
    }
    System.out.printf("(each distributed output was checked equal to the sequential one; load"
        + " average now %.2f)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Runs the sequential runner in its own JVM (writing mr-out-0); returns its wall time in s. */
  private static double runSequential(Path dir, List<String> inputs) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("wc"));
    args.addAll(inputs);
    long start = System.nanoTime();
    try (JvmProcess sequential = JvmProcess.start("sequential", dir, dir.resolve("logs"),
        JVM_OPTIONS, SequentialMain.class, args, Map.of())) {
      OptionalInt status = sequential.await(RUN_TIMEOUT);
      if (status.isEmpty() || status.getAsInt() != 0) {
        throw new IllegalStateException("the sequential run failed:\n" + sequential.tail(20));
      }
      return seconds(sequential.exitNanos() - start);
    }
  }

  private static void report(String run, double seconds, double megabytes, double sequential) {
    System.out.printf("%-28s %10.1f %10.1f %8.2fx%n", run, seconds, megabytes / seconds,
        sequential / seconds);
  }

  private static void deleteJobFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("mr-")).toList()) {
        Files.delete(file);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
