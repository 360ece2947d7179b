package raft;

import static raft.RaftTester.MAX_LOG_SIZE;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.Net.UNRELIABLE;
import static raft.RaftTester.SNAPSHOT_INTERVAL;
import static raft.RaftTester.Service.SNAPSHOTS;
import static raft.RaftTester.fail;

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
    snapshotRounds(RELIABLE, Fault.NONE);
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2D: InstallSnapshot to a follower that was cut off")
  void snapshotInstall() {
    snapshotRounds(RELIABLE, Fault.DISCONNECT);
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2D: InstallSnapshot after cuts, on a lossy network")
  void snapshotInstallUnreliable() {
    snapshotRounds(UNRELIABLE, Fault.DISCONNECT);
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2D: restart from a snapshot after a crash")
  void snapshotInstallCrash() {
    snapshotRounds(RELIABLE, Fault.CRASH);
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2D: restart from a snapshot, on a lossy network")
  void snapshotInstallUnreliableCrash() {
    snapshotRounds(UNRELIABLE, Fault.CRASH);
  }

  /**
   * 30 rounds: take a victim away (a follower, or every third round the leader), commit without
   * it, submit enough commands to make a snapshot likely, bring the victim back; it must catch up,
   * usually through InstallSnapshot. Persisted Raft state must stay under 2000 bytes.
   */
  private void snapshotRounds(Net reliability, Fault fault) {
    int servers = 3;
    try (var t = cluster(servers, reliability, SNAPSHOTS)) {
      Random random = Env.random();
      t.one(random.nextInt(), servers, true);
      int leader1 = t.checkOneLeader();

      for (int round = 0; round < 30; round++) {
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
   * log after it, never from an older point (§7: the snapshot replaces the log it covers). 2024
   * semantics: a reliable network (2025's edition runs this one on an unreliable network).
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: all servers restart from their snapshots")
  void snapshotAllCrash() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE, SNAPSHOTS)) {
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
   * would then drop the snapshot. 2024 semantics: a reliable network.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2D: a restart keeps the snapshot in the next save")
  void snapshotInit() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE, SNAPSHOTS)) {
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
