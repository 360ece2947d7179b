package raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static raft.RaftCopies.raft;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labs.harness.ReferenceCopies.Edit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Tests of the diagnostics: each case makes one mistake students make in part 2A, in a copy of
 * the reference ({@link RaftCopies}), runs a 2A test on it through the JUnit engine exactly
 * as {@code ./mvnw test -pl lab2-raft -Dtest=... -Dlabs.seed=1} would, and checks what the student
 * would read on the console: the failing test's message names the cause (and, for the rules, the
 * rule and its replacement), fits on a screen, and gives the seed, the replay command and the
 * path of the report.
 *
 * <p>Compiled and run only with {@code -Psolution} (this file lives in src/test-solution/java).
 */
@Tag("tests-of-the-tests")
class MistakesTest {
  /** A screen: the failure's whole message, cause, hints, replay and paths included. */
  private static final int SCREEN_LINES = 60;
  private static final String INITIAL_ELECTION = "ElectionTest#initialElection";

  /** Lines of code, each ended by a newline. */
  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /**
   * The switches of the student's command line, as JUnit configuration parameters: one run of one
   * seed, whatever {@code -Dlabs.iterations} this suite itself runs with.
   */
  private static Map<String, String> commandLine(long seed, String... more) {
    Map<String, String> p = new HashMap<>(Map.of("labs.seed", String.valueOf(seed), "labs.iterations", "1",
        "labs.checkDeterminism", "false", "labs.module", "lab2-raft", "labs.impl", "solution",
        "labs.busyStepMillis", "3000"));
    for (int i = 0; i < more.length; i += 2) {
      p.put(more[i], more[i + 1]);
    }
    return p;
  }

