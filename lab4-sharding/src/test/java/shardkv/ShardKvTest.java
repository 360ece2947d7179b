package shardkv;

import static shardkv.ShardKvTester.NO_SNAPSHOTS;
import static shardkv.ShardKvTester.fail;
import static shardkv.ShardKvTester.keys;
import static shardkv.ShardKvTester.pause;
import static shardkv.ShardKvTester.randomValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import kvraft.KvRpc.GetReply;
import labs.cluster.Async;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import shardctrler.Config;
import shardctrler.CtrlerService;
import shardkv.ShardKvTester.Net;

/**
 * Part 4B: shard groups that follow the controller's configurations and move shards between
 * them (MIT's shardkv tests, with versioned puts in place of appends). Each key has one writer at
 * a time, so every test knows what each key must hold and checks it; every test ends with the
 * size check of what the servers persisted and the linearizability check of every clerk call.
 */
@StudentCode({"shardctrler", "shardkv", "rsm", "kvraft", "raft"})
@Tag("4B")
class ShardKvTest {
  /** Keys in most tests: "0" to "9", one per shard. */
  static final int KEYS = 10;
  /** How long the tests give gets of live groups to complete while another group is down. */
  static final long GET_WINDOW_MS = 2000;

  /** Puts a first value of {@code length} characters at each key and reads them all back. */
  static List<String> putKeys(TestClerk ck, KeyTracker tracker, int n, int length) {
    List<String> keys = keys(n);
    Random random = Env.random();
    keys.forEach(k -> tracker.put(ck, k, randomValue(random, length)));
    tracker.checkAll(ck, keys);
    return keys;
  }

  /** Reads each key and puts a new value there. */
  static void checkAndUpdate(TestClerk ck, KeyTracker tracker, List<String> keys, int length) {
    Random random = Env.random();
    for (String k : keys) {
      tracker.check(ck, k);
      tracker.put(ck, k, randomValue(random, length));
    }
  }

  /**
   * The unreliable tests' schedule of configuration changes, made while clients run: every group
   * joins, two leave, and both come back, half a second apart, so that shards move while
   * requests and pushes are being lost; then two seconds for the last moves to finish.
   */
  static void changeConfigurationsUnderLoad(ShardKvTester t) {
    pause(150);
    t.join(101);
    pause(500);
    t.join(102);
    pause(500);
    t.leave(100);
    pause(500);
    t.leave(101);
    pause(500);
    t.join(101);
    t.join(100);
    pause(2000);
  }

  /** The end of every test: sizes, then the whole history. */
  static void finish(ShardKvTester t, String name) {
    t.checkLogs();
    t.checkLinearizable(name);
  }

  /**
   * A get of every key, each by a fresh clerk of {@code controller} on a thread of its own; waits
   * {@link #GET_WINDOW_MS} and returns the keys whose gets completed (checking their values).
   */
  static Map<String, Async<Void>> getsInWindow(ShardKvTester t, CtrlerService controller, KeyTracker tracker,
      List<String> keys, List<String> done) {
    Map<String, Async<Void>> gets = new TreeMap<>();
    for (String k : keys) {
      TestClerk c = t.makeClerk(controller);
      gets.put(k, Async.run("get-" + k, () -> tracker.check(c, k)));
    }
    pause(GET_WINDOW_MS);
    gets.forEach((k, get) -> {
      if (get.isDone()) {
        get.join(); // its value was checked
        done.add(k);
      }
    });
    return gets;
  }

  /**
   * A get of every key, each by a fresh clerk of {@code controller} (usually a stale one, {@link
   * ShardKvTester#controllerNaming}) on a thread of its own; waits {@link #GET_WINDOW_MS} and
   * returns the gets, answered or still waiting. The answers are not checked: the caller says
   * which may come at all.
   */
  static Map<String, Async<GetReply>> staleGetsInWindow(ShardKvTester t, CtrlerService controller, List<String> keys) {
    Map<String, Async<GetReply>> gets = new TreeMap<>();
    for (String key : keys) {
      TestClerk c = t.makeClerk(controller);
      gets.put(key, Async.start("stale-get-" + key, () -> c.get(key)));
    }
    pause(GET_WINDOW_MS);
    return gets;
  }

