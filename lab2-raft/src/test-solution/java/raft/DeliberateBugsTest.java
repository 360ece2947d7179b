package raft;

import static org.assertj.core.api.Assertions.assertThat;

import static raft.RaftCopies.raft;

import java.util.List;
import java.util.stream.Stream;
import labs.harness.ReferenceCopies.Edit;
import labs.harness.Scenarios;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Tests of the tests: each case compiles a copy of the reference solution with one classic Raft
 * bug put in by a text edit ({@link RaftCopies}), runs the scenarios that should catch it over a few seeds, and fails
 * if the bug survives them all. The reference itself stays untouched (no hooks, no switches).
 *
 * <p>Compiled and run only with {@code -Psolution} (this file lives in src/test-solution/java).
 * The scenarios are the real test methods, loaded together with the broken Raft in a class loader
 * of their own, so they build their clusters from the broken class.
 */
@Tag("tests-of-the-tests")
class DeliberateBugsTest {
  /** A deliberate bug: its edits, and the scenarios ("TestClass#method") tried over 1..seeds. */
  private record Bug(String name, List<Edit> edits, int seeds, List<String> scenarios) {
    Bug(String name, Edit edit, int seeds, List<String> scenarios) {
      this(name, List.of(edit), seeds, scenarios);
    }
  }

  private static final List<Bug> BUGS = List.of(
      new Bug("vote without the up-to-date check (5.4.1)",
          raft("&& candidateIsUpToDate(args.lastLogIndex(), args.lastLogTerm());", ";"),
          3, List.of("AgreementTest#rejoin", "AgreementTest#backup", "PersistenceTest#figure8")),
      new Bug("commit an entry of an earlier term by counting replicas (Figure 8)",
          raft("if (log.term(n) != currentTerm) {", "if (log.term(n) > currentTerm) {"),
          3, List.of("AgreementTest#figure8Scripted")),
      new Bug("commit by counting replicas when the leader's last entry, not the counted one, is of its term",
          raft("if (log.term(n) != currentTerm) {", "if (log.lastTerm() != currentTerm) {"),
          3, List.of("AgreementTest#figure8Scripted")),
      new Bug("votedFor not persisted",
          raft("new PersistentState(currentTerm, votedFor,", "new PersistentState(currentTerm, -1,"),
          3, List.of("PersistenceTest#voteSurvivesRestart")),
      new Bug("vote twice in one term (votedFor not checked)",
          raft("&& (votedFor == -1 || votedFor == args.candidateId())", ""),
          5, List.of("ElectionTest#manyElections", "ElectionTest#reElection", "PersistenceTest#figure8")),
      new Bug("follower commits up to leaderCommit, beyond what it knows matches",
          raft("Math.min(args.leaderCommit(), prev + entries.size())", "args.leaderCommit()"),
          5, List.of("AgreementTest#rejoin", "AgreementTest#backup", "PersistenceTest#figure8Unreliable")),
      new Bug("snapshot not reloaded into memory on restart",
          raft("snapshot = savedSnapshot;", ""),
          3, List.of("SnapshotTest#snapshotInit", "SnapshotTest#snapshotAllCrash")),
      new Bug("log not trimmed by snapshot()",
          raft("log.compactTo(index, log.term(index));", ""),
          3, List.of("SnapshotTest#snapshotBasic")),

      // The kinds of bug that survived 20 seeds of the suite before the scenarios below existed.
      new Bug("a candidate does not record its vote for itself",
          raft("    votedFor = me;\n", ""),
          20, List.of("ElectionTest#candidateVotesForItself")),
      new Bug("a vote granted in an earlier election counted in a later one",
          raft("role == Role.CANDIDATE && currentTerm == args.term() && reply.voteGranted()",
              "role == Role.CANDIDATE && reply.voteGranted()"),
          20, List.of("ElectionTest#lateVoteNotCounted")),
      new Bug("new term and vote for itself not persisted before the vote requests leave",
          raft("    votes = 1;\n    persist();\n", "    votes = 1;\n"),
          20, List.of("PersistenceTest#candidateSavesVote")),
      new Bug("follower commits up to its own last index, past what the leader's message proved",
          raft("Math.min(args.leaderCommit(), prev + entries.size())", "Math.min(args.leaderCommit(), log.lastIndex())"),
          20, List.of("AgreementTest#commitOnlyWhatMatches")),
      new Bug("an AppendEntries that starts inside the snapshot skips one entry too many",
          raft("int skip = log.snapshotIndex() - prev;", "int skip = log.snapshotIndex() - prev + 1;"),
          20, List.of("SnapshotTest#appendOverlapsSnapshot")),
      new Bug("a late, older InstallSnapshot takes the follower back in time",
          raft("if (args.lastIncludedIndex() <= commitIndex) {", "if (args.lastIncludedIndex() <= log.snapshotIndex()) {"),
          20, List.of("SnapshotTest#lateSnapshotIgnored")),
      new Bug("a refused vote resets the election timer",
          raft("        resetElectionTimer();\n        debug(\"votes for %d\", args.candidateId());\n      }\n",
              "        debug(\"votes for %d\", args.candidateId());\n      }\n      resetElectionTimer();\n"),
          20, List.of("ElectionTest#refusedVotesKeepTimer")),

      // The two a student met whose hints pointed elsewhere (issue 13): the failure must now come
      // with the right cause among the first ones named.
      new Bug("a server adopts a newer term from a RequestVote but stays leader",
          raft("      if (args.term() > currentTerm) {\n        stepDown(args.term());\n      }\n      boolean grant",
              "      if (args.term() > currentTerm) {\n        currentTerm = args.term();\n        votedFor = -1;\n"
                  + "        persist();\n      }\n      boolean grant"),
          20, List.of("ElectionTest#leaderStepsDown")),
      new Bug("a leader adopts a newer term from an AppendEntries reply but stays leader",
          raft("      AppendEntriesReply reply = answer.get();\n      if (reply.term() > currentTerm) {\n"
                  + "        stepDown(reply.term());\n",
              "      AppendEntriesReply reply = answer.get();\n      if (reply.term() > currentTerm) {\n"
                  + "        currentTerm = reply.term();\n        persist();\n"),
          20, List.of("ElectionTest#leaderStepsDown")),
      new Bug("a fixed election timeout",
          raft("ELECTION_TIMEOUT_SPREAD_MS = 300;", "ELECTION_TIMEOUT_SPREAD_MS = 1;"),
          20, List.of("ElectionTest#initialElection", "ElectionTest#reElection")));

