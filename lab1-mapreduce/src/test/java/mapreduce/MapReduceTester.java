package mapreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import mapreduce.apps.Crash;

/**
 * Runs one MapReduce job the way a student would by hand: a coordinator JVM and worker JVMs in a
 * fresh directory holding generated input files; then checks the outputs. Every wait is bounded,
 * every failure names the check that failed and shows the tail of each process's log; closing the
 * tester kills and reaps whatever still runs.
 */
final class MapReduceTester implements AutoCloseable {
  /** Seed of the generated input files: every run sees the same inputs. */
  static final long CORPUS_SEED = 2004;
  static final int INPUT_FILES = 8;
  static final long INPUT_BYTES = 2_000_000;

  /** How long a process may take to finish after the others have (see {@link #awaitJobEnd}). */
  static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * How long a worker may outlive the coordinator in the crash test: a worker the crash app
   * stalls for up to 10 s may be holding a task another worker has finished meanwhile.
   */
  static final Duration CRASH_WORKER_GRACE = Duration.ofSeconds(25);

  private static final Duration COORDINATOR_START = Duration.ofSeconds(30);
  private static final Duration CRASH_RESTART_DELAY = Duration.ofSeconds(1);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int TAIL_LINES = 15;

  private final Path dir;
  private final Path logDir;
  private final long seed;
  private final String testMethod;
  private final List<String> inputs;
  private final List<String> jvmOptions;
  private final List<JvmProcess> workers = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private JvmProcess coordinator;
  private int port = -1;

  /** A tester for test {@code testMethod}, writing the standard input files into {@code dir}. */
  MapReduceTester(Path dir, long seed, String testMethod) {
    this(dir, seed, testMethod, ZipfCorpus.write(dir, INPUT_FILES, INPUT_BYTES, CORPUS_SEED),
        JvmProcess.TEST_JVM_OPTIONS);
  }

  /** A tester for input files already in {@code dir}, starting JVMs with {@code jvmOptions}. */
  MapReduceTester(Path dir, long seed, String testMethod, List<String> inputs,
      List<String> jvmOptions) {
    this.dir = dir;
    this.logDir = dir.resolve("logs");
    this.seed = seed;
    this.testMethod = testMethod;
    this.inputs = List.copyOf(inputs);
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  List<String> inputs() {
    return inputs;
  }

  /** A port of 127.0.0.1 free at the moment (for starting workers before the coordinator). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the coordinator on the inputs and waits until it has written its port file. */
  void startCoordinator(String... options) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(inputs);
    coordinator = JvmProcess.start("coordinator", dir, logDir, jvmOptions, CoordinatorMain.class,
        args, Map.of());
    long deadline = System.nanoTime() + COORDINATOR_START.toNanos();
    Path portFile = dir.resolve(PortFile.NAME);
    while (port < 0) {
      if (Files.exists(portFile)) {
        try {
          port = Integer.parseInt(Files.readString(portFile).strip());
        } catch (IOException | NumberFormatException e) {
          throw failure("the coordinator wrote an unreadable " + PortFile.NAME + ": " + e);
        }
      } else if (!coordinator.isAlive()) {
        throw failure("the coordinator exited before it started listening");
      } else if (System.nanoTime() > deadline) {
        throw failure("the coordinator did not write " + PortFile.NAME + " within "
            + COORDINATOR_START.toSeconds() + " s of starting");
      } else {
        Thread.sleep(POLL);
      }
    }
  }

  /** Starts a worker running {@code app} against the coordinator's port. */
  JvmProcess startWorker(String app) {
    if (port < 0) {
      throw new IllegalStateException("start the coordinator before startWorker(app)");
    }
    return startWorker(app, port);
  }

  /** Starts a worker running {@code app} against {@code workerPort} (the coordinator may be late). */
  JvmProcess startWorker(String app, int workerPort) {
    int index = workers.size() + 1;
    JvmProcess worker = JvmProcess.start("worker-" + index, dir, logDir, jvmOptions,
        WorkerMain.class,
        List.of("--port", Integer.toString(workerPort), "--connect-timeout", "30", app),
        Map.of("MAPREDUCE_SEED", Long.toString(seed + index)));
    workers.add(worker);
    return worker;
  }

