package kvraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import labs.cluster.Linearizability;
import labs.harness.ReferenceCopies;
import labs.harness.ReferenceCopies.Edit;
import labs.harness.Scenarios;
import labs.harness.Scenarios.Failure;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Tests of the tests: each case compiles a copy of the reference (rsm and key/value service) with
 * one classic bug put in by a text edit, runs the scenarios that should catch it over a few seeds,
 * and fails if the bug survives them all. The reference itself stays untouched.
 *
 * <p>Compiled and run only with {@code -Psolution} (this file lives in src/test-solution/java).
 * The scenarios are the real test methods, loaded with the broken classes in a class loader of
 * their own; Raft is Lab 2's reference, shared with the rest of the run.
 */
@Tag("tests-of-the-tests")
class DeliberateBugsTest {
  /**
   * A deliberate bug: its edit, the scenarios ("TestClass#method") tried over seeds 1..seeds, and
   * text the failure message must contain (so the bug is caught for the right reason).
   */
  private record Bug(String name, Edit edit, int seeds, List<String> scenarios, String expected) {}

  private static Edit rsm(String original, String broken) {
    return new Edit("rsm/Rsm.java", original, broken);
  }

  private static Edit server(String original, String broken) {
    return new Edit("kvraft/KvServer.java", original, broken);
  }

  private static Edit clerk(String original, String broken) {
    return new Edit("kvraft/Clerk.java", original, broken);
  }

  static final String ILLEGAL = Linearizability.NOT_LINEARIZABLE;

  private static final List<Bug> BUGS = List.of(
      new Bug("reads answered from the server's own store, without Raft",
          server("  public GetReply get(GetArgs args) {\n",
              "  public GetReply get(GetArgs args) {\n    if (true) {\n      return (GetReply) apply(args);\n    }\n"),
          3, List.of("KvTest#manyPartitionsManyClients", "KvTest#persistPartitionUnreliableLinearizable"), ILLEGAL),
      new Bug("a submit answered although a different command took its index",
          rsm("boolean own = op != null && op.server() == me && op.id() == waiter.id();", "boolean own = op != null;"),
          3, List.of("RsmTest#leaderPartition", "KvTest#persistPartitionUnreliable"), ""),
      new Bug("the clerk answers OK, not MAYBE, for a resent put that got VERSION",
          clerk("err == Err.VERSION && resent ? Err.MAYBE : err", "err == Err.VERSION && resent ? Err.OK : err"),
          3, List.of("KvTest#unreliable", "KvTest#persistConcurrentUnreliable"), ""),
      new Bug("the clerk answers VERSION, not MAYBE, for a resent put that got VERSION",
          clerk("err == Err.VERSION && resent ? Err.MAYBE : err", "err"),
          3, List.of("KvTest#unreliable", "KvTest#persistConcurrentUnreliable"), ILLEGAL),
      new Bug("a put that ignores the version",
          server("if (p.version() != current) {", "if (false) {"),
          3, List.of("KvTest#versionedRules"), ""),
      new Bug("snapshots without the service's state",
          server("return Codec.encode(new Store(store));", "return Codec.encode(new Store(new TreeMap<>()));"),
          3, List.of("SnapshotTest#snapshotRecover", "SnapshotTest#snapshotRpc"), ""),
      new Bug("a snapshot taken before the entry it is labelled with is applied",
          rsm("    Object result = op == null ? null : service.apply(op.command());",
              "    snapshotIfLarge(index);\n    Object result = op == null ? null : service.apply(op.command());"),
          3, List.of("SnapshotTest#snapshotRecover", "SnapshotTest#restartFromSnapshotsKeepsAcknowledgedWrites"), ""),
      new Bug("the rsm never snapshots",
          rsm("if (maxRaftState > 0 && persister.raftStateSize() >= maxRaftState * 9L / 10) {", "if (false) {"),
          3, List.of("SnapshotTest#rsmSnapshot"), "maxRaftState"),
      new Bug("a restarted replica does not restore its snapshot",
          rsm("      service.restoreSnapshot(snapshot);\n", ""),
          3, List.of("SnapshotTest#rsmSnapshot", "SnapshotTest#snapshotRecover"), ""),
      new Bug("the applier takes a submit's waiter without the rsm's lock (a data race)",
          rsm("    lastApplied = index;\n    lock.lock();\n    try {\n      Waiter waiter = waiting.remove(index);\n",
              "    lastApplied = index;\n    Waiter taken = waiting.remove(index);\n    lock.lock();\n    try {\n"
                  + "      Waiter waiter = taken;\n"),
          3, List.of("RsmTest#basic", "KvTest#basic"), "DATA RACE on"));