  /** {@code -Dlabs.bugs=TEXT} runs only the deliberate bugs whose name contains TEXT. */
  private static final String ONLY = System.getProperty("labs.bugs", "");

  @TestFactory
  Stream<DynamicTest> everyDeliberateBugIsCaught() {
    return BUGS.stream().filter(bug -> bug.name().contains(ONLY)).map(bug -> DynamicTest.dynamicTest(bug.name(), () -> {
      ClassLoader broken = RaftCopies.compileWith("the deliberate bug " + bug.name(), bug.edits());
      String caught = firstFailure(broken, bug);
      assertThat(caught)
          .withFailMessage("the tests did not catch the deliberate bug \"%s\" in %d seeds of %s", bug.name(),
              bug.seeds(), bug.scenarios())
          .isNotNull();
      System.out.println("  CAUGHT  " + bug.name() + ": " + caught);
    }));
  }

  /** Runs the bug's scenarios seed by seed; describes the first failure, or null if none failed. */
  private static String firstFailure(ClassLoader loader, Bug bug) throws Exception {
    return Scenarios.firstFailure(loader, name -> "raft." + name, bug.scenarios(), bug.seeds())
        .map(f -> f.scenario() + " failed with seed " + f.seed() + ": " + f.firstLine()).orElse(null);
  }
}
