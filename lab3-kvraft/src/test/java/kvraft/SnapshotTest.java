package kvraft;

import static kvraft.KvRaftTester.ELECTION_TIMEOUT_MS;
import static kvraft.KvRaftTester.fail;

import java.util.List;
import kvraft.CounterService.Inc;
import kvraft.GenericTest.Scenario;
import kvraft.KvRaftTester.Net;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * Part 3C: snapshots. The servers snapshot once Raft's persisted state nears maxRaftState (1000
 * bytes here), so Raft can discard its log; a restarted server restores from its snapshot, and a
 * follower that lags too far behind gets the leader's snapshot.
 */
@StudentCode({"rsm", "kvraft", "raft"})
@Tag("3C")
class SnapshotTest {
  static final int MAX_RAFT_STATE = 1000;
  /** MIT's generous bound on a snapshot of the few keys these tests write. */
  static final int MAX_SNAPSHOT_BYTES = 500;

  private static void generic(Scenario scenario, String name) {
    KvTest.generic(scenario.withSnapshots(MAX_RAFT_STATE), name);
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: the rsm snapshots the service and restores it after a restart")
  void rsmSnapshot() {
    try (var t = KvRaftTester.counters(RsmTest.SERVERS, MAX_RAFT_STATE)) {
      for (int i = 0; i < 100; i++) {
        t.oneSubmit(new Inc());
      }
      t.checkCounter(100, RsmTest.SERVERS);
      t.checkRaftStateAtMost(2, "after 100 commands");
      // Every server restarts from its snapshot (and the few entries after it).
      t.crashAndRestartAll();
      long n = t.oneSubmit(new Inc());
      if (n != 101) {
        throw fail("after 100 Incs and a restart, the next Inc returned %d, expected 101: does the rsm restore the "
            + "service from persister.readSnapshot() when it starts, before Raft applies the rest?", n);
      }
      t.checkCounter(101, RsmTest.SERVERS);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: a lagging server catches up through InstallSnapshot")
  void snapshotRpc() {
    try (var t = KvRaftTester.kv(3, Net.RELIABLE, MAX_RAFT_STATE)) {
      TestClerk ck = t.makeClerk();
      long va = t.putAtLeastOnce(ck, "a", "A", 0);
      t.checkGet(ck, "a", "A", va);

      // Many puts while server 2 is cut off: the majority must snapshot and discard its log
      // without waiting for server 2.
      t.partition(List.of(0, 1), List.of(2));
      TestClerk ck01 = t.makeClerkTo(List.of(0, 1));
      for (int i = 0; i < 50; i++) {
        t.putAtLeastOnce(ck01, String.valueOf(i), String.valueOf(i), 0);
      }
      Env.sleep(ELECTION_TIMEOUT_MS);
      long vb = t.putAtLeastOnce(ck01, "b", "B", 0);
      t.checkRaftStateAtMost(8, "with a majority that applied every entry");

      // Now a majority needs server 2, whose missing entries exist only in snapshots.
      t.partition(List.of(0, 2), List.of(1));
      TestClerk ck02 = t.makeClerkTo(List.of(0, 2));
      t.putAtLeastOnce(ck02, "c", "C", 0);
      t.putAtLeastOnce(ck02, "d", "D", 0);
      t.checkGet(ck02, "a", "A", va);
      t.checkGet(ck02, "b", "B", vb);
      t.checkGet(ck02, "1", "1", 1);
      t.checkGet(ck02, "49", "49", 1);
      if (t.snapshotSize(2) == 0) {
        throw fail("server 2 caught up without persisting a snapshot: it must install the leader's snapshot (the "
            + "entries it lacked were discarded) and save it with its Raft state");
      }

      // Everyone together again.
      t.connectAll();
      long ve = t.putAtLeastOnce(ck, "e", "E", 0);
      t.checkGet(ck, "c", "C", 1);
      t.checkGet(ck, "e", "E", ve);
      t.checkGet(ck, "1", "1", 1);
      t.checkLinearizable("SnapshotTest.snapshotRpc");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: snapshots stay small")
  void snapshotSize() {
    try (var t = KvRaftTester.kv(3, Net.RELIABLE, MAX_RAFT_STATE)) {
      TestClerk ck = t.makeClerk();
      long v = 0;
      for (int i = 0; i < 200; i++) {
        v = t.putAtLeastOnce(ck, "x", "0", v);
        t.checkGet(ck, "x", "0", v);
        v = t.putAtLeastOnce(ck, "x", "1", v);
        t.checkGet(ck, "x", "1", v);
      }
      t.checkRaftStateAtMost(8, "after 800 operations");
      int snapshot = t.maxSnapshotSize();
      if (snapshot > MAX_SNAPSHOT_BYTES) {
        throw fail("a snapshot is %d bytes, more than %d, for a store of one key: put only the store (values and "
            + "versions) in it, not the log or the history of requests", snapshot, MAX_SNAPSHOT_BYTES);
      }
      if (snapshot == 0) {
        throw fail("after 800 operations with maxRaftState %d no server has a snapshot", MAX_RAFT_STATE);
      }
      t.checkLinearizable("SnapshotTest.snapshotSize");
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: 1000 puts with snapshots commit faster than three per heartbeat")
  void speed() {
    KvTest.speed(MAX_RAFT_STATE, "SnapshotTest.speed");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: restarts, snapshots, one client")
  void snapshotRecover() {
    generic(Scenario.of(1, 5).withCrashes(), "SnapshotTest.snapshotRecover");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: restarts, snapshots, 20 clients")
  void snapshotRecoverManyClients() {
    generic(Scenario.of(20, 5).withCrashes(), "SnapshotTest.snapshotRecoverManyClients");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: unreliable net, snapshots, many clients")
  void snapshotUnreliable() {
    generic(Scenario.of(5, 5).unreliable(), "SnapshotTest.snapshotUnreliable");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: unreliable net, restarts, snapshots, many clients")
  void snapshotUnreliableRecover() {
    generic(Scenario.of(5, 5).unreliable().withCrashes(), "SnapshotTest.snapshotUnreliableRecover");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: unreliable net, restarts, partitions, snapshots, many clients")
  void snapshotUnreliableRecoverConcurrentPartition() {
    generic(Scenario.of(5, 5).unreliable().withCrashes().withPartitions(),
        "SnapshotTest.snapshotUnreliableRecoverConcurrentPartition");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: unreliable net, restarts, partitions, snapshots, random keys, 15 clients on 7 servers")
  void snapshotUnreliableRecoverConcurrentPartitionLinearizable() {
    generic(Scenario.of(15, 7).unreliable().withCrashes().withPartitions().withRandomKeys(),
        "SnapshotTest.snapshotUnreliableRecoverConcurrentPartitionLinearizable");
  }

  @LabTest
  @Points(5)
  @DisplayName("3C: a cluster restarted from snapshots still has every acknowledged write")
  void restartFromSnapshotsKeepsAcknowledgedWrites() {
    KvTest.acknowledgedWritesSurvive(MAX_RAFT_STATE, "SnapshotTest.restartFromSnapshotsKeepsAcknowledgedWrites");
  }
}
