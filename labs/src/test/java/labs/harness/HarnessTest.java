package labs.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class HarnessTest {
  private static final List<String> PROPS = List.of("labs.seed", "labs.iterations", "labs.checkDeterminism", "labs.module");

  @AfterEach
  void clearProperties() {
    PROPS.forEach(System::clearProperty);
  }

  private static Events run(String method, Map<String, String> props) {
    return run(HarnessSamples.class, method, props);
  }

  /** Runs one lab test with the given switches (as JUnit configuration parameters). */
  private static Events run(Class<?> samples, String method, Map<String, String> props) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(samples, method))
        .configurationParameters(props)
        .execute()
        .testEvents();
  }

  private static String failureMessage(Events events) {
    Supplier<AssertionError> none = () -> new AssertionError("expected a failed test");
    Event failed = events.failed().stream().findFirst().orElseThrow(none);
    return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
  }

  @Test
  void iterationsRunOneInvocationPerSeed() {
    Events events = run("passes", Map.of("labs.seed", "42", "labs.iterations", "3"));
    assertThat(events.succeeded().count()).isEqualTo(3);
    assertThat(events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
        .containsExactly("seed 42", "seed 43", "seed 44");
  }

  @Test
  void failureNamesTheSeedTheReplayCommandAndWritesATrace() throws Exception {
    String message = failureMessage(run("failsAnAssertion", Map.of("labs.seed", "7", "labs.module", "labs")));
    assertThat(message)
        .contains("a deliberately wrong expectation")
        .contains("seed:    7")
        .contains("replay:  ./mvnw test -pl labs -Dtest='HarnessSamples#failsAnAssertion' -Dlabs.seed=7")
        .contains("2.000 s virtual");
    Path trace = Path.of("target/labs-traces/HarnessSamples.failsAnAssertion-seed7.txt");
    assertThat(trace).exists();
    assertThat(Files.readString(trace)).contains("about to fail").contains("tester");
    assertThat(Path.of("target/labs-traces/HarnessSamples.failsAnAssertion-seed7.jsonl")).exists();
  }

  @Test
  void deadlockReportListsEveryThreadWithTheReplayCommand() {
    String message = failureMessage(run("deadlocks", Map.of("labs.seed", "9")));
    assertThat(message).contains("DEADLOCK").contains("tester/other").contains("tester/waiter")
        .contains("HarnessSamples").contains("-Dlabs.seed=9");
  }

  @Test
  void virtualTimeBudgetStopsALongRun() {
    String message = failureMessage(run("runsTooLong", Map.of("labs.seed", "1")));
    assertThat(message).contains("VIRTUAL_TIME_LIMIT").contains("3 s of virtual time");
  }

  @Test
  void determinismCheckPassesForADeterministicTest() {
    Events events = run("passes", Map.of("labs.seed", "5", "labs.checkDeterminism", "true"));
    assertThat(events.succeeded().count()).isEqualTo(1);
  }

  @Test
  void switchesAreReadFromSystemPropertiesToo() {
    System.setProperty("labs.seed", "77");
    try {
      Events events = run("passes", Map.of());
      assertThat(events.started().stream().map(e -> e.getTestDescriptor().getDisplayName())).containsExactly("seed 77");
    } finally {
      System.clearProperty("labs.seed");
    }
  }

  @Test
  void aFailureIsRunAgainAndSaysThatItReplayed() throws Exception {
    String message = failureMessage(run("failsAnAssertion", Map.of("labs.seed", "8", "labs.module", "labs")));
    assertThat(message)
        .contains("           replayed: same failure at the same virtual time (2.000 s), same trace (1 event)")
        .contains("  report:  labs/target/labs-traces/HarnessSamples.failsAnAssertion-seed8.report.txt");
    assertThat(Files.readString(Path.of("target/labs-traces/HarnessSamples.failsAnAssertion-seed8.report.txt")))
        .contains("a deliberately wrong expectation").contains("at labs.harness.HarnessSamples.failsAnAssertion");
  }

  @Test
  void aFailureThatGoesDifferentlyTheSecondTimeSaysItDidNotReplay() {
    String message = failureMessage(run("failsDifferentlyEachRun", Map.of("labs.seed", "8")));
    assertThat(message)
        .contains("did NOT replay: your code is nondeterministic; first difference: event 0:")
        .containsPattern("run 1: .* log +run \\d+")
        .contains("static fields kept from the run before");
  }

  @Test
  void theReplayProofCanBeTurnedOff() {
    String message = failureMessage(run("failsAnAssertion", Map.of("labs.seed", "8", "labs.proveReplay", "false")));
    assertThat(message).doesNotContain("replayed").doesNotContain("did NOT replay");
  }

  @Test
  void aBusyLoopIsTheTestsFailureWithSeedReplayAndReport() {
    String message = failureMessage(run("spinsInABusyLoop", Map.of("labs.seed", "3", "labs.busyStepMillis", "1000")));
    assertThat(message)
        .startsWith("BUSY_LOOP: thread tester/main#1 has run for")
        .contains("at labs.harness.HarnessSamples.spinsInABusyLoop(HarnessSamples.java:")
        .contains("  seed:    3   (sim runtime, failed at 0.000 s virtual time)")
        .contains("  replay:  ./mvnw test -Dtest='HarnessSamples#spinsInABusyLoop' -Dlabs.seed=3")
        .contains("  report:  target/labs-traces/HarnessSamples.spinsInABusyLoop-seed3.report.txt")
        .doesNotContain("replayed");
  }

  @Test
  void codeThatBreaksTheRulesFailsEveryLabTestBeforeItRuns() {
    RuleBreakingSamples.ran = false;
    String message = failureMessage(run(RuleBreakingSamples.class, "wouldRun", Map.of("labs.seed", "1")));
    assertThat(message)
        .contains("use(s) of JDK features that break the simulation's replay")
        .contains("Thread.ofPlatform is not allowed in lab code: use Env.go(name, runnable)")
        .contains("checked before the first lab test of every run")
        .contains("rerun:   ./mvnw test -Dtest='RuleBreakingSamples#wouldRun'");
    assertThat(message.lines().count()).isLessThanOrEqualTo(60);
    assertThat(RuleBreakingSamples.ran).as("the test body ran").isFalse();
  }

  @Test
  void onRealThreadsThePassLineSaysRealTime() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(run("printsItsRuntime", Map.of("labs.seed", "4", "labs.runtime", "real")).succeeded().count())
          .isEqualTo(1);
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(" s real (real threads)").doesNotContain("virtual");
  }

  @Test
  void randomSeedsDifferBetweenRuns() {
    Events events = run("passes", Map.of("labs.iterations", "2"));
    List<String> names = events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    assertThat(names).hasSize(2).doesNotHaveDuplicates();
  }
}
