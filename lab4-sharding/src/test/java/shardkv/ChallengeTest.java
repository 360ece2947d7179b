package shardkv;

import static shardkv.ShardKvTest.finish;
import static shardkv.ShardKvTest.keysOn;
import static shardkv.ShardKvTest.putKeys;
import static shardkv.ShardKvTester.fail;
import static shardkv.ShardKvTester.pause;
import static shardkv.ShardKvTester.randomValue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import labs.cluster.Async;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import shardkv.ShardKvTester.Net;

/**
 * Part 4C, the two challenges. Challenge 1: a group forgets the shards it has handed over, so what
 * the servers persist stays about the size of the data, however often shards move. Challenge 2: a
 * configuration change stops only the shards it moves; shards that stay where they are keep being
 * served, and a shard that has arrived is served at once, even while other shards of the same
 * change are still missing.
 */
@StudentCode({"shardctrler", "shardkv", "rsm", "kvraft", "raft"})
@Tag("4C")
class ChallengeTest {
  /** Keys and value length of the deletion test: 30 kB of values in all. */
  static final int DELETION_KEYS = 30;
  static final int DELETION_VALUE = 1000;
  /**
   * The most the nine shard servers may persist together (Raft state plus snapshot) in the
   * deletion test: each value is held by the three replicas of one group (90,000 bytes), plus
   * 9,000 bytes per group for the configuration, the keys and versions, and the few log entries
   * not yet in a snapshot. A group that kept the shards it handed over would hold the data many
   * times over.
   */
  static final long DELETION_BOUND = 3L * (DELETION_KEYS * DELETION_VALUE + 9_000);
  /**
   * How long (virtual time; wall time in real mode, a wide margin there) a get, a put and a get of
   * one key may take together while another shard of the same configuration change cannot move.
   * Served shards answer in tens of milliseconds, even on the unreliable network; a group that
   * waits for every shard of the change before serving any never answers.
   */
  static final long SERVE_BOUND_MS = 5_000;

  @LabTest
  @Points(5)
  @DisplayName("4C: shard deletion: a group forgets the shards it handed over")
  void shardDeletion() {
    // maxRaftState 1: the rsm snapshots after every entry, so what a server persists is, almost
    // byte for byte, the group's state: what the snapshot holds is what the group keeps.
    try (var t = new ShardKvTester(Net.RELIABLE, 1)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      t.join(101);
      t.join(102);
      List<String> keys = putKeys(ck, tracker, DELETION_KEYS, DELETION_VALUE);
      // Each group in turn holds every shard alone, then hands them all on: after two rounds
      // every group has stored (and must have dropped) the whole data set several times.
      for (int round = 0; round < 2; round++) {
        t.leave(101, 102);
        settleAndCheck(ck, tracker, keys);
        t.join(101);
        t.leave(100);
        settleAndCheck(ck, tracker, keys);
        t.join(102);
        t.leave(101);
        settleAndCheck(ck, tracker, keys);
        t.join(100);
        t.join(101);
        settleAndCheck(ck, tracker, keys);
      }
      checkPersistedBound(t, "after the shards moved");
      // The bound holds across restarts too: a restarted server must not bring back, from an old
      // snapshot or log, shards its group had already handed over.
      t.gids().forEach(t::shutdownGroup);
      t.gids().forEach(t::startGroup);
      settleAndCheck(ck, tracker, keys);
      checkPersistedBound(t, "after every group restarted");
      // No 8 × maxRaftState check here: with maxRaftState 1 the bound above is the size check.
      t.checkLinearizable("ChallengeTest.shardDeletion");
    }
  }

  /** Gives the groups time to move the shards and snapshot, then reads every key. */
  private static void settleAndCheck(TestClerk ck, KeyTracker tracker, List<String> keys) {
    pause(3000);
    tracker.checkAll(ck, keys);
  }