  /** Which keys of {@code keys} the configuration puts on {@code gid}. */
  static List<String> keysOn(Config c, int gid, List<String> keys) {
    return keys.stream().filter(k -> c.gidOf(Config.shardOf(k)) == gid).toList();
  }

  /**
   * The keys of {@code gid}'s shards when two groups share the ten: exactly five (the controller
   * balances), so that exactly five gets can complete while the other group is out of reach.
   */
  static List<String> halfOn(Config c, int gid, List<String> keys) {
    List<String> on = keysOn(c, gid, keys);
    if (on.size() != KEYS / 2) {
      throw fail("with groups 100 and 101 joined, configuration %d gives group %d the keys %s, not %d of the %d: the "
          + "controller must split the shards evenly (4A)", c.num(), gid, on, KEYS / 2, KEYS);
    }
    return on;
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: static shards: a group serves only its shards")
  void staticShards() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      t.join(101);
      List<String> keys = putKeys(ck, tracker, KEYS, 20);
      List<String> onLive = halfOn(t.query(), 100, keys);
      // With group 101 down, exactly the five gets of group 100's shards can complete: the shards are
      // really split, and each group answers only its own.
      t.shutdownGroup(101);
      List<String> done = new ArrayList<>();
      Map<String, Async<Void>> gets = getsInWindow(t, t.ctrler(), tracker, keys, done);
      if (!done.equals(onLive)) {
        throw fail("with group 101 down, the gets of %s completed within %d s; exactly those of group 100's shards, "
            + "%s, should: a group answers only keys of the shards its configuration gives it (WRONG_GROUP for the "
            + "others), and answers those without waiting for other groups", done, GET_WINDOW_MS / 1000, onLive);
      }
      t.startGroup(101);
      gets.values().forEach(g -> {
        g.awaitDone(TestClerk.CALL_BOUND);
        g.join();
      });
      finish(t, "ShardKvTest.staticShards");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: rejection: a group refuses the keys of shards it does not serve")
  void rejection() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      t.join(101);
      List<String> keys = putKeys(ck, tracker, KEYS, 20);
      List<String> on100 = halfOn(t.query(), 100, keys);
      // A second controller that knows only group 100: clerks that use it send every key there.
      CtrlerService confused = t.controllerNaming(100);
      List<String> done = new ArrayList<>();
      getsInWindow(t, confused, tracker, keys, done);
      if (!done.equals(on100)) {
        throw fail("clerks told that group 100 serves every shard completed the gets of %s within %d s; exactly those "
            + "of the shards group 100 really serves, %s, should: a group must answer WRONG_GROUP for a key whose "
            + "shard its own configuration gives to another group, never an empty or old value", done,
            GET_WINDOW_MS / 1000, on100);
      }
      finish(t, "ShardKvTest.rejection");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: join then leave")
  void joinLeave() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 20);
      t.join(101);
      checkAndUpdate(ck, tracker, keys, 5);
      t.leave(100);
      checkAndUpdate(ck, tracker, keys, 5);
      pause(1000); // time for group 100 to hand its shards over
      t.checkLogs();
      // Group 100 has left: group 101 alone must serve everything, with every put in it.
      t.shutdownGroup(100);
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.joinLeave");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: snapshots, joins and leaves")
  void snapshots() {
    try (var t = new ShardKvTester(Net.RELIABLE, 1000)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, 30, 20);
      t.join(101);
      t.join(102);
      t.leave(100);
      checkAndUpdate(ck, tracker, keys, 20);
      t.leave(101);
      t.join(100);
      checkAndUpdate(ck, tracker, keys, 20);
      pause(1000);
      tracker.checkAll(ck, keys);
      pause(1000);
      t.checkLogs();
      // Every group restarts from its snapshots and logs alone.
      t.gids().forEach(t::shutdownGroup);
      t.gids().forEach(t::startGroup);
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.snapshots");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: servers miss configuration changes")
  void missChange() {
    try (var t = new ShardKvTester(Net.RELIABLE, 1000)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 20);
      t.join(101);
      // One server of each group is down while several configurations pass; restarted, it must
      // catch up from its group (by log or snapshot), not from the controller alone.
      t.gids().forEach(g -> t.shutdownServer(g, 0));
      t.join(102);
      t.leave(101);
      t.leave(100);
      checkAndUpdate(ck, tracker, keys, 20);
      t.join(101);
      checkAndUpdate(ck, tracker, keys, 20);
      t.gids().forEach(g -> t.startServer(g, 0));
      checkAndUpdate(ck, tracker, keys, 20);
      pause(2000);
      t.gids().forEach(g -> t.shutdownServer(g, 1));
      t.join(100);
      t.leave(102);
      checkAndUpdate(ck, tracker, keys, 20);
      t.gids().forEach(g -> t.startServer(g, 1));
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.missChange");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: concurrent puts and configuration changes")
  void concurrent1() {
    try (var t = new ShardKvTester(Net.RELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      Clients clients = new Clients(t).writers(tracker, keys, 5, 10);
      pause(150);
      t.join(101);
      pause(500);
      t.join(102);
      pause(500);
      t.leave(100);
      // Every group goes down, one after another, with a leave in between.
      t.shutdownGroup(100);
      pause(100);
      t.shutdownGroup(101);
      pause(100);
      t.shutdownGroup(102);
      t.leave(102);
      pause(100);
      t.gids().forEach(t::startGroup);
      pause(100);
      t.join(100);
      t.leave(101);
      pause(500);
      t.join(101);
      pause(1000);
      clients.stop();
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.concurrent1");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: more concurrent puts and configuration changes")
  void concurrent2() {
    try (var t = new ShardKvTester(Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(101);
      t.join(100);
      t.join(102);
      List<String> keys = putKeys(ck, tracker, KEYS, 1);
      // A put every 50 ms per key: slower than concurrent1's, as this test runs without snapshots.
      Clients clients = new Clients(t).steadyWriters(tracker, keys, 1, 50);
      t.leave(100);
      t.leave(102);
      pause(3000);
      t.join(100);
      t.join(102);
      t.leave(101);
      pause(3000);
      t.join(101);
      t.leave(100);
      t.leave(102);
      pause(3000);
      t.shutdownGroup(101);
      t.shutdownGroup(102);
      pause(1000);
      t.startGroup(101);
      t.startGroup(102);
      pause(2000);
      clients.stop();
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.concurrent2");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: concurrent configuration changes and restarts")
  void concurrent3() {
    try (var t = new ShardKvTester(Net.RELIABLE, 300)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 1);
      Clients clients = new Clients(t).writers(tracker, keys, 1, 10);
      Random random = Env.random();
      long t0 = Env.nowMillis();
      while (Env.nowMillis() - t0 < 12_000) {
        t.join(102);
        t.join(101);
        pause(random.nextLong(900));
        t.gids().forEach(t::shutdownGroup);
        t.gids().forEach(t::startGroup);
        pause(random.nextLong(900));
        t.leave(101);
        t.leave(102);
        pause(random.nextLong(900));
      }
      pause(2000);
      clients.stop();
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.concurrent3");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: unreliable network, joins and leaves")
  void unreliable1() {
    try (var t = new ShardKvTester(Net.UNRELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      t.join(101);
      t.join(102);
      t.leave(100);
      for (int round = 0; round < 2; round++) {
        checkAndUpdate(ck, tracker, keys, 5);
      }
      t.join(100);
      t.leave(101);
      for (int round = 0; round < 2; round++) {
        tracker.checkAll(ck, keys);
      }
      finish(t, "ShardKvTest.unreliable1");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: unreliable network, concurrent puts and configuration changes")
  void unreliable2() {
    try (var t = new ShardKvTester(Net.UNRELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      Clients clients = new Clients(t).writers(tracker, keys, 5, 10);
      changeConfigurationsUnderLoad(t);
      clients.stop();
      t.setReliable(true);
      tracker.checkAll(ck, keys);
      finish(t, "ShardKvTest.unreliable2");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4B: unreliable network, clients contend for keys during configuration changes")
  void unreliable3() {
    try (var t = new ShardKvTester(Net.UNRELIABLE, 100)) {
      TestClerk ck = t.makeClerk();
      KeyTracker tracker = new KeyTracker();
      t.join(100);
      List<String> keys = putKeys(ck, tracker, KEYS, 5);
      Clients clients = new Clients(t).mixers(KEYS, keys, 10);
      changeConfigurationsUnderLoad(t);
      clients.stop();
      t.setReliable(true);
      finish(t, "ShardKvTest.unreliable3");
    }
  }
}