  @TestFactory
  Stream<DynamicTest> everyDeliberateBugIsCaught() {
    return BUGS.stream().map(bug -> DynamicTest.dynamicTest(bug.name(), () -> {
      ClassLoader broken = compileWith(bug);
      Failure caught = firstFailure(broken, bug).orElseThrow(() -> new AssertionError(String.format(
          "the tests did not catch the deliberate bug \"%s\" in %d seeds of %s", bug.name(), bug.seeds(),
          bug.scenarios())));
      assertThat(caught.message())
          .withFailMessage("the deliberate bug \"%s\" was caught, but not as expected (wanted \"%s\"): %s", bug.name(),
              bug.expected(), caught.message())
          .contains(bug.expected());
      System.out.println("  CAUGHT  " + bug.name() + ": " + caught.scenario() + " with seed " + caught.seed() + ": "
          + caught.firstLine());
    }));
  }

  /**
   * The server that reads its own store fails a linearizability check with ILLEGAL, a viewer page,
   * and the same verdict, word for word, each time the seed runs.
   */
  @TestFactory
  Stream<DynamicTest> staleReadsGiveTheSameIllegalVerdictForASeed() {
    Bug bug = BUGS.getFirst();
    return Stream.of(DynamicTest.dynamicTest(bug.name(), () -> {
      ClassLoader broken = compileWith(bug);
      Failure first = firstFailure(broken, bug).orElseThrow();
      assertThat(first.message()).contains(ILLEGAL, "Linearizability: ILLEGAL", "History viewer: ", ".html");
      Path page = Path.of(java.net.URI.create(first.message().lines()
          .filter(l -> l.contains("History viewer: ")).findFirst().orElseThrow().replaceFirst(".*History viewer: ", "")
          .strip()));
      assertThat(page).exists();
      assertThat(Files.readString(page)).contains("partition");
      // Word for word, but for the wall-clock time the check took ("checked in 12 ms and ...").
      String again = Scenarios.run(broken, DeliberateBugsTest::qualify, first.scenario(), first.seed());
      assertThat(withoutWallTime(again)).isEqualTo(withoutWallTime(first.message()));
      System.out.println("  SAME VERDICT  " + first.scenario() + " seed " + first.seed() + ", what a student sees:\n"
          + first.message().strip().indent(4));
    }));
  }

  private static String withoutWallTime(String message) {
    return message == null ? null : message.replaceAll("checked in \\d+ ms", "checked in (wall time)");
  }

  private static String qualify(String testClass) {
    return "kvraft." + testClass;
  }

  /** Runs the bug's scenarios seed by seed; the first failure, if any. */
  private static Optional<Failure> firstFailure(ClassLoader loader, Bug bug) throws Exception {
    return Scenarios.firstFailure(loader, DeliberateBugsTest::qualify, bug.scenarios(), bug.seeds());
  }

  /** Compiles the reference with the bug's edit; returns a loader that sees the broken classes first. */
  private static ClassLoader compileWith(Bug bug) throws IOException {
    return ReferenceCopies.compile("the deliberate bug " + bug.name(), List.of(bug.edit()),
        List.of("rsm", "kvraft"), List.of(KvRaftTester.class, KvRpc.class));
  }
}
