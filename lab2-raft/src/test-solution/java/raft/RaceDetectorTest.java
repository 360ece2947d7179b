package raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static raft.RaftCopies.raft;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import labs.harness.ReferenceCopies.Edit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The race detector's deliberate bug for Lab 2: a copy of the reference whose getState() reads
 * the term without the lock ({@link RaftCopies}) passes every simulated test, but with
 * {@code -Dlabs.race=true} the first election test fails with a race report naming the field,
 * both threads and both lines, the seed and a replay command that gives the same report again.
 *
 * <p>Compiled and run only with {@code -Psolution} (this file lives in src/test-solution/java).
 * The agent instruments what loads while {@code labs.race} is a system property, so the class
 * sets it for its own runs and puts back what was there.
 */
@Tag("tests-of-the-tests")
class RaceDetectorTest {
  private static final String SCENARIO = "ElectionTest#initialElection";
  private static final List<Edit> UNLOCKED_GET_STATE = List.of(raft(
      "    lock.lock();\n    try {\n      return new State(currentTerm, role == Role.LEADER);\n    } finally {\n"
          + "      lock.unlock();\n    }\n",
      "    return new State(currentTerm, role == Role.LEADER); // (bug) reads the term without the lock\n"));
  private static String before;

  @BeforeAll
  static void detectRaces() {
    before = System.getProperty("labs.race");
    System.setProperty("labs.race", "true");
  }

  @AfterAll
  static void restore() {
    if (before == null) {
      System.clearProperty("labs.race");
    } else {
      System.setProperty("labs.race", before);
    }
  }

  /**
   * Runs the scenario on a copy with {@code edits} through JUnit, as {@code ./mvnw test -Dtest=...
   * -Dlabs.seed=N} would: once, whatever {@code -Dlabs.iterations} this suite itself runs with.
   */
  private static Events run(String name, List<Edit> edits, long seed, String race) throws Exception {
    ClassLoader copy = RaftCopies.compileWith(name, edits);
    String[] parts = SCENARIO.split("#");
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(copy.loadClass("raft." + parts[0]), parts[1]))
        .configurationParameters(Map.of("labs.seed", String.valueOf(seed), "labs.iterations", "1",
            "labs.checkDeterminism", "false", "labs.module", "lab2-raft", "labs.impl", "solution", "labs.race", race))
        .execute()
        .testEvents();
  }

  private static String failure(Events events) {
    assertThat(events.failed().count()).as("failed runs").isEqualTo(1);
    return events.failed().stream().findFirst().orElseThrow().getPayload(TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
  }

  @Test
  void getStateWithoutTheLockIsADataRaceWithBothThreadsAndBothLines() throws Exception {
    String message = failure(run("getState() without the lock", UNLOCKED_GET_STATE, 1, "true"));
    assertThat(message.lines().findFirst().orElseThrow()).matches("DATA_RACE: DATA RACE on field `Raft.currentTerm`: "
        + "written by `server-\\d/[^`]+#\\d+` at Raft.java:\\d+ under `lock`; "
        + "read by `server-\\d/call#\\d+` at Raft.java:\\d+ without a lock");
    assertThat(message)
        .containsPattern("read by server-\\d/call#\\d+ \\(started by tester/main#1\\), holding no lock:\n"
            + "      at raft.Raft.getState\\(Raft.java:\\d+\\)")
        .containsPattern("write by server-\\d/[^ ]+#\\d+ \\(started by .+\\), holding `lock`:\n      at raft.Raft.")
        .contains("Fix: hold `lock` at Raft.java:")
        .contains("  seed:    1   (sim runtime, ")
        .contains("  replay:  ./mvnw test -pl lab2-raft -Dtest='" + SCENARIO + "' -Dlabs.seed=1 -Psolution -Dlabs.race=true")
        .contains("replayed: same failure at the same virtual time");
    Path dir = Path.of("target", "mistakes");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("getState-without-the-lock-race.txt"), message);
    System.out.println("  CAUGHT  getState() without the lock: " + message.lines().findFirst().orElse(""));
  }

  @Test
  void theSameSeedGivesTheSameReport() throws Exception {
    String first = failure(run("getState() without the lock", UNLOCKED_GET_STATE, 3, "true"));
    String second = failure(run("getState() without the lock", UNLOCKED_GET_STATE, 3, "true"));
    assertThat(report(second)).isEqualTo(report(first));
  }

  @Test
  void withoutTheDetectorTheBugPassesTheSimulatedTest() throws Exception {
    Events events = run("getState() without the lock", UNLOCKED_GET_STATE, 1, "false");
    assertThat(events.failed().count()).as("failed runs without the detector").isZero();
    assertThat(events.succeeded().count()).isEqualTo(1);
  }

  @Test
  void aRunThatCouldNotWatchTheStudentCodeFailsInsteadOfPassingUnchecked() throws Exception {
    // The harness is told to detect races, but the JVM's agent is not (the system property is
    // off while the copy loads and runs), so the copy runs as compiled and nothing is watched.
    System.setProperty("labs.race", "false");
    String message;
    try {
      message = failure(run("the reference, uninstrumented", List.of(), 1, "true"));
    } finally {
      System.setProperty("labs.race", "true");
    }
    assertThat(message)
        .startsWith("SELF_TEST: -Dlabs.race=true, but no instrumented student code ran in this test")
        .contains("labs.race is not a system property of this JVM")
        .doesNotContain("replayed");
  }

  /** The race report itself: the message up to the harness's footer (which names trace files). */
  private static String report(String message) {
    return message.substring(0, message.indexOf("\n  test:    "));
  }
}
