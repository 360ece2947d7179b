package shardkv;

import static shardkv.ShardKvTest.KEYS;
import static shardkv.ShardKvTest.checkAndUpdate;
import static shardkv.ShardKvTest.finish;
import static shardkv.ShardKvTest.keysOn;
import static shardkv.ShardKvTest.putKeys;
import static shardkv.ShardKvTester.NO_SNAPSHOTS;
import static shardkv.ShardKvTester.fail;
import static shardkv.ShardKvTester.pause;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import labs.cluster.Async;
import labs.cluster.Client;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import shardkv.ShardKvRpc.Entry;
import kvraft.KvRpc.GetReply;
import shardkv.ShardKvRpc.InstallShardArgs;
import shardkv.ShardKvRpc.InstallShardReply;
import shardctrler.CtrlerService;
import shardkv.ShardKvTester.Net;

/**
 * Part 4B: fencing by configuration number, built on purpose rather than left to random faults. A
 * push that arrives late, tagged with a configuration the receiver has passed, is a stale copy: it
 * must never be stored, not even while the receiver waits for that very shard. And a group that
 * has taken a configuration moving a shard away answers no more for it, even while it still holds
 * the data because the receiver's confirmation has not come back.
 */
@StudentCode({"shardctrler", "shardkv", "rsm", "kvraft", "raft"})
@Tag("4B")
class FencingTest {
  @LabTest
  @Points(5)
  @DisplayName("4B: a late push from an older configuration is refused")
  void latePushFromAnOlderConfiguration() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      checkAndUpdate(ck, tracker, keys, 5); // every key at version 2 now
      // Group 100 is down when group 101 joins: 101 takes configuration 2 and waits for the shards
      // it gets from 100, which cannot send them yet.
      t.shutdownGroup(100);
      t.join(101);
      List<String> moving = keysOn(t.query(), 101, keys);
      pause(1000); // group 101 polls about every 100 ms: it is at configuration 2 by now
      // While it waits, a copy of each of those shards arrives tagged with configuration 1, with
      // old data (version 1): what a late push from an older move looks like.
      Client outsider = t.cluster().newClient();
      for (String key : moving) {
        InstallShardArgs stale = new InstallShardArgs(1, shardctrler.Config.shardOf(key),
            Map.of(key, new Entry("stale", 1)));
        boolean answered = false;
        for (String server : t.group(101).serverNames()) {
          Optional<InstallShardReply> r = outsider.end(server).call(ShardKvRpc.INSTALL_SHARD, stale);
          answered |= r.isPresent() && r.get().err() == Err.OK;
        }
        if (!answered) {
          throw fail("no server of group 101 answered OK to a push tagged with configuration 1 while the group is at "
              + "configuration 2: a push from a configuration the group has passed is answered OK (so its sender may "
              + "forget it) but never stored");
        }
      }
      // Group 100 comes back and hands the shards over for real; every key must hold its last value.
      t.startGroup(100);
      tracker.checkAll(ck, keys);
      finish(t, "FencingTest.latePushFromAnOlderConfiguration");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: a group stops answering for a shard once its configuration moves it away")
  void senderStopsServingAtOnce() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      // From now on group 100's pushes to group 101 arrive, but 101's answers never come back:
      // 100 must keep each shard it sends (the receiver's OK is what lets it forget one), yet it
      // no longer owns those shards, so it must not answer for them.
      t.loseRepliesBetween(100, 101, true);
      t.join(101);
      int moveNum = t.query().num();
      List<String> moved = keysOn(t.query(), 101, keys);
      pause(1000); // the groups poll about every 100 ms: both are at the new configuration by now
      // Group 101 got the data and serves it: a new value for each moved key, written there (not
      // at 100, which answers WRONG_GROUP for them from the new configuration on).
      checkAndUpdate(ck, tracker, moved, 5);
      // Clerks of a controller that still says group 100 serves every shard ask 100 for the
      // moved keys. 100 is at the new configuration, so each must get WRONG_GROUP, again and again:
      // an answer from 100 could only be the value 101 has since replaced.
      CtrlerService stale = t.controllerNaming(100);
      Map<String, Async<GetReply>> gets = ShardKvTest.staleGetsInWindow(t, stale, moved);
      for (var e : gets.entrySet()) {
        if (e.getValue().isDone()) {
          GetReply r = e.getValue().join();
          long current = tracker.expected(e.getKey()).version();
          throw fail("group 100 answered get(\"%s\") with version %d (%s) after it took configuration %d, which gives "
              + "that key's shard to group 101, where the key is at version %d now.%nFix: answer WRONG_GROUP for a "
              + "shard from the moment you apply the configuration that moves it away, not once the receiver "
              + "confirms it stored the shard: until then both groups hold a copy, and only the new owner's is "
              + "current.", e.getKey(), r.version(), r.version() == current ? "right by luck" : "a stale value",
              moveNum, current);
        }
      }
      t.loseRepliesBetween(100, 101, false);
      tracker.checkAll(ck, keys);
      finish(t, "FencingTest.senderStopsServingAtOnce");
    }
  }
}
