package raft;

import static raft.RaftTester.MAX_LOG_SIZE;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.Net.REORDERING;
import static raft.RaftTester.Net.UNRELIABLE;
import static raft.RaftTester.SNAPSHOT_INTERVAL;
import static raft.RaftTester.Service.SNAPSHOTS;
import static raft.RaftTester.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import raft.RaftTester.Net;

/**
 * Part 2D: log compaction. The service on each peer snapshots its state every
 * {@value RaftTester#SNAPSHOT_INTERVAL} commands and calls {@code snapshot()}.
 */
@Tag("2D")
class SnapshotTest extends RaftTestBase {
  /** How a victim is taken away in each round of {@link #snapshotRounds}. */
  private enum Fault { NONE, DISCONNECT, CRASH }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: snapshots trim the log, no faults")
  void snapshotBasic() {
    snapshotRounds(RELIABLE, Fault.NONE, 30);
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2D: InstallSnapshot to a follower that was cut off")
  void snapshotInstall() {
    snapshotRounds(RELIABLE, Fault.DISCONNECT, 30);
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2D: InstallSnapshot after cuts, on a lossy network")
  void snapshotInstallUnreliable() {
    snapshotRounds(UNRELIABLE, Fault.DISCONNECT, 30);
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2D: restart from a snapshot after a crash")
  void snapshotInstallCrash() {
    snapshotRounds(RELIABLE, Fault.CRASH, 30);
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2D: restart from a snapshot, on a lossy network")
  void snapshotInstallUnreliableCrash() {
    snapshotRounds(UNRELIABLE, Fault.CRASH, 30);
  }

  /**
   * Old, repeated and reordered messages around snapshots (not in MIT's suite): requests are
   * duplicated and replies held back for up to 2.2 s, so a follower gets InstallSnapshot twice or
   * after newer AppendEntries, and a leader hears late answers to snapshots it sent long ago.
   * Twelve rounds: with replies that slow, thirty would take most of the test's two minutes.
   */
  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2D: InstallSnapshot on a network that duplicates and reorders")
  void snapshotInstallReordered() {
    snapshotRounds(REORDERING, Fault.DISCONNECT, 12);
  }

  /**
   * {@code rounds} rounds (30 in MIT's tests): take a victim away (a follower, or every third round the leader), commit without
   * it, submit enough commands to make a snapshot likely, bring the victim back; it must catch up,
   * usually through InstallSnapshot. Persisted Raft state must stay under 2000 bytes.
   */
  private void snapshotRounds(Net reliability, Fault fault, int rounds) {
    int servers = 3;
    try (var t = cluster(servers, reliability, SNAPSHOTS)) {
      Random random = Env.random();
      t.one(random.nextInt(), servers, true);
      int leader1 = t.checkOneLeader();

      for (int round = 0; round < rounds; round++) {
        int victim = (leader1 + 1) % servers;
        int sender = leader1;
        if (round % 3 == 1) {
          sender = (leader1 + 1) % servers;
          victim = leader1;
        }

        switch (fault) {
          case DISCONNECT -> t.disconnect(victim);
          case CRASH -> t.crash1(victim);
          case NONE -> { }
        }
        if (fault != Fault.NONE) {
          t.one(random.nextInt(), servers - 1, true);
        }

        // 5 to 14 commands at once: the service usually passes a snapshot point meanwhile, and
        // the leader trims its log (§7) while the victim, if any, still lacks those entries.
        int nn = SNAPSHOT_INTERVAL / 2 + random.nextInt(SNAPSHOT_INTERVAL);
        for (int i = 0; i < nn; i++) {
          t.start(sender, random.nextInt());
        }

        // One more command through one(): it commits only after those before it, so the servers
        // that count have applied them all. With no fault, all three must have it: followers
        // keep up through AppendEntries alone, and no InstallSnapshot is needed.
        if (fault == Fault.NONE) {
          t.one(random.nextInt(), servers, true);
        } else {
          t.one(random.nextInt(), servers - 1, true);
        }

        if (t.logSize() >= MAX_LOG_SIZE) {
          throw fail("the persisted Raft state is too large: %d bytes (at most %d allowed); discard the log "
              + "entries that snapshot() covers", t.logSize(), MAX_LOG_SIZE);
        }

        switch (fault) {
          case DISCONNECT -> t.connect(victim); // the leader may have trimmed what it lacks: InstallSnapshot
          case CRASH -> {
            t.start1(victim);
            t.connect(victim);
          }
          case NONE -> { }
        }
        if (fault != Fault.NONE) {
          t.one(random.nextInt(), servers, true);
          leader1 = t.checkOneLeader();
        }
      }
    }
  }

  /**
   * All servers crash at once, several times: each must restart from its saved snapshot plus the
   * log after it, never from an older point (§7: the snapshot replaces the log it covers). On a
   * reliable network (2024) and on a lossy one (2025).
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: all servers restart from their snapshots")
  void snapshotAllCrash() {
    allCrash(RELIABLE);
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: all servers restart from their snapshots, on a lossy network")
  void snapshotAllCrashUnreliable() {
    allCrash(UNRELIABLE);
  }

  private void allCrash(Net net) {
    int servers = 3;
    try (var t = cluster(servers, net, SNAPSHOTS)) {
      Random random = Env.random();
      t.one(random.nextInt(), servers, true);

      for (int round = 0; round < 5; round++) {
        // 5 to 14 committed commands, usually across a snapshot point
        int nn = SNAPSHOT_INTERVAL / 2 + random.nextInt(SNAPSHOT_INTERVAL);
        for (int i = 0; i < nn; i++) {
          t.one(random.nextInt(), servers, true);
        }
        int index1 = t.one(random.nextInt(), servers, true);

        crashAndRestartAll(t);

        int index2 = t.one(random.nextInt(), servers, true);
        if (index2 < index1 + 1) {
          throw fail("the log index went back from %d to %d after all servers restarted: the log after the "
              + "snapshot, or the snapshot's own index, was not restored", index1, index2);
        }
      }
    }
  }

  /**
   * Catches a peer that does not load its snapshot back into memory on restart: its next save
   * would then drop the snapshot. On a reliable network (2024) and on a lossy one (2025).
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: a restart keeps the snapshot in the next save")
  void snapshotInit() {
    init(RELIABLE);
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: a restart keeps the snapshot in the next save, on a lossy network")
  void snapshotInitUnreliable() {
    init(UNRELIABLE);
  }

  private void init(Net net) {
    int servers = 3;
    try (var t = cluster(servers, net, SNAPSHOTS)) {
      Random random = Env.random();
      t.one(random.nextInt(), servers, true);

      // Eleven commands: each server makes at least one snapshot.
      for (int i = 0; i < SNAPSHOT_INTERVAL + 1; i++) {
        t.one(random.nextInt(), servers, true);
      }

      crashAndRestartAll(t);

      // One command makes each server persist again. A server that did not load its snapshot
      // back into memory on restart now saves its state with an empty snapshot...
      t.one(random.nextInt(), servers, true);

      crashAndRestartAll(t);

      // ...and after this restart it has lost the snapshot's entries: this command cannot commit
      // on it, or it applies from the wrong index.
      t.one(random.nextInt(), servers, true);
    }
  }

  /**
   * An AppendEntries that starts inside the follower's snapshot (Figure 13 and §7: the entries it
   * covers are committed, so they match): the follower keeps exactly the entries after its
   * snapshot's last index. The tester, as leader, installs a snapshot of indexes 1-5, then sends
   * entries 4-7, as a leader does whose nextIndex for this follower is still 4.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: AppendEntries that overlaps the follower's snapshot")
  void appendOverlapsSnapshot() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      var leader = TesterLeader.ofCutOff(t, Env.random().nextInt(servers));
      leader.installSnapshot(leader.term(), List.of(1001, 1002, 1003, 1004, 1005));
      leader.awaitApplied(5);
      if (!leader.append(3, leader.term(), leader.entries(1004, 1005, 1006, 1007), 7).success()) {
        // It may ask for what follows its snapshot instead, as long as it skips nothing.
        leader.appendOk(5, leader.term(), leader.entries(1006, 1007), 7);
      }
      String rule = "of an AppendEntries whose prevLogIndex (3) lies inside the snapshot (which ends at 5), skip "
          + "exactly the entries the snapshot covers (indexes 4 and 5) and keep the rest at their own indexes";
      leader.awaitApplied(6);
      leader.checkApplied(6, 1006, rule);
      leader.awaitApplied(7);
      leader.checkApplied(7, 1007, rule);
    }
  }

  /**
   * A late, older InstallSnapshot never takes a follower back (Figure 13, receiver rules 6-7, and
   * §7): once the follower has applied entries 1-10, a snapshot of 1-5 that arrives after them
   * (delayed, or sent twice) must change nothing; the same after a newer snapshot. The tester
   * plays the leader. The service's check fails the test if the follower hands it the old
   * snapshot (it would go back in time).
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: a late, older InstallSnapshot is ignored")
  void lateSnapshotIgnored() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      var leader = TesterLeader.ofCutOff(t, Env.random().nextInt(servers));
      List<Object> commands = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        commands.add(1000 + i);
      }
      leader.appendOk(0, 0, leader.entries(commands.subList(0, 10).toArray()), 10);
      leader.awaitApplied(10);
      leader.installSnapshot(leader.term(), commands.subList(0, 5)); // late: entries 1-10 overtook it
      leader.appendOk(10, leader.term(), leader.entries(1011), 11);
      leader.awaitApplied(11);
      leader.checkApplied(11, 1011, "a follower ignores a snapshot that covers less than it has already committed");

      leader.installSnapshot(leader.term(), commands.subList(0, 20)); // a newer one, then an older one
      leader.awaitApplied(20);
      leader.installSnapshot(leader.term(), commands.subList(0, 15));
      leader.appendOk(20, leader.term(), leader.entries(1021), 21);
      leader.awaitApplied(21);
      leader.checkApplied(21, 1021, "a follower ignores a snapshot older than the one it holds");
    }
  }

  private static void crashAndRestartAll(RaftTester t) {
    for (int i = 0; i < t.servers(); i++) {
      t.crash1(i);
    }
    for (int i = 0; i < t.servers(); i++) {
      t.start1(i);
      t.connect(i);
    }
  }
}
