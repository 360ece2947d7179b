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
  @DisplayName("2A: one leader is elected and stays leader")
  void initialElection() {
    try (var t = cluster(3, RELIABLE)) {
      // §5.2: with all three up, some follower times out, wins a majority and becomes leader.
      t.checkOneLeader();

      // The winner's heartbeats carry its term; 50 ms later every follower has adopted it
      // (Figure 2, all servers: a higher term in any RPC makes a server update currentTerm).
      Env.sleep(50);
      int term1 = t.checkTerms();
      if (term1 < 1) {
        throw RaftTester.fail("the first leader is in term %d; a candidate increments its term before asking "
            + "for votes, so the first election gives term 1 or more", term1);
      }

      // Heartbeats must keep followers from timing out: on a healthy network the term stays put.
      Env.sleep(2L * ELECTION_TIMEOUT_MS);
      int term2 = t.checkTerms();
      if (term1 != term2) {
        t.warn("the term moved from %d to %d with no failure at all: are heartbeats sent often enough to beat "
            + "the election timeout?", term1, term2);
      }

      // Two quiet election timeouts later, the cluster still has its leader.
      t.checkOneLeader();
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: new leader after a cut; none without a majority")
  void reElection() {
    try (var t = cluster(3, RELIABLE)) {
      int leader1 = t.checkOneLeader();

      // §5.2: the two left hear no heartbeats, time out, and one of them wins with both votes.
      t.disconnect(leader1);
      t.checkOneLeader();

      // The old leader returns with a stale term; the first newer term it sees turns it into a
      // follower (§5.1), and the cluster keeps exactly one leader.
      t.connect(leader1);
      int leader2 = t.checkOneLeader();

      // Cut two of three: the one left alone can never collect a majority of votes.
      t.disconnect(leader2);
      t.disconnect((leader2 + 1) % 3);
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // A majority means of all servers, not of the reachable ones: the lone server is no leader.
      t.checkNoLeader();

      // Two of three connected form a majority again: they must elect a leader.
      t.connect((leader2 + 1) % 3);
      t.checkOneLeader();

      // The third returns, perhaps with a higher term from its lonely elections; a leader must
      // still emerge (it may step down and be re-elected).
      t.connect(leader2);
      t.checkOneLeader();
    }
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2A: a leader remains while 3 of 7 servers drop out")
  void manyElections() {
    int servers = 7;
    try (var t = cluster(servers, RELIABLE)) {
      t.checkOneLeader();
      for (int round = 1; round < 10; round++) {
        // Cut up to three of seven at random (a server may be drawn twice).
        int i1 = Env.random().nextInt(servers);
        int i2 = Env.random().nextInt(servers);
        int i3 = Env.random().nextInt(servers);
        t.disconnect(i1);
        t.disconnect(i2);
        t.disconnect(i3);

        // At least four remain, a majority: either the leader is among them or they elect one.
        // Repeated rounds catch votes granted twice in a term and candidates stuck in old terms.
        t.checkOneLeader();

        t.connect(i1);
        t.connect(i2);
        t.connect(i3);
      }
      t.checkOneLeader();
    }
  }
}
