package mapreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Java program started in its own JVM (the JDK and class path of this test run), with its
 * standard output and error captured to {@code <logDir>/<name>.out} and {@code .err}. Closing it
 * kills the process if it still runs and waits until it is gone.
 */
final class JvmProcess implements AutoCloseable {
  /** Small, quick-starting JVMs: the test machine may have two cores for a handful of them. */
  static final List<String> TEST_JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  private static final Duration REAP_TIMEOUT = Duration.ofSeconds(10);

  /** Processes still running; killed when this JVM exits, so none outlives an aborted run. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private final CompletableFuture<Long> exitNanos;

  private JvmProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.exitNanos = process.onExit().thenApply(exited -> System.nanoTime());
    RUNNING.add(process);
    process.onExit().thenRun(() -> RUNNING.remove(process));
  }

  /**
   * Starts {@code mainClass} with {@code args} in working directory {@code dir}, logging to
   * {@code logDir}, with {@code env} added to this process's environment.
   */
  static JvmProcess start(String name, Path dir, Path logDir, List<String> jvmOptions,
      Class<?> mainClass, List<String> args, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Path stdout = logDir.resolve(name + ".out");
    Path stderr = logDir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    try {
      Files.createDirectories(logDir);
      return new JvmProcess(name, builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status, or empty while the process runs. */
  OptionalInt exitStatus() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Waits up to {@code timeout} for the process to exit; the exit status, or empty if it runs. */
  OptionalInt await(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  /**
   * When the process exited, by {@link System#nanoTime()} (noted by a JDK thread within
   * milliseconds of the exit); only meaningful once {@link #exitStatus()} is present.
   */
  long exitNanos() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    return exitNanos.join();
  }

  /** Everything the process wrote to standard error so far. */
  String stderr() {
    return read(stderr);
  }

  /** The last lines of the process's output and error, labelled, for a failure message. */
  String tail(int lines) {
    String state = exitStatus().isPresent() ? "exited with status " + exitStatus().getAsInt()
        : "still running";
    return "--- " + name + " (" + state + "), last lines of " + stdout.getFileName() + ":\n"
        + lastLines(read(stdout), lines)
        + "--- last lines of " + stderr.getFileName() + ":\n"
        + lastLines(read(stderr), lines);
  }

  /** Kills the process if it still runs and waits for it to be gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    try {
      process.waitFor(REAP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }

  private static String lastLines(String text, int count) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty()) {
      return "    (empty)\n";
    }
    StringBuilder tail = new StringBuilder();
    if (lines.size() > count) {
      tail.append("    ... (").append(lines.size() - count).append(" lines before)\n");
    }
    for (String line : lines.subList(Math.max(0, lines.size() - count), lines.size())) {
      tail.append("    ").append(line).append('\n');
    }
    return tail.toString();
  }
}
