package raft;

import static raft.RaftTester.ELECTION_TIMEOUT_MS;
import static raft.RaftTester.Net.RELIABLE;

import labs.harness.LabTest;
import labs.harness.Points;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Part 2A: leader election. */
@Tag("2A")
class ElectionTest extends RaftTestBase {

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: initial election")
  void initialElection() {
    try (var t = cluster(3, RELIABLE)) {
      // is a leader elected?
      t.checkOneLeader();

      // sleep a bit to avoid racing with followers learning of the election, then check that all
      // peers agree on the term
      Env.sleep(50);
      int term1 = t.checkTerms();
      if (term1 < 1) {
        throw RaftTester.fail("the term is %d after the first election; it should be at least 1", term1);
      }

      // does the leader + term stay the same if there is no network failure?
      Env.sleep(2L * ELECTION_TIMEOUT_MS);
      int term2 = t.checkTerms();
      if (term1 != term2) {
        t.warn("the term changed from %d to %d even though there were no failures", term1, term2);
      }

      // there should still be a leader
      t.checkOneLeader();
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: election after network failure")
  void reElection() {
    try (var t = cluster(3, RELIABLE)) {
      int leader1 = t.checkOneLeader();

      // if the leader disconnects, a new one should be elected
      t.disconnect(leader1);
      t.checkOneLeader();

      // if the old leader rejoins, that shouldn't disturb the new leader; and the old leader
      // should switch to follower
      t.connect(leader1);
      int leader2 = t.checkOneLeader();

      // if there's no quorum, no new leader should be elected
      t.disconnect(leader2);
      t.disconnect((leader2 + 1) % 3);
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // check that the one connected server does not think it is the leader
      t.checkNoLeader();

      // if a quorum arises, it should elect a leader
      t.connect((leader2 + 1) % 3);
      t.checkOneLeader();

      // re-join of the last node shouldn't prevent leader from existing
      t.connect(leader2);
      t.checkOneLeader();
    }
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2A: multiple elections")
  void manyElections() {
    int servers = 7;
    try (var t = cluster(servers, RELIABLE)) {
      t.checkOneLeader();
      for (int round = 1; round < 10; round++) {
        // disconnect three nodes (perhaps the same one twice)
        int i1 = Env.random().nextInt(servers);
        int i2 = Env.random().nextInt(servers);
        int i3 = Env.random().nextInt(servers);
        t.disconnect(i1);
        t.disconnect(i2);
        t.disconnect(i3);

        // either the current leader should still be alive, or the remaining four should elect a
        // new one
        t.checkOneLeader();

        t.connect(i1);
        t.connect(i2);
        t.connect(i3);
      }
      t.checkOneLeader();
    }
  }
}