  /** Waits until some process (the coordinator or a worker) has exited; returns its name. */
  String awaitFirstExit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!coordinator.isAlive()) {
        return coordinator.name();
      }
      for (JvmProcess worker : workers) {
        if (!worker.isAlive()) {
          return worker.name();
        }
      }
      Thread.sleep(POLL);
    }
    throw failure("no process exited within " + timeout.toSeconds() + " s");
  }

  /**
   * Waits until the coordinator has exited with status 0 and every worker has exited with status
   * 0, failing at once when a process exits with another status, when every worker is gone but the
   * coordinator still runs {@link #GRACE} later, when a worker still runs {@link #GRACE} ({@link
   * #CRASH_WORKER_GRACE} with {@code restartApp}) after the coordinator exited, or when the whole
   * job takes longer than {@code timeout}. If {@code restartApp} is not null, a worker killed by
   * the crash app is replaced one second later by a new one running {@code restartApp}, as long as
   * the coordinator runs.
   */
  void awaitJobEnd(Duration timeout, String restartApp) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<JvmProcess> seenExit = new HashSet<>();
    List<Long> pendingRestarts = new ArrayList<>();
    long quietSince = System.nanoTime();
    Duration workerGrace = restartApp == null ? GRACE : CRASH_WORKER_GRACE;
    while (true) {
      long now = System.nanoTime();
      OptionalInt coordinatorStatus = coordinator.exitStatus();
      if (coordinatorStatus.isPresent() && coordinatorStatus.getAsInt() != 0) {
        throw failure("the coordinator exited with status " + coordinatorStatus.getAsInt());
      }
      for (JvmProcess worker : List.copyOf(workers)) {
        OptionalInt status = worker.exitStatus();
        if (status.isEmpty() || !seenExit.add(worker)) {
          continue;
        }
        if (restartApp != null && status.getAsInt() == Crash.CRASH_EXIT_STATUS) {
          pendingRestarts.add(now + CRASH_RESTART_DELAY.toNanos());
        } else if (status.getAsInt() != 0) {
          throw failure(worker.name() + " exited with status " + status.getAsInt()
              + " (workers must exit with status 0, and only when the job is done)");
        }
      }
      if (coordinator.isAlive()) {
        for (var due = pendingRestarts.iterator(); due.hasNext(); ) {
          if (due.next() <= now) {
            due.remove();
            startWorker(restartApp);
          }
        }
      } else {
        pendingRestarts.clear();
      }
      boolean workersRunning = workers.stream().anyMatch(JvmProcess::isAlive);
      if (!coordinator.isAlive() && !workersRunning) {
        return;
      }
      if (coordinator.isAlive() == (workersRunning || !pendingRestarts.isEmpty())) {
        quietSince = now; // both sides still busy: nobody is waiting for the other
      } else if (coordinator.isAlive() && now - quietSince > GRACE.toNanos()) {
        throw failure("every worker has exited, but the coordinator was still running "
            + GRACE.toSeconds() + " s later: Coordinator.done() must return true once every"
            + " reduce task is finished, and workers must not exit before that (did any worker"
            + " do any work?)");
      } else if (!coordinator.isAlive() && now - quietSince > workerGrace.toNanos()) {
        throw failure("a worker was still running " + workerGrace.toSeconds() + " s after the"
            + " coordinator exited: workers must exit when the job is done or the coordinator is"
            + " gone");
      }
      if (now > deadline) {
        throw failure("the job did not finish within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(POLL);
    }
  }

  /** The non-blank lines of every mr-out-* file in the directory, sorted. */
  List<String> output() {
    return output(dir);
  }

  /** The non-blank lines of every mr-out-* file in {@code dir}, sorted. */
  static List<String> output(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> lines = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("mr-out")).toList()) {
        Files.readAllLines(file).stream().filter(line -> !line.isBlank()).forEach(lines::add);
      }
      return lines.stream().sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output files in " + dir, e);
    }
  }

  /** The sorted output of the sequential runner with {@code app} on the same inputs. */
  List<String> sequentialOutput(String app) {
    try {
      return SequentialRunner.run(AppLoader.byName(app), dir, inputs).stream().sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails unless the output equals the sequential runner's output of {@code app}. */
  void assertOutputMatchesSequential(String app) {
    List<String> output = output();
    String difference = OutputComparison.describeDifference(sequentialOutput(app), output);
    if (difference != null) {
      String hint = output.isEmpty()
          ? " (are mr-out-Y files written to the working directory, one 'key value' line per key?)"
          : "";
      throw failure("the output differs from the sequential run of '" + app + "': " + difference
          + hint);
    }
  }

  /** Prints the one-line summary of a passed test. */
  void passed(String details) {
    System.out.printf("  lab1 %s: passed in %.1f s (%s)%n", testMethod,
        (System.nanoTime() - startNanos) / 1e9, details);
  }

  int workersStarted() {
    return workers.size();
  }

  /** When the last worker exited ({@link System#nanoTime()}); call after {@link #awaitJobEnd}. */
  long lastWorkerExitNanos() {
    return workers.stream().mapToLong(JvmProcess::exitNanos).max().orElseThrow();
  }

  /** A failure naming the broken check, with the directory, seed, replay command and log tails. */
  AssertionError failure(String what) {
    StringBuilder message = new StringBuilder(what).append('\n');
    message.append("Files of this run (kept because the test failed): ").append(dir).append('\n');
    message.append("Seed of the test apps' random choices: ").append(seed)
        .append(". Run this test again with the same seed:\n    ./mvnw test -pl lab1-mapreduce")
        .append(solutionProfile())
        .append(" -Dtest='MapReduceTest#").append(testMethod).append("' -Dmapreduce.seed=")
        .append(seed).append('\n');
    if (coordinator != null) {
      message.append(coordinator.tail(TAIL_LINES));
    }
    // With many (crash-test) workers, the latest few say the most.
    for (JvmProcess worker : workers.subList(Math.max(0, workers.size() - 4), workers.size())) {
      message.append(worker.tail(TAIL_LINES));
    }
    return new AssertionError(message.toString());
  }

  private static String solutionProfile() {
    return "solution".equals(System.getProperty("labs.impl")) ? " -Psolution" : "";
  }

  /** Kills and reaps every process still running. */
  @Override
  public void close() {
    for (JvmProcess worker : workers) {
      worker.close();
    }
    if (coordinator != null) {
      coordinator.close();
    }
  }
}
