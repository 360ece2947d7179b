package shardkv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
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
 * Tests of the tests: each case compiles a copy of the reference (controller and shard groups)
 * with one classic sharding bug put in by text edits, runs the scenarios that should catch it over
 * a few seeds, and fails if the bug survives them all, or is caught for another reason than the
 * one expected. The reference itself stays untouched.
 *
 * <p>Compiled and run only with {@code -Psolution} (this file lives in src/test-solution/java).
 * The scenarios are the real test methods, loaded with the broken classes in a class loader of
 * their own; the rsm and Raft are Lab 3's and Lab 2's references, shared with the rest of the run.
 * A scenario that is a plain JUnit test (the rebalance's property test) runs once, outside the
 * simulation: its cases come from its own seed.
 */
@Tag("tests-of-the-tests")
class DeliberateBugsTest {
  /**
   * A deliberate bug: its edits, the scenarios ("TestClass#method") tried over seeds 1..seeds, and
   * text the failure message must contain (so the bug is caught for the right reason).
   */
  private record Bug(String name, List<Edit> edits, int seeds, List<String> scenarios, String expected) {}

  private static Edit kv(String original, String broken) {
    return new Edit("shardkv/ShardKv.java", original, broken);
  }

  private static Edit group(String original, String broken) {
    return new Edit("shardkv/GroupState.java", original, broken);
  }

  private static Edit rebalance(String original, String broken) {
    return new Edit("shardctrler/Rebalance.java", original, broken);
  }

  static final String ILLEGAL = Linearizability.NOT_LINEARIZABLE;

  private static final List<Bug> BUGS = List.of(
      new Bug("the poller takes the latest configuration, skipping the ones in between",
          List.of(kv("Config next = ctrler.query(num + 1);\n          if (next.num() == num + 1) {",
                  "Config next = ctrler.query(-1);\n          if (next.num() > num) {"),
              group("if (next.num() != config.num() + 1 || !settled()) {",
                  "if (next.num() <= config.num() || !settled()) {")),
          3, List.of("ShardKvTest#joinLeave", "ShardKvTest#concurrent1", "ShardKvTest#missChange"), ""),
      new Bug("a shard is served as soon as the configuration gives it, before its data arrived",
          List.of(group("return shard != null && shard.phase() == Phase.SERVING ? shard.data() : null;",
              "return shard != null && shard.phase() != Phase.SENDING ? shard.data() : null;")),
          3, List.of("ShardKvTest#joinLeave", "ShardKvTest#concurrent1"), ""),
      new Bug("the sender deletes a shard whatever the receiver answered",
          List.of(kv("if (reply.isPresent() && reply.get().err() == Err.OK) {", "if (true) {")),
          3, List.of("ShardKvTest#joinLeave", "ShardKvTest#concurrent1"), ""),
      new Bug("the rebalance walks the groups in a hash set's order",
          List.of(rebalance("    TreeSet<Integer> groups = new TreeSet<>(gids);",
              "    java.util.Set<Integer> groups = new java.util.HashSet<>(gids);")),
          1, List.of("RebalanceTest#rebalanceIsEvenMinimalAndDeterministic"), "must not depend on the order"),
      new Bug("a repeated push of the current configuration is stored again over puts made since",
          List.of(group("if (a.configNum() == config.num() && shard != null && shard.phase() == Phase.WAITING) {",
              "if (a.configNum() == config.num() && shard != null && shard.phase() != Phase.SENDING) {")),
          5, List.of("ShardKvTest#unreliable2", "ShardKvTest#unreliable3", "ShardKvTest#concurrent3"), ""),
      new Bug("the next configuration is taken before the current one's shards have moved",
          List.of(group("if (next.num() != config.num() + 1 || !settled()) {", "if (next.num() != config.num() + 1) {"),
              kv("        if (settled) {\n", "        if (true) {\n")),
          3, List.of("ShardKvTest#joinLeave", "ShardKvTest#concurrent1", "ShardKvTest#concurrent2"), ""),
      new Bug("a push from an older configuration is stored while the shard is awaited",
          List.of(group("if (a.configNum() == config.num() && shard != null && shard.phase() == Phase.WAITING) {",
              "if (a.configNum() <= config.num() && shard != null && shard.phase() == Phase.WAITING) {")),
          3, List.of("FencingTest#latePushFromAnOlderConfiguration"), "the test's last put left"),
      new Bug("the leader switches configuration on its own instead of through the log",
          List.of(kv("rsm.submit(new Reconfigure(next));", "apply(new Reconfigure(next));")),
          3, List.of("ShardKvTest#joinLeave", "ShardKvTest#missChange", "ShardKvTest#concurrent3"), ""),
      new Bug("a snapshot restores every shard as served, forgetting which ones wait or are being sent",
          List.of(group("new Shard(shard.phase(), new TreeMap<>(shard.data()))",
              "new Shard(Phase.SERVING, new TreeMap<>(shard.data()))")),
          3, List.of("ShardKvTest#snapshots", "ShardKvTest#concurrent3", "ShardKvTest#missChange",
              "ShardKvTest#concurrent1"), ""),
      // Challenge 1: the bound on what the servers persist.
      new Bug("a shard handed over is marked as sent but its data is kept",
          // (A SENT shard is neither WAITING nor SENDING, so settled() already counts it as done.)
          List.of(group("enum Phase { SERVING, WAITING, SENDING, PARKED }",
                  "enum Phase { SERVING, WAITING, SENDING, PARKED, SENT }"),
              group("      shards.remove(s.shard());\n", "      shards.put(s.shard(), new Shard(Phase.SENT, shard.data()));\n")),
          1, List.of("ChallengeTest#shardDeletion"), "over the bound"),
      // Challenge 2: serving during a change.
      new Bug("no shard is served while any shard of the change is still moving",
          List.of(group("return shard != null && shard.phase() == Phase.SERVING ? shard.data() : null;",
              "return shard != null && shard.phase() == Phase.SERVING && settled() ? shard.data() : null;")),
          1, List.of("ChallengeTest#unaffectedShards", "ChallengeTest#partialMigration"), "took over"),
      new Bug("the poller reads the group's configuration without the lock (a data race)",
          List.of(kv("        lock.lock();\n        try {\n          num = state.config().num();\n"
                  + "          settled = state.settled();\n        } finally {\n          lock.unlock();\n        }\n",
              "        num = state.config().num();\n        settled = state.settled();\n")),
          1, List.of("ShardKvTest#joinLeave"), "DATA RACE on"),
      // Its window is held open on purpose by FencingTest: the receiver's confirmations never
      // come back, so the sender keeps its copy, and a clerk with an old configuration asks it.
      new Bug("a get is answered from a shard that is being sent away",
          List.of(group("    Map<String, Entry> data = serving(g.key());\n",
              "    Shard held = shards.get(Config.shardOf(g.key()));\n"
                  + "    Map<String, Entry> data = held != null && held.phase() != Phase.WAITING ? held.data() : null;\n")),
          1, List.of("FencingTest#senderStopsServingAtOnce"), "answer WRONG_GROUP for a shard from the moment"),
      // A configuration that gives every shard to gid 0 (every group left), then a join.
      new Bug("a shard given to nobody is dropped, and the next group to get it starts it empty",
          List.of(group("shards.put(s, new Shard(after == 0 ? Phase.PARKED : Phase.SENDING, held.data()));",
                  "if (after == 0) { shards.remove(s); } else { shards.put(s, new Shard(Phase.SENDING, held.data())); }"),
              group("if (before == 0 && lastOwners[s] == 0) {", "if (before == 0) {")),
          1, List.of("EveryGroupLeavesTest#newGroupAfterEveryGroupLeft"), "the test's last put left"),
      new Bug("a shard given to nobody holds its group back from the next configuration",
          List.of(group("noneMatch(s -> s.phase() == Phase.WAITING || s.phase() == Phase.SENDING)",
              "allMatch(s -> s.phase() == Phase.SERVING)")),
          1, List.of("EveryGroupLeavesTest#newGroupAfterEveryGroupLeft"), "has not returned after"),
      new Bug("a shard given to nobody is still served by the group that keeps it",
          List.of(group("return shard != null && shard.phase() == Phase.SERVING ? shard.data() : null;",
              "return shard != null && (shard.phase() == Phase.SERVING || shard.phase() == Phase.PARKED) ? shard.data() "
                  + ": null;")),
          1, List.of("EveryGroupLeavesTest#newGroupAfterEveryGroupLeft"), "while the configuration gave every shard to nobody"),
      new Bug("a snapshot forgets which groups had the shards before",
          List.of(group("lastOwners = s.lastOwners().stream().mapToInt(Integer::intValue).toArray();",
              "lastOwners = new int[Config.NSHARDS];")),
          1, List.of("EveryGroupLeavesTest#restartsWhileEveryGroupIsGone"), "the test's last put left"));

  @TestFactory
  Stream<DynamicTest> everyDeliberateBugIsCaught() {
    return caughtEach(BUGS);
  }

  private static Stream<DynamicTest> caughtEach(List<Bug> bugs) {
    return bugs.stream().map(bug -> DynamicTest.dynamicTest(bug.name(), () -> {
      ClassLoader broken = compileWith(bug);
      Failure caught = Scenarios.firstFailure(broken, DeliberateBugsTest::qualify, bug.scenarios(), bug.seeds())
          .orElseThrow(() -> new AssertionError(String.format(
              "the tests did not catch the deliberate bug \"%s\" in %d seeds of %s", bug.name(), bug.seeds(),
              bug.scenarios())));
      assertThat(caught.message())
          .withFailMessage("the deliberate bug \"%s\" was caught, but not as expected (wanted \"%s\"): %s", bug.name(),
              bug.expected(), caught.message())
          .contains(bug.expected());
      // The catch counts only if the reference passes the same run: else the scenario, not the
      // bug, failed it (a flaky reference is a bug of its own, to fix in the reference or the test).
      String reference = Scenarios.run(DeliberateBugsTest.class.getClassLoader(), DeliberateBugsTest::qualify,
          caught.scenario(), caught.seed());
      assertThat(reference)
          .withFailMessage("the deliberate bug \"%s\" was caught by %s with seed %d, but the reference fails that run too: "
              + "%s", bug.name(), caught.scenario(), caught.seed(), reference)
          .isNull();
      System.out.println("  CAUGHT  " + bug.name() + ": " + caught.scenario() + " with seed " + caught.seed() + ": "
          + caught.firstLine());
    }));
  }

  /** The package of a scenario's test class: the controller's tests are in {@code shardctrler}. */
  private static String qualify(String testClass) {
    return (testClass.startsWith("Ctrler") || testClass.startsWith("Rebalance") ? "shardctrler." : "shardkv.")
        + testClass;
  }

  /** Compiles the reference with the bug's edits; returns a loader that sees the broken classes first. */
  private static ClassLoader compileWith(Bug bug) throws IOException {
    return ReferenceCopies.compile("the deliberate bug " + bug.name(), bug.edits(), List.of("shardctrler", "shardkv"),
        List.of(ShardKvTester.class, ShardKvRpc.class));
  }
}
