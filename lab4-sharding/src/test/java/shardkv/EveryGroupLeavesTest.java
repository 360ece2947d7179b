package shardkv;

import static shardkv.ShardKvTest.KEYS;
import static shardkv.ShardKvTest.checkAndUpdate;
import static shardkv.ShardKvTest.finish;
import static shardkv.ShardKvTest.getsInWindow;
import static shardkv.ShardKvTest.putKeys;
import static shardkv.ShardKvTester.NO_SNAPSHOTS;
import static shardkv.ShardKvTester.fail;
import static shardkv.ShardKvTester.pause;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kvraft.KvRpc.GetReply;
import labs.cluster.Async;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import shardctrler.Config;
import shardctrler.CtrlerService;
import shardkv.ShardKvTester.Net;

/**
 * Part 4B: every group leaves, so a configuration gives every shard to gid 0 (nobody), and later
 * groups join again. Nobody serves a shard in between, but its data is not gone: the last group
 * that had it must keep it, unserved, and hand it to whichever group gets the shard next (itself,
 * if it comes back). Only a shard that no group has ever had starts empty. A group that drops a
 * shard "because there is nobody to give it to" loses every put in it.
 */
@StudentCode({"shardctrler", "shardkv", "rsm", "kvraft", "raft"})
@Tag("4B")
class EveryGroupLeavesTest {
  /** How long the groups get to take a configuration (they poll about every 100 ms). */
  static final long TAKE_MS = 1000;
  /** The rule these tests check, for their failure messages. */
  private static final String RULE = "While a configuration gives a shard to nobody (gid 0), the last group that had it "
      + "keeps its data, unserved. The next group to get the shard serves it again if it is that group, or else waits for "
      + "its push; only a shard that no group has ever had starts empty.";

