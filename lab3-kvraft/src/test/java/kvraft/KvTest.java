package kvraft;

import static kvraft.KvRaftTester.ELECTION_TIMEOUT_MS;
import static kvraft.KvRaftTester.NO_SNAPSHOTS;
import static kvraft.KvRaftTester.fail;

import java.time.Duration;
import kvraft.GenericTest.Outcome;
import kvraft.GenericTest.Scenario;
import kvraft.KvRaftTester.Net;
import kvraft.KvRpc.GetReply;
import labs.checker.Operation;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Reply;
import labs.cluster.Async;
import labs.cluster.Split;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * Part 3B: the key/value service on the rsm, without snapshots. Every test ends with the
 * linearizability check of every clerk call it made.
 */
@StudentCode({"rsm", "kvraft", "raft"})
@Tag("3B")
class KvTest {
  /** Puts in the speed test. */
  static final int SPEED_OPS = 1000;
  /** At least three puts per 100 ms heartbeat interval: a commit must not wait for a heartbeat. */
  static final double SPEED_MS_PER_OP = 100.0 / 3;

  /** Runs a generic scenario with its checks. */
  static void generic(Scenario scenario, String name) {
    try (var t = new GenericTest(scenario, name).run().tester()) {
      // run() made the scenario's checks; closing stops the servers
    }
  }

