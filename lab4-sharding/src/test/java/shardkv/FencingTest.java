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
import labs.cluster.Client;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import shardkv.ShardKvRpc.Entry;
import shardkv.ShardKvRpc.InstallShardArgs;
import shardkv.ShardKvRpc.InstallShardReply;
import shardkv.ShardKvTester.Net;

/**
 * Part 4B: fencing by configuration number, built on purpose rather than left to random faults. A
 * push that arrives late, tagged with a configuration the receiver has passed, is a stale copy: it
 * must never be stored, not even while the receiver waits for that very shard.
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
}