  @LabTest
  @Points(5)
  @DisplayName("4B: every group leaves, then a new group gets every shard with its data")
  void newGroupAfterEveryGroupLeft() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      t.join(101);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      checkAndUpdate(ck, tracker, keys, 5); // every key at version 2, on 100's shards and on 101's
      // Both groups leave in one call: nobody serves any shard now. The groups stay up and must
      // keep their shards' data, unserved, since no group can receive it.
      everyGroupLeaves(t, 100, 101); // both take the empty configuration
      parkedShardsAreNotServed(t, 100, keys);
      // Group 102 has never had a shard. It gets all ten from gid 0, but they are not new: it must
      // wait for 100's and 101's pushes (their last owners), not start them empty.
      t.join(102);
      survived(() -> tracker.checkAll(ck, keys), "after groups 100 and 101 had left and group 102 joined");
      checkAndUpdate(ck, tracker, keys, 5);
      // Once more, with the data all on one group: 102 leaves, and 100 and 101 come back. They
      // handed their shards to 102 and dropped them since; the last owner is 102 now, and they
      // must wait for its pushes, not serve what they held before.
      everyGroupLeaves(t, 102);
      t.join(100, 101);
      survived(() -> tracker.checkAll(ck, keys), "after group 102 had left and groups 100 and 101 joined again");
      checkAndUpdate(ck, tracker, keys, 5);
      finish(t, "EveryGroupLeavesTest.newGroupAfterEveryGroupLeft");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: every group leaves and restarts; the shards come back with their data")
  void restartsWhileEveryGroupIsGone() {
    // maxRaftState 100: the groups snapshot after nearly every entry, so a restart comes back
    // from a snapshot, which must hold the parked shards and what the group knows of past owners.
    try (var t = new ShardKvTester(Net.RELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      everyGroupLeaves(t, 100);
      // Every server of every group restarts while nobody serves a shard: group 100's parked
      // shards must come back from what it persisted, data and all.
      restartEveryGroup(t);
      // Group 100 comes back: its own parked shards are served again, with every put.
      t.join(100);
      survived(() -> tracker.checkAll(ck, keys), "after group 100 had left, every group restarted and 100 joined again");
      checkAndUpdate(ck, tracker, keys, 5);
      // 100 leaves again and everybody restarts; this time 100 stays down, and 101 and 102 join.
      // They must wait for the shards (their last owner, 100, has them): a restarted 101 that
      // forgot from its snapshot that the shards ever had an owner would serve them empty.
      everyGroupLeaves(t, 100);
      requireSnapshots(t);
      t.gids().forEach(t::shutdownGroup);
      t.startGroup(101);
      t.startGroup(102);
      t.join(101, 102);
      List<String> done = new ArrayList<>();
      Map<String, Async<Void>> gets = survived(() -> getsInWindow(t, t.ctrler(), tracker, keys, done),
          "after group 100 had left again, every group restarted, and 101 and 102 joined with 100 down");
      if (!done.isEmpty()) {
        throw fail("the gets of %s completed within %d s while group 100, the only group that has ever had those keys' "
            + "shards, was down: groups 101 and 102 got the shards from gid 0 (nobody) after 100 had left with them, "
            + "and must wait for 100's push, not serve them from elsewhere", done, ShardKvTest.GET_WINDOW_MS / 1000);
      }
      // 100 comes back, takes the new configuration and hands every shard over.
      t.startGroup(100);
      survived(() -> gets.values().forEach(g -> {
        g.awaitDone(TestClerk.CALL_BOUND);
        g.join(); // each get checked its key's value
      }), "once group 100 was back to hand its shards to 101 and 102");
      checkAndUpdate(ck, tracker, keys, 5);
      finish(t, "EveryGroupLeavesTest.restartsWhileEveryGroupIsGone");
    }
  }

  /** Runs {@code checks}; a failed check gets the rule of these tests added to its message. */
  private static <T> T survived(Supplier<T> checks, String when) {
    try {
      return checks.get();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nThat was " + when + ". " + RULE, e);
    }
  }

  private static void survived(Runnable checks, String when) {
    survived(() -> {
      checks.run();
      return null;
    }, when);
  }

  /**
   * {@code gids}, the last groups in the configuration, leave in one call; fails unless the new
   * configuration gives every shard to gid 0 (else the scenario did not form), then gives the
   * groups time to take it.
   */
  private static void everyGroupLeaves(ShardKvTester t, Integer... gids) {
    t.leave(gids);
    Config c = t.query();
    if (c.shardsOf(0).size() != Config.NSHARDS || !c.groups().isEmpty()) {
      throw fail("after groups %s left, the controller's configuration %d gives the shards to %s (groups %s), not every "
          + "shard to gid 0: with no group left, a leave must give every shard to gid 0 (nobody), so the scenario did "
          + "not form (4A)", List.of(gids), c.num(), c.shards(), c.groups().keySet());
    }
    pause(TAKE_MS);
  }

  /**
   * Kept is not served: clerks of a second controller, which still says group {@code gid} serves
   * every shard, ask {@code gid} for every key, and none may get an answer within the window
   * (the group must say WRONG_GROUP, again and again). The gets stay pending; if {@code gid}
   * serves some of these shards again later, their answers join the history.
   */
  private static void parkedShardsAreNotServed(ShardKvTester t, int gid, List<String> keys) {
    CtrlerService stale = t.controllerNaming(gid);
    Map<String, Async<GetReply>> gets = ShardKvTest.staleGetsInWindow(t, stale, keys);
    List<String> answered = gets.entrySet().stream().filter(e -> e.getValue().isDone()).map(Map.Entry::getKey).toList();
    if (!answered.isEmpty()) {
      throw fail("group %d answered get(%s) while the configuration gave every shard to nobody (gid 0). It keeps the "
          + "data of the shards it had, but it no longer owns them.%nFix: refuse every key of a parked shard with "
          + "WRONG_GROUP, as for any shard the current configuration does not give the group.", gid,
          String.join(", ", answered.stream().map(k -> "\"" + k + "\"").toList()));
    }
  }

  /** Restarts every server of every group from what it persisted (from a snapshot). */
  private static void restartEveryGroup(ShardKvTester t) {
    requireSnapshots(t);
    t.gids().forEach(t::shutdownGroup);
    t.gids().forEach(t::startGroup);
  }

  /** A restart must test what a snapshot holds: fails unless every shard server has one. */
  private static void requireSnapshots(ShardKvTester t) {
    for (int gid : t.gids()) {
      for (int i = 0; i < ShardKvTester.SERVERS; i++) {
        if (t.group(gid).persister(i).snapshotSize() == 0) {
          throw fail("%s has no snapshot after several configurations with maxRaftState %d, so the restart would not "
              + "test what a snapshot holds: does the rsm snapshot once Raft's state nears maxRaftState?",
              t.group(gid).serverName(i), t.maxRaftState());
        }
      }
    }
  }
}