  private static void checkPersistedBound(ShardKvTester t, String when) {
    pause(1000); // every server has applied and snapshotted the last reads
    long total = t.persistedBytes();
    if (total > DELETION_BOUND) {
      throw fail("%s, the 9 shard servers persist %,d bytes (Raft state + snapshot), over the bound of %,d: does a "
          + "group drop a shard's data once its new owner confirms it stored it?\nper server: %s", when, total,
          DELETION_BOUND, t.persistedBreakdown());
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4C: unaffected shards are served while another shard cannot move")
  void unaffectedShards() {
    try (var t = new ShardKvTester(Net.UNRELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, ShardKvTest.KEYS, 20);
      t.join(101);
      pause(1000); // group 101 receives its half of the shards
      List<String> on101 = nonEmpty(keysOn(t.query(), 101, keys), 101);
      Random random = Env.random();
      on101.forEach(k -> tracker.put(ck, k, randomValue(random, 20)));
      // Group 100 dies and then leaves: group 101 is now given 100's shards, which it can never
      // fetch. Its own shards do not move in this change, so it must go on serving them.
      t.shutdownGroup(100);
      t.leave(100);
      pause(1000); // the groups and the clerk take the new configuration
      for (String k : on101) {
        readUpdateRead(ck, tracker, k, random, "101's own shard; 100 is down");
      }
      // Group 100 comes back and hands its shards over: every key is served again, intact.
      t.startGroup(100);
      tracker.checkAll(ck, keys);
      finish(t, "ChallengeTest.unaffectedShards");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4C: a shard that has arrived is served while others are still missing")
  void partialMigration() {
    try (var t = new ShardKvTester(Net.UNRELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100, 101, 102);
      pause(1000);
      List<String> keys = putKeys(ck, tracker, ShardKvTest.KEYS, 20);
      var before = t.query();
      List<String> on102 = nonEmpty(keysOn(before, 102, keys), 102);
      List<String> on101 = nonEmpty(keysOn(before, 101, keys), 101);
      // Group 100 dies; 100 and 102 leave together, so group 101 is given every shard. 102 can
      // push its shards to 101, 100 never will: the change stays unfinished for 101.
      t.shutdownGroup(100);
      t.leave(100, 102);
      pause(1000); // group 102 pushes its shards to 101
      Random random = Env.random();
      for (String k : on102) {
        readUpdateRead(ck, tracker, k, random, "from 102 to 101; 100 is down");
      }
      for (String k : on101) {
        readUpdateRead(ck, tracker, k, random, "101's own shard; 100 is down");
      }
      t.startGroup(100);
      tracker.checkAll(ck, keys);
      finish(t, "ChallengeTest.partialMigration");
    }
  }

  /** The scenario needs keys on {@code gid}; with ten shards over two or three groups it always has some. */
  private static List<String> nonEmpty(List<String> keys, int gid) {
    if (keys.isEmpty()) {
      throw fail("the configuration gives group %d none of the ten shards, so the scenario did not form: does the "
          + "controller balance the shards over every group that joined?", gid);
    }
    return keys;
  }

  /**
   * Reads {@code key}, puts a new value and reads it back, all within {@link #SERVE_BOUND_MS};
   * {@code what} says which shard the key is on, for the message.
   */
  private static void readUpdateRead(TestClerk ck, KeyTracker tracker, String key, Random random, String what) {
    String value = randomValue(random, 20);
    Async<Void> ops = Async.run("serve-" + key, () -> {
      tracker.check(ck, key);
      tracker.put(ck, key, value);
      tracker.check(ck, key);
    });
    if (!ops.awaitDone(Duration.ofMillis(SERVE_BOUND_MS))) {
      throw fail("get, put, get of \"%s\" (%s) took over %d s: a change must stop only the shards it moves, and serve "
          + "each shard as soon as it arrives. Does the group refuse every key while any shard is WAITING?", key, what,
          SERVE_BOUND_MS / 1000);
    }
    ops.join();
  }
}