  /** Runs {@code scenario} ("TestClass#method") on the copy; returns its test events. */
  private static Events run(String mistake, List<Edit> edits, String scenario,
      Map<String, String> params) throws Exception {
    ClassLoader copy = RaftCopies.compileWith("the mistake " + mistake, edits);
    String[] parts = scenario.split("#");
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(copy.loadClass("raft." + parts[0]), parts[1]))
        .configurationParameters(params)
        .execute()
        .testEvents();
  }

  /** The message of the one failed run of {@code scenario} with seed 1, checked for what every failure must say. */
  private static String console(String mistake, List<Edit> edits, String scenario) throws Exception {
    Events events = run(mistake, edits, scenario, commandLine(1));
    assertThat(events.failed().count()).as("runs of %s that failed", mistake).isEqualTo(1);
    String message = events.failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    String[] parts = scenario.split("#");
    String base = parts[0] + "." + parts[1] + "-seed1";
    assertThat(message.lines().count()).as("lines of the message for %s:\n%s", mistake, message)
        .isLessThanOrEqualTo(SCREEN_LINES);
    assertThat(message).as(mistake)
        .contains("  test:    2A: ")
        .contains("  seed:    1   (sim runtime, ")
        .contains("  replay:  ./mvnw test -pl lab2-raft -Dtest='" + scenario + "' -Dlabs.seed=1 -Psolution")
        .contains("  report:  lab2-raft/target/labs-traces/" + base + ".report.txt");
    assertThat(Path.of("target/labs-traces/" + base + ".report.txt")).exists();
    keep(mistake, message);
    System.out.println("  TAUGHT  " + mistake + ": " + message.lines().findFirst().orElse("") + "  ("
        + message.lines().count() + " lines)");
    return message;
  }

  /** Keeps what the student would see, for the handout and for instructors: target/mistakes/*.txt. */
  private static void keep(String mistake, String message) throws java.io.IOException {
    Path dir = Path.of("target", "mistakes");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(mistake.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), message);
  }

  @Test
  void aBusyLoopIsReportedAsTheTestsFailureAndTheJvmLivesOn() throws Exception {
    String message = console("a ticker that never sleeps", List.of(
        raft("      Env.sleep(pauseMs);\n    }\n  }\n", "      // (mistake) no sleep: the loop spins\n    }\n  }\n")),
        INITIAL_ELECTION);
    assertThat(message)
        .containsPattern("^BUSY_LOOP: thread server-\\d/ticker#\\d+ has run for \\d+ ms of real time without blocking")
        .contains("Sleep in the loop (Env.sleep)")
        .contains("at raft.Raft.ticker(Raft.java:");
  }

  @Test
  void aSleepHoldingTheLockNamesTheHolderAndWhatItDoes() throws Exception {
    String message = console("a ticker that sleeps holding the lock", List.of(
        raft(lines(
            "        pauseMs = role == Role.LEADER ? ELECTION_TIMEOUT_MIN_MS : Math.max(1, electionDeadlineMs - Env.nowMillis());",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "      Env.sleep(pauseMs);"), lines(
            "        pauseMs = role == Role.LEADER ? ELECTION_TIMEOUT_MIN_MS : Math.max(1, electionDeadlineMs - Env.nowMillis());",
            "        Env.sleep(pauseMs); // (mistake) sleeps holding the lock",
            "      } finally {",
            "        lock.unlock();",
            "      }"))),
        INITIAL_ELECTION);
    assertThat(message)
        .contains("Threads held up by a lock")
        .containsPattern("it is held by server-\\d/ticker#\\d+, which is sleeping \\(Env.sleep\\) while holding it, "
            + "at raft.Raft.ticker\\(Raft.java:\\d+\\)")
        .contains("Never hold a lock while you sleep")
        .contains("replayed: same failure at the same virtual time");
  }

  @Test
  void theLockHeldDuringAnRpcIsNamed() throws Exception {
    String message = console("the lock held while waiting for a vote", List.of(raft(lines(
            "    Optional<RequestVoteReply> answer = peers.get(peer).call(RaftRpc.REQUEST_VOTE, args);",
            "    if (answer.isEmpty()) {",
            "      return; // no answer: the election timer will start another round if needed",
            "    }",
            "    RequestVoteReply reply = answer.get();",
            "    lock.lock();",
            "    try {"), lines(
            "    lock.lock(); // (mistake) held during the RPC",
            "    try {",
            "    Optional<RequestVoteReply> answer = peers.get(peer).call(RaftRpc.REQUEST_VOTE, args);",
            "    if (answer.isEmpty()) {",
            "      return;",
            "    }",
            "    RequestVoteReply reply = answer.get();"))), "ElectionTest#reElection");
    assertThat(message)
        .contains("Threads held up by a lock")
        .containsPattern("which is waiting for an RPC reply \\(Peer.call\\) while holding it, at "
            + "raft.Raft.askForVote\\(Raft.java:\\d+\\)");
  }

  @Test
  void aWaitThatHoldsTheLockItsSignallerNeedsIsNamed() throws Exception {
    String message = console("a ticker waiting for the votes while holding the lock", List.of(
        raft("  private final ReentrantLock lock = new ReentrantLock();\n",
            "  private final ReentrantLock lock = new ReentrantLock();\n  private final Object votesIn = new Object();\n"),
        raft(lines(
            "          startElection();",
            "        }"), lines(
            "          startElection();",
            "          synchronized (votesIn) {",
            "            try {",
            "              votesIn.wait(); // (mistake) waits for the votes, holding the lock that counting them needs",
            "            } catch (InterruptedException e) {",
            "              return;",
            "            }",
            "          }",
            "        }")),
        raft("        votes++;\n", "        votes++;\n        synchronized (votesIn) {\n          votesIn.notifyAll();\n        }\n")),
        INITIAL_ELECTION);
    assertThat(message)
        .startsWith("VIRTUAL_TIME_LIMIT")
        .contains("Threads held up by a lock")
        .containsPattern("held by server-\\d/ticker#\\d+, which is waiting in Object.wait while holding it, at "
            + "raft.Raft.ticker\\(Raft.java:\\d+\\)");
  }

  @Test
  void aJavaUtilTimerIsStoppedByTheRulesBeforeAnyTestRuns() throws Exception {
    Events events = run("an election timer on java.util.Timer", List.of(raft("    Env.go(\"ticker\", this::ticker);\n",
        lines(
            "    new java.util.Timer(true).schedule(new java.util.TimerTask() { // (mistake) a JDK timer thread",
            "      @Override",
            "      public void run() {",
            "        ticker();",
            "      }",
            "    }, 0);"))), INITIAL_ELECTION, commandLine(1));
    String message = events.failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    assertThat(message.lines().count()).isLessThanOrEqualTo(SCREEN_LINES);
    assertThat(message)
        .contains("Timer is not allowed in lab code: use a thread with Env.sleep in a loop")
        .contains("TimerTask is not allowed in lab code")
        .contains("checked before the first lab test of every run")
        .contains("rerun:   ./mvnw test -pl lab2-raft -Dtest='ElectionTest#initialElection' -Psolution");
    keep("an election timer on java.util.Timer", message);
    System.out.println("  TAUGHT  java.util.Timer: " + message.lines().findFirst().orElse(""));
  }

  @Test
  void nondeterminismTheRulesCanSeeIsNamedWithItsReplacement() throws Exception {
    Events events = run("an enum-keyed HashMap and a static counter", List.of(
        raft("  private final ReentrantLock lock = new ReentrantLock();\n", lines(
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final java.util.Map<Role, Integer> timesIn = new java.util.HashMap<>(); // (mistake)",
            "  private static int elections; // (mistake)"))), INITIAL_ELECTION, commandLine(1));
    String message = events.failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    keep("an enum-keyed HashMap and a static counter", message);
    assertThat(message)
        .contains("Field <raft.Raft.timesIn> is a Map keyed by Role (enum constants hash by identity)")
        .contains("use an EnumMap/EnumSet for enum keys")
        .contains("Field <raft.Raft.elections> is static and not final")
        .contains("make it an instance field");
  }

  @Test
  void aHashMapOfPeersIsIteratedInTheSameOrderInEveryRun() throws Exception {
    Events events = run("votes sent in the order of a HashMap<Peer, Integer>", List.of(raft(lines(
            "    for (int p = 0; p < peers.size(); p++) {",
            "      if (p != me) {",
            "        int peer = p;",
            "        Env.go(\"vote→\" + peer, () -> askForVote(peer, args));",
            "      }",
            "    }"), lines(
            "    java.util.Map<Peer, Integer> index = new java.util.HashMap<>(); // iterated: fine, Peer has a hashCode",
            "    for (int p = 0; p < peers.size(); p++) {",
            "      index.put(peers.get(p), p);",
            "    }",
            "    for (var e : index.entrySet()) {",
            "      if (e.getValue() != me) {",
            "        int peer = e.getValue();",
            "        Env.go(\"vote→\" + peer, () -> askForVote(peer, args));",
            "      }",
            "    }"))), "ElectionTest#reElection", commandLine(1, "labs.iterations", "3", "labs.checkDeterminism", "true"));
    assertThat(events.succeeded().count()).as("seeds whose two runs agreed").isEqualTo(3);
  }

  @Test
  void aFailureOfNondeterministicCodeSaysItDidNotReplay() throws Exception {
    String message = console("election timeouts from a Random seeded with hashCode()", List.of(
        raft("  private final ReentrantLock lock = new ReentrantLock();\n", lines(
            "  private final ReentrantLock lock = new ReentrantLock();",
            "  private final java.util.Random timeouts = new java.util.Random(hashCode()); // (mistake) identity hash")),
        raft("Env.random().nextInt(ELECTION_TIMEOUT_SPREAD_MS)", "timeouts.nextInt(ELECTION_TIMEOUT_SPREAD_MS)"),
        raft("  private void ticker() {\n    while (!killed()) {\n", lines(
            "  private void ticker() {",
            "    while (!killed()) {",
            "      if (Env.nowMillis() > 700) {",
            "        throw new IllegalStateException(\"a planted failure, so that the harness replays the seed\");",
            "      }"))),
        INITIAL_ELECTION);
    assertThat(message)
        .startsWith("UNCAUGHT_EXCEPTION: thread server-")
        .contains("did NOT replay: your code is nondeterministic; first difference: event ")
        .contains("run 1: ")
        .contains("run 2: ");
  }
}
