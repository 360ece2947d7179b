package grader.exec;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import grader.build.BuiltTree;
import grader.course.Lab;
import grader.runner.RunnerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one test in one fresh JVM: a seeded test over consecutive seeds ({@code -Dlabs.seed},
 * {@code -Dlabs.iterations}), any other test once. The JVM's working folder is a scratch folder
 * of its own, so its traces, viewer pages and stray files land there. The grader decides each
 * run: a run the runner did not report (with the token it was given) failed, with the reason the
 * process shows from outside: killed at its time limit, stopped for printing too much, out of
 * memory, or exited early.
 */
public final class TestJob {
  private static final Gson GSON = new Gson();
  private static final Pattern SEED = Pattern.compile("seed (-?\\d+)");
  private static final Pattern VIRTUAL = Pattern.compile("seed (-?\\d+)\\s+([0-9.]+) s virtual");
  private static final Pattern FAILED_AT = Pattern.compile("failed at ([0-9.]+) s");

  /**
   * @param test the test
   * @param firstSeed the first seed (ignored for tests without seeds)
   * @param count how many seeds (a test without seeds runs once)
   * @param real whether on real threads
   * @param limit the wall-time limit of the whole JVM
   */
  public record Spec(TestCase test, long firstSeed, int count, boolean real, Duration limit) {
    public List<Long> seeds() {
      if (!test.seeded()) {
        return java.util.Collections.singletonList(null);
      }
      List<Long> s = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        s.add(firstSeed + i);
      }
      return s;
    }
  }

  private TestJob() {}

  /**
   * Runs the spec; {@code progress} hears each run as the runner reports it (from another
   * thread's point of view only after this returns, for the runs it never reported).
   */
  public static List<RunOutcome> run(BuiltTree tree, Lab lab, JvmCommand jvm, Spec spec, Limits limits, Path scratch,
      Consumer<RunOutcome> progress) {
    try {
      Files.createDirectories(scratch.resolve("tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestCase test = spec.test();
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Path results = scratch.resolve("results.jsonl");
    List<String> props = new ArrayList<>(List.of("-Dlabs.impl=student", "-Dlabs.module=" + lab.name(),
        "-Djava.io.tmpdir=" + scratch.resolve("tmp")));
    if (test.seeded()) {
      props.add("-Dlabs.seed=" + spec.firstSeed());
      props.add("-Dlabs.iterations=" + spec.count());
    }
    if (spec.real()) {
      props.add("-Dlabs.runtime=real");
    }
    List<String> cmd = jvm.command(tree.root(), tree.classpath(lab), props, "run", results.toString(),
        test.listed().className(), test.listed().method());
    Watcher watcher = new Watcher(results, token, spec, progress);
    Thread poll = Thread.ofPlatform().daemon().name("results-" + test.id()).start(watcher);
    ForkResult fork = Fork.run(cmd, scratch, Map.of(), token + "\n", scratch.resolve("output.log"),
        limits.withWall(spec.limit()));
    watcher.stop();
    try {
      poll.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return decide(spec, watcher.read(), fork, progress, watcher.reported);
  }

  /** The runner's lines that carry the token, by seed (or by name for tests without seeds). */
  static Map<Long, RunnerRecord> parse(Path results, String token, Spec spec, List<RunnerRecord> containerFailures,
      boolean[] done) {
    Map<Long, RunnerRecord> bySeed = new LinkedHashMap<>();
    if (!Files.isRegularFile(results)) {
      return bySeed;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(results);
    } catch (IOException e) {
      return bySeed;
    }
    for (String line : lines) {
      RunnerRecord r;
      try {
        r = GSON.fromJson(line, RunnerRecord.class);
      } catch (JsonSyntaxException e) {
        continue;
      }
      if (r == null || !token.equals(r.token())) {
        continue;
      }
      if (r.done()) {
        done[0] = true;
      } else if (!r.test()) {
        containerFailures.add(r);
      } else if (spec.test().seeded()) {
        Matcher m = SEED.matcher(r.name() == null ? "" : r.name());
        if (m.find()) {
          bySeed.putIfAbsent(Long.parseLong(m.group(1)), r);
        }
      } else {
        bySeed.putIfAbsent(null, r);
      }
    }
    return bySeed;
  }

  private static List<RunOutcome> decide(Spec spec, Parsed parsed, ForkResult fork, Consumer<RunOutcome> progress,
      java.util.Set<Long> alreadyReported) {
    String output = fork.output();
    List<RunOutcome> out = new ArrayList<>();
    for (Long seed : spec.seeds()) {
      RunnerRecord r = parsed.bySeed().get(seed);
      RunOutcome o = r != null ? fromRecord(spec, seed, r, output)
          : new RunOutcome(seed, spec.real(), false, missingReason(spec, parsed, fork), containerMessage(parsed, fork),
              0, -1, spec.test().replay(seed, spec.real()), null);
      out.add(o);
      if (!alreadyReported.contains(seed)) {
        progress.accept(o);
      }
    }
    return out;
  }

  static RunOutcome fromRecord(Spec spec, Long seed, RunnerRecord r, String output) {
    boolean passed = "SUCCESSFUL".equals(r.status());
    String reason = passed ? "passed" : "SKIPPED".equals(r.status()) || "ABORTED".equals(r.status())
        ? "did not run (" + r.status().toLowerCase(java.util.Locale.ROOT) + "): " + firstLine(r.message())
        : firstLine(r.message());
    double virtual = -1;
    if (seed != null) {
      Matcher m = VIRTUAL.matcher(output);
      while (m.find()) {
        if (Long.parseLong(m.group(1)) == seed) {
          virtual = Double.parseDouble(m.group(2));
        }
      }
      if (!passed && r.message() != null) {
        Matcher f = FAILED_AT.matcher(r.message());
        if (f.find()) {
          virtual = Double.parseDouble(f.group(1));
        }
      }
    }
    // a data race replays with the race detector on, whatever the course's default
    boolean race = !passed && r.message() != null && r.message().startsWith("DATA_RACE");
    return new RunOutcome(seed, spec.real(), passed, reason, passed ? null : r.message(), r.millis() / 1000.0, virtual,
        spec.test().replay(seed, spec.real()) + (race ? " -Dlabs.race=true" : ""), null);
  }

  /** Why the runner never reported a run, as seen from outside the JVM. */
  static String missingReason(Spec spec, Parsed parsed, ForkResult fork) {
    if (fork.timedOut()) {
      return "no result within the time limit (" + spec.limit().toSeconds() + " s of real time for this test): "
          + "an endless loop, a deadlock outside the simulation, or far too slow; the JVM was killed";
    }
    if (fork.outputCapped()) {
      return "printed more than the output limit (" + (fork.outputBytes() >> 20) + " MB so far); the JVM was stopped";
    }
    if (fork.output().contains("Terminating due to java.lang.OutOfMemoryError")
        || fork.output().contains("java.lang.OutOfMemoryError")) {
      return "ran out of memory (the test JVM's heap limit); the JVM ended";
    }
    if (!parsed.containerFailures().isEmpty()) {
      return "the test could not start: " + firstLine(parsed.containerFailures().getFirst().message());
    }
    if (parsed.done()) {
      return "the test reported no result for this run";
    }
    String said = harnessLine(fork.tail().isEmpty() ? fork.head() : fork.tail());
    return "the test JVM exited (status " + fork.exitCode() + ") before this run finished"
        + (said != null ? "; its last report: " + said : fork.exitCode() == 0 ? ": does the code call System.exit?" : "");
  }

  private static final Pattern REPORT = Pattern.compile("(?m)^([A-Z][A-Z_]{3,}: .*)$");

  /** The last line of the output in the harness's report form ("BUSY_LOOP: ..."), if any. */
  static String harnessLine(String output) {
    Matcher m = REPORT.matcher(output);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last == null ? null : firstLine(last);
  }

  private static String containerMessage(Parsed parsed, ForkResult fork) {
    if (!parsed.containerFailures().isEmpty()) {
      return parsed.containerFailures().getFirst().message();
    }
    String tail = fork.tail().isEmpty() ? fork.head() : fork.tail();
    return tail.length() > 3000 ? tail.substring(tail.length() - 3000) : tail;
  }

  static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "failed (no message)";
    }
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  record Parsed(Map<Long, RunnerRecord> bySeed, List<RunnerRecord> containerFailures, boolean done) {}

  /** Polls the results file while the JVM runs, so that progress shows each run as it ends. */
  private static final class Watcher implements Runnable {
    private final Path results;
    private final String token;
    private final Spec spec;
    private final Consumer<RunOutcome> progress;
    final java.util.Set<Long> reported = java.util.Collections.synchronizedSet(new java.util.HashSet<>());
    private volatile boolean stopped;

    Watcher(Path results, String token, Spec spec, Consumer<RunOutcome> progress) {
      this.results = results;
      this.token = token;
      this.spec = spec;
      this.progress = progress;
    }

    void stop() {
      stopped = true;
    }

    Parsed read() {
      List<RunnerRecord> failures = new ArrayList<>();
      boolean[] done = new boolean[1];
      Map<Long, RunnerRecord> m = parse(results, token, spec, failures, done);
      return new Parsed(m, failures, done[0]);
    }

    @Override
    public void run() {
      while (!stopped) {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          return;
        }
        if (stopped) {
          return;
        }
        for (var e : read().bySeed().entrySet()) {
          if (reported.add(e.getKey())) {
            progress.accept(fromRecord(spec, e.getKey(), e.getValue(), ""));
          }
        }
      }
    }
  }
}