  /** The speed test, with or without snapshots (part 3C runs it with). */
  static void speed(int maxRaftState, String name) {
    try (var t = KvRaftTester.kv(3, Net.RELIABLE, maxRaftState)) {
      TestClerk ck = t.makeClerk();
      ck.get("x"); // returns once a leader serves: the clock starts with a working service
      long t0 = Env.nowMillis();
      for (int i = 0; i < SPEED_OPS; i++) {
        Err err = ck.put("k", String.valueOf(i), i);
        if (err != Err.OK) {
          throw fail("put(\"k\", \"%d\", %d) returned %s on a reliable network with one client: expected OK", i, i, err);
        }
      }
      long ms = Env.nowMillis() - t0;
      GetReply last = ck.get("k");
      if (last.version() != SPEED_OPS) {
        throw fail("after %d puts \"k\" is at version %d, not %d", SPEED_OPS, last.version(), SPEED_OPS);
      }
      if (ms > SPEED_OPS * SPEED_MS_PER_OP) {
        throw fail("%d sequential puts took %.1f s (%.1f ms each); at most %.1f s allowed (%.1f ms each, three per "
            + "100 ms heartbeat): does the leader send new entries at once in start(), and do followers and the "
            + "leader apply a commit at once, not at the next heartbeat?", SPEED_OPS, ms / 1000.0,
            (double) ms / SPEED_OPS, SPEED_OPS * SPEED_MS_PER_OP / 1000, SPEED_MS_PER_OP);
      }
      t.checkLinearizable(name);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: puts and gets follow the versioned rules")
  void versionedRules() {
    try (var t = KvRaftTester.kv(3, Net.RELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      // A put with version 0 creates a missing key at version 1.
      expect(ck.put("k", "v", 0), Err.OK, "put(\"k\", \"v\", 0) of a new key");
      t.checkGet(ck, "k", "v", 1);
      // A put whose version is not the key's is refused, and changes nothing.
      Err stale = ck.put("k", "w", 0);
      if (stale != Err.VERSION && stale != Err.MAYBE) {
        throw fail("put(\"k\", \"w\", 0) of a key at version 1 returned %s: expected VERSION (or MAYBE if the clerk "
            + "had to resend it)", stale);
      }
      t.checkGet(ck, "k", "v", 1);
      // A put with a version above 0 of a missing key: NO_KEY; a get of it: NO_KEY.
      expect(ck.put("y", "v", 1), Err.NO_KEY, "put(\"y\", \"v\", 1) of a key that does not exist");
      expect(ck.get("y").err(), Err.NO_KEY, "get(\"y\") of a key that does not exist");
      // The right version succeeds and moves the version on by one.
      expect(ck.put("k", "w", 1), Err.OK, "put(\"k\", \"w\", 1) of a key at version 1");
      t.checkGet(ck, "k", "w", 2);
      t.checkLinearizable("KvTest.versionedRules");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: one client")
  void basic() {
    generic(Scenario.of(1, 5), "KvTest.basic");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: 1000 puts commit faster than three per heartbeat")
  void speed() {
    speed(NO_SNAPSHOTS, "KvTest.speed");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: many clients")
  void concurrent() {
    generic(Scenario.of(5, 5), "KvTest.concurrent");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: unreliable net, many clients")
  void unreliable() {
    generic(Scenario.of(5, 5).unreliable(), "KvTest.unreliable");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: no progress in a minority, progress after it heals")
  void onePartition() {
    try (var t = KvRaftTester.kv(5, Net.UNRELIABLE, NO_SNAPSHOTS)) {
      TestClerk ck = t.makeClerk();
      long v0 = t.putAtLeastOnce(ck, "1", "13", 0);

      // The leader goes into the minority; the majority elects a new one and takes writes.
      Split split = t.group().splitAround(t.awaitLeader());
      t.partition(split.a(), split.b());
      TestClerk majority = t.makeClerkTo(split.a());
      TestClerk minorityPut = t.makeClerkTo(split.b());
      TestClerk minorityGet = t.makeClerkTo(split.b());
      long v1 = t.putAtLeastOnce(majority, "1", "14", v0);
      t.checkGet(majority, "1", "14", v1);

      // In the minority nothing can commit, so neither a put nor a get may complete: a get
      // answered from the old leader's own store would be stale (it misses "14").
      Async<Long> put = Async.start("minority-put", () -> t.putAtLeastOnce(minorityPut, "1", "15", v1));
      Async<GetReply> get = Async.start("minority-get", () -> minorityGet.get("1"));
      Env.sleep(1000);
      if (put.isDone() || get.isDone()) {
        throw fail("a %s completed within 1 s in the minority %s, which cannot commit anything: a server may answer "
            + "only once Raft has committed the request (reads included)", put.isDone() ? "put" : "get", split.b());
      }
      t.checkGet(majority, "1", "14", v1);
      long v2 = t.putAtLeastOnce(majority, "1", "16", v1);
      t.checkGet(majority, "1", "16", v2);

      // Heal: the old leader learns of the newer term, and the waiting requests complete.
      t.connectAll();
      minorityPut.client().connectAll();
      minorityGet.client().connectAll();
      Env.sleep(ELECTION_TIMEOUT_MS);
      if (!put.awaitDone(Duration.ofSeconds(3)) || !get.awaitDone(Duration.ofSeconds(3))) {
        throw fail("the %s from the minority did not complete within 3 s after the partition healed (plus 1 s): does "
            + "a waiting submit give up when its server loses leadership, and does the clerk then try another server?",
            put.isDone() ? "get" : "put");
      }
      long v3 = put.join();
      t.checkGet(ck, "1", "15", v3);
      t.checkLinearizable("KvTest.onePartition");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: partitions, one client")
  void manyPartitionsOneClient() {
    generic(Scenario.of(1, 5).withPartitions(), "KvTest.manyPartitionsOneClient");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: partitions, many clients")
  void manyPartitionsManyClients() {
    generic(Scenario.of(5, 5).withPartitions(), "KvTest.manyPartitionsManyClients");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: restarts, one client")
  void persistOneClient() {
    generic(Scenario.of(1, 5).withCrashes(), "KvTest.persistOneClient");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: restarts, many clients")
  void persistConcurrent() {
    generic(Scenario.of(5, 5).withCrashes(), "KvTest.persistConcurrent");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: unreliable net, restarts, many clients")
  void persistConcurrentUnreliable() {
    generic(Scenario.of(5, 5).unreliable().withCrashes(), "KvTest.persistConcurrentUnreliable");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: restarts, partitions, many clients")
  void persistPartition() {
    generic(Scenario.of(5, 5).withCrashes().withPartitions(), "KvTest.persistPartition");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: unreliable net, restarts, partitions, many clients")
  void persistPartitionUnreliable() {
    generic(Scenario.of(5, 5).unreliable().withCrashes().withPartitions(), "KvTest.persistPartitionUnreliable");
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: unreliable net, restarts, partitions, random keys, 15 clients on 7 servers")
  void persistPartitionUnreliableLinearizable() {
    generic(Scenario.of(15, 7).unreliable().withCrashes().withPartitions().withRandomKeys(),
        "KvTest.persistPartitionUnreliableLinearizable");
  }

  // ------------------------------------------------------------------ checks no MIT test makes

  /**
   * RPCs per completed operation, from the reference: about n (one clerk RPC, n - 1 AppendEntries
   * that carry the entry and, in the next one, the commit) plus heartbeats. The bound is twice the
   * clerk request and the n - 1 AppendEntries, plus twice the heartbeats of 100 ms.
   */
  static final double RPC_FACTOR = 2.0;

  @LabTest
  @Points(5)
  @DisplayName("3B: RPCs per operation stay bounded")
  void rpcsPerOperation() {
    Scenario scenario = Scenario.of(5, 5).withRandomKeys();
    Outcome out = new GenericTest(scenario, "KvTest.rpcsPerOperation").run();
    try (var t = out.tester()) {
      long rpcs = t.cluster().network().totalRpcs();
      long ops = t.history().size();
      double seconds = Env.nowMillis() / 1000.0;
      int n = scenario.servers();
      double bound = RPC_FACTOR * (ops * n + seconds * 10 * (n - 1));
      t.world().trace().record("tester", "measure", String.format("%d RPCs for %d operations (%.2f per operation) in "
          + "%.1f s; bound %.0f", rpcs, ops, (double) rpcs / ops, seconds, bound));
      if (rpcs > bound) {
        throw fail("%d RPCs for %d completed operations in %.1f s on %d servers (%.1f per operation), more than the %.0f "
            + "allowed (%.0f × (%d per operation + heartbeats every 100 ms to %d followers)): does the clerk remember "
            + "the leader, and does the leader send each entry to each follower about once?", rpcs, ops, seconds, n,
            (double) rpcs / ops, bound, RPC_FACTOR, n, n - 1);
      }
    }
  }

  /**
   * The longest a client may wait for one operation while partitions come and go (virtual time).
   * With the reference, a clerk that meets leaders left behind in minorities, one after another,
   * waits at each until the split changes or the rsm gives up; over 100 seeds the longest wait was
   * 0.4–6.7 s (median 2.0 s). The bound leaves more than twice the worst.
   */
  static final long WAIT_BOUND_MS = 15_000;

  @LabTest
  @Points(5)
  @DisplayName("3B: no client waits long while a majority is connected")
  void waitsBoundedUnderPartitions() {
    Outcome out = new GenericTest(Scenario.of(5, 5).withPartitions(), "KvTest.waitsBoundedUnderPartitions").run();
    try (var t = out.tester()) {
      // With five servers, one side of every two-way split is a majority (three or more), so some
      // leader can always serve within an election or two.
      Operation<Input, Reply> longest = null;
      int counted = 0;
      for (Operation<Input, Reply> op : t.history().operations()) {
        if (duringPartitions(op, out)) {
          counted++;
          if (longest == null || op.ret() - op.call() > longest.ret() - longest.call()) {
            longest = op;
          }
        }
      }
      if (longest == null || counted < 10) {
        throw fail("only %d operations ran while the partitioner did: too few to judge waiting times", counted);
      }
      long waited = (longest.ret() - longest.call()) / 1_000_000;
      t.world().trace().record("tester", "measure", String.format("longest wait %d ms over %d operations: client %d's "
          + "%s called at %.3f s", waited, counted, longest.client(), longest.input(), longest.call() / 1e9));
      if (waited > WAIT_BOUND_MS) {
        throw fail("client %d waited %.1f s for %s (called at %.3f s) while the partitioner ran, with a majority "
            + "always connected; at most %d s allowed: does a submit give up after Rsm.SUBMIT_TIMEOUT_MS or when its "
            + "server loses leadership, and does the clerk then try the next server?", longest.client(),
            waited / 1000.0, longest.input(), longest.call() / 1e9, WAIT_BOUND_MS / 1000);
      }
    }
  }

  private static boolean duringPartitions(Operation<Input, Reply> op, Outcome out) {
    for (int i = 0; i < out.partitionedFrom().size(); i++) {
      if (op.call() >= out.partitionedFrom().get(i) && op.call() <= out.partitionedTo().get(i)) {
        return true;
      }
    }
    return false;
  }

  @LabTest
  @Points(5)
  @DisplayName("3B: a restarted cluster still has every acknowledged write")
  void restartKeepsAcknowledgedWrites() {
    acknowledgedWritesSurvive(NO_SNAPSHOTS, "KvTest.restartKeepsAcknowledgedWrites");
  }

  /** Clients write under crashes; then everything crashes once more and every OK must show. */
  static void acknowledgedWritesSurvive(int maxRaftState, String name) {
    Scenario scenario = Scenario.of(5, 5).unreliable().withCrashes().withRandomKeys().withSnapshots(maxRaftState);
    try (var t = new GenericTest(scenario, name).run().tester()) {
      t.crashAndRestartAll();
      t.checkAcknowledgedWrites();
    }
  }

  private static void expect(Err got, Err wanted, String what) {
    if (got != wanted) {
      throw fail("%s returned %s, expected %s", what, got, wanted);
    }
  }
}
