package labs.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

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
    props.forEach(System::setProperty);
    try {
      return EngineTestKit.engine("junit-jupiter")
          .selectors(selectMethod(HarnessSamples.class, method))
          .execute()
          .testEvents();
    } finally {
      props.keySet().forEach(System::clearProperty);
    }
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
  void randomSeedsDifferBetweenRuns() {
    Events events = run("passes", Map.of("labs.iterations", "2"));
    List<String> names = events.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    assertThat(names).hasSize(2).doesNotHaveDuplicates();
  }
}
