package grader.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main of every forked test JVM: drives the JUnit Platform Launcher and writes what happened
 * as JSON lines for the grader. It runs next to the student's code, so the grader treats what it
 * writes as a claim to check, not as the truth: every line carries a token the grader sent on
 * standard input (read before any test class loads), a missing line is a failure, and the
 * process's exit, time and output size are judged by the grader outside this JVM.
 *
 * <pre>
 * TestRunner list  OUT.json  TEST_CLASSES_DIR      every test with its tags, points and limits
 * TestRunner run   OUT.jsonl CLASS METHOD          one test method (its seeds come from -Dlabs.seed/iterations)
 * </pre>
 */
public final class TestRunner {
  private static final Gson GSON = new Gson();
  private static final int MESSAGE_LIMIT = 6000;

  private TestRunner() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("list")) {
      List<RunnerRecord.Listed> tests = TestListing.list(Path.of(args[2]));
      Files.writeString(Path.of(args[1]), GSON.toJson(tests));
      System.exit(0);
    }
    if (args.length != 4 || !args[0].equals("run")) {
      System.err.println("usage: TestRunner list OUT TEST_CLASSES | run OUT CLASS METHOD");
      System.exit(2);
    }
    String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.setIn(new ByteArrayInputStream(new byte[0]));
    Path out = Path.of(args[1]);
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      Sink sink = line -> {
        synchronized (w) {
          w.write(GSON.toJson(line) + "\n");
          w.flush();
        }
      };
      run(args[2], args[3], token, sink);
      sink.write(RunnerRecord.done(token));
    }
    // Student threads that outlive the test must not keep this JVM (and the grader) waiting.
    System.exit(0);
  }

  @FunctionalInterface
  interface Sink {
    void write(RunnerRecord record) throws java.io.IOException;
  }

  private static void run(String className, String method, String token, Sink sink) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(className, method)).build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, new TestExecutionListener() {
      private final java.util.Map<String, Long> starts = new java.util.concurrent.ConcurrentHashMap<>();

      @Override
      public void executionStarted(TestIdentifier id) {
        starts.put(id.getUniqueId(), System.nanoTime());
      }

      @Override
      public void executionSkipped(TestIdentifier id, String reason) {
        write(sink, RunnerRecord.of(token, id.getDisplayName(), id.isTest(), "SKIPPED", reason, 0));
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean failedContainer = !id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (!id.isTest() && !failedContainer) {
          return;
        }
        long nanos = System.nanoTime() - starts.getOrDefault(id.getUniqueId(), System.nanoTime());
        String message = result.getThrowable().map(TestRunner::describe).orElse(null);
        write(sink, RunnerRecord.of(token, id.getDisplayName(), id.isTest(), result.getStatus().name(), message,
            nanos / 1_000_000));
      }
    });
  }

  private static void write(Sink sink, RunnerRecord record) {
    try {
      sink.write(record);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The failure's message (its class when it has none), then its causes, bounded in length. */
  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    Throwable cur = t;
    for (int depth = 0; cur != null && depth < 3; depth++, cur = cur.getCause()) {
      if (depth > 0 && cur.getMessage() != null && sb.indexOf(cur.getMessage()) >= 0) {
        continue;
      }
      if (depth > 0) {
        sb.append("\ncaused by: ");
      }
      sb.append(cur.getMessage() == null ? cur.getClass().getName() : cur.getClass().getSimpleName().equals("AssertionError")
          ? cur.getMessage() : cur.getClass().getName() + ": " + cur.getMessage());
      if (cur.getCause() == cur) {
        break;
      }
    }
    int frames = 0;
    for (StackTraceElement f : t.getStackTrace()) {
      String c = f.getClassName();
      if (frames < 4 && !c.startsWith("org.junit.") && !c.startsWith("java.") && !c.startsWith("jdk.")
          && !c.startsWith("sun.") && !c.startsWith("grader.runner.")) {
        sb.append("\n    at ").append(f);
        frames++;
      }
    }
    String s = sb.toString();
    return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT) + "\n... (message cut at " + MESSAGE_LIMIT + " characters)";
  }

  /** Used by {@link TestListing}: the plan of every test under a test-classes folder. */
  static TestPlan discover(Path testClasses) {
    return LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClasspathRoots(Set.of(testClasses))).build());
  }
}
