package raft;

import static raft.RaftTester.ELECTION_TIMEOUT_MS;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.Net.UNRELIABLE;
import static raft.RaftTester.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import raft.RaftApi.StartResult;
import raft.RaftTester.Net;

/** Part 2C: persistence, and agreement under crashes, partitions and an unreliable network. */
@Tag("2C")
class PersistenceTest extends RaftTestBase {

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2C: basic persistence")
  void persist1() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(11, servers, true);

      // crash and re-start all
      for (int i = 0; i < servers; i++) {
        t.start1(i);
      }
      for (int i = 0; i < servers; i++) {
        t.disconnect(i);
        t.connect(i);
      }
      t.one(12, servers, true);

      int leader1 = t.checkOneLeader();
      t.disconnect(leader1);
      t.start1(leader1);
      t.connect(leader1);
      t.one(13, servers, true);

      int leader2 = t.checkOneLeader();
      t.disconnect(leader2);
      t.one(14, servers - 1, true);
      t.start1(leader2);
      t.connect(leader2);

      t.waitCommitted(4, servers); // wait for leader2 to join before killing i3

      int i3 = (t.checkOneLeader() + 1) % servers;
      t.disconnect(i3);
      t.one(15, servers - 1, true);
      t.start1(i3);
      t.connect(i3);
      t.one(16, servers, true);
    }
  }

  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2C: more persistence")
  void persist2() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      int index = 1;
      for (int round = 0; round < 5; round++) {
        t.one(10 + index++, servers, true);

        int leader1 = t.checkOneLeader();
        t.disconnect((leader1 + 1) % servers);
        t.disconnect((leader1 + 2) % servers);

        t.one(10 + index++, servers - 2, true);

        t.disconnect((leader1 + 0) % servers);
        t.disconnect((leader1 + 3) % servers);
        t.disconnect((leader1 + 4) % servers);

        t.start1((leader1 + 1) % servers);
        t.start1((leader1 + 2) % servers);
        t.connect((leader1 + 1) % servers);
        t.connect((leader1 + 2) % servers);

        Env.sleep(ELECTION_TIMEOUT_MS);

        t.start1((leader1 + 3) % servers);
        t.connect((leader1 + 3) % servers);

        t.one(10 + index++, servers - 2, true);

        t.connect((leader1 + 4) % servers);
        t.connect((leader1 + 0) % servers);
      }
      t.one(1000, servers, true);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2C: partitioned leader and one follower crash, leader restarts")
  void persist3() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, 3, true);

      int leader = t.checkOneLeader();
      t.disconnect((leader + 2) % servers);

      t.one(102, 2, true);

      t.crash1((leader + 0) % servers);
      t.crash1((leader + 1) % servers);
      t.connect((leader + 2) % servers);
      t.start1((leader + 0) % servers);
      t.connect((leader + 0) % servers);

      t.one(103, 2, true);

      t.start1((leader + 1) % servers);
      t.connect((leader + 1) % servers);

      t.one(104, servers, true);
    }
  }

  /**
   * A server that voted, crashed and restarted must not vote for someone else in the same term
   * (not in MIT's suite, whose tests find a lost votedFor only by chance). The RequestVotes come
   * straight from the tester, from candidates with a long log in a far-future term.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2C: a restarted server remembers its vote")
  void voteSurvivesRestart() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, true);
      int voter = (t.checkOneLeader() + 1) % servers;
      t.disconnect(voter); // from now on only the tester talks to it

      int term = t.getState(voter).term() + 100;
      var first = new RaftRpc.RequestVoteArgs(term, (voter + 1) % servers, 1000, term - 1);
      RaftRpc.RequestVoteReply reply = t.requestVote(voter, first);
      if (!reply.voteGranted()) {
        throw fail("server %d refused its vote to candidate %d in the new term %d, whose log is more up-to-date "
            + "than its own: %s", voter, first.candidateId(), term, reply);
      }

      t.start1(voter); // crash and restart it, still cut off
      var second = new RaftRpc.RequestVoteArgs(term, (voter + 2) % servers, 1000, term - 1);
      reply = t.requestVote(voter, second);
      if (reply.voteGranted()) {
        throw fail("server %d voted for candidate %d in term %d, then restarted and voted for candidate %d in the "
            + "same term: persist votedFor (and currentTerm) before replying to RequestVote", voter,
            first.candidateId(), term, second.candidateId());
      }
      if (reply.term() != term) {
        throw fail("server %d answered with term %d after its restart, but it had already seen term %d: persist "
            + "currentTerm", voter, reply.term(), term);
      }

      t.connect(voter);
      t.one(102, servers, true);
    }
  }

  /**
   * Tests that the Figure 8 situation is handled: a leader must not commit an entry from an
   * earlier term by counting replicas. The leaders crash right after accepting commands, so
   * many terms leave entries on a few servers only.
   */
  @LabTest(realSeconds = 120)
  @Points(10)
  @DisplayName("2C: Figure 8")
  void figure8() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      Random random = Env.random();
      t.one(random.nextInt(), 1, true);

      int nup = servers;
      for (int iter = 0; iter < 1000; iter++) {
        int leader = -1;
        for (int i = 0; i < servers; i++) {
          if (t.isUp(i) && t.start(i, random.nextInt()).isLeader()) {
            leader = i;
          }
        }
        sleepShortOrLong(random);
        if (leader != -1) {
          t.crash1(leader);
          nup--;
        }
        if (nup < 3) {
          int s = random.nextInt(servers);
          if (!t.isUp(s)) {
            t.start1(s);
            t.connect(s);
            nup++;
          }
        }
      }

      for (int i = 0; i < servers; i++) {
        if (!t.isUp(i)) {
          t.start1(i);
          t.connect(i);
        }
      }
      t.one(random.nextInt(), servers, true);
    }
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2C: unreliable agreement")
  void unreliableAgreement() {
    int servers = 5;
    try (var t = cluster(servers, UNRELIABLE)) {
      List<Async<Void>> clients = new ArrayList<>();
      for (int iter = 1; iter < 50; iter++) {
        for (int j = 0; j < 4; j++) {
          int command = 100 * iter + j;
          clients.add(Async.run("client-" + iter + "-" + j, () -> t.one(command, 1, true)));
        }
        t.one(iter, 1, true);
      }
      t.setReliable(true);
      clients.forEach(Async::join);
      t.one(100, servers, true);
    }
  }

  /** Figure 8 again, with partitions instead of crashes, on an unreliable and reordering network. */
  @LabTest(realSeconds = 120)
  @Points(10)
  @DisplayName("2C: Figure 8 (unreliable)")
  void figure8Unreliable() {
    int servers = 5;
    try (var t = cluster(servers, UNRELIABLE)) {
      Random random = Env.random();
      t.one(random.nextInt(10000), 1, true);

      int nup = servers;
      for (int iter = 0; iter < 1000; iter++) {
        if (iter == 200) {
          t.setLongReordering(true);
        }
        int leader = -1;
        for (int i = 0; i < servers; i++) {
          StartResult r = t.start(i, random.nextInt(10000));
          if (r.isLeader() && t.isConnected(i)) {
            leader = i;
          }
        }
        sleepShortOrLong(random);
        if (leader != -1 && random.nextInt(1000) < ELECTION_TIMEOUT_MS / 2) {
          t.disconnect(leader);
          nup--;
        }
        if (nup < 3) {
          int s = random.nextInt(servers);
          if (!t.isConnected(s)) {
            t.connect(s);
            nup++;
          }
        }
      }

      for (int i = 0; i < servers; i++) {
        if (!t.isConnected(i)) {
          t.connect(i);
        }
      }
      t.one(random.nextInt(10000), servers, true);
    }
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2C: churn")
  void reliableChurn() {
    churn(RELIABLE);
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2C: unreliable churn")
  void unreliableChurn() {
    churn(UNRELIABLE);
  }

  /** Mostly short pauses (0-12 ms), sometimes up to half an election timeout. */
  private static void sleepShortOrLong(Random random) {
    if (random.nextInt(1000) < 100) {
      Env.sleep(random.nextInt(ELECTION_TIMEOUT_MS / 2));
    } else {
      Env.sleep(random.nextInt(13));
    }
  }

  /**
   * Three clients submit commands to every server while servers are disconnected, crashed and
   * restarted at random; afterwards every command a client saw committed must be in the log.
   */
  private void churn(Net reliability) {
    int servers = 5;
    try (var t = cluster(servers, reliability)) {
      AtomicBoolean stop = new AtomicBoolean();
      List<Async<List<Integer>>> clients = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int me = c;
        clients.add(Async.start("client-" + c, () -> churnClient(t, me, stop)));
      }

      Random random = Env.random();
      for (int iter = 0; iter < 20; iter++) {
        if (random.nextInt(1000) < 200) {
          t.disconnect(random.nextInt(servers));
        }
        if (random.nextInt(1000) < 500) {
          int i = random.nextInt(servers);
          if (!t.isUp(i)) {
            t.start1(i);
          }
          t.connect(i);
        }
        if (random.nextInt(1000) < 200) {
          int i = random.nextInt(servers);
          if (t.isUp(i)) {
            t.crash1(i);
          }
        }
        // Often enough that peers can often keep up, but not so often that everything settles
        // down from one change to the next: a bit less than the election timeout.
        Env.sleep(ELECTION_TIMEOUT_MS * 7 / 10);
      }

      Env.sleep(ELECTION_TIMEOUT_MS);
      t.setReliable(true);
      for (int i = 0; i < servers; i++) {
        if (!t.isUp(i)) {
          t.start1(i);
        }
        t.connect(i);
      }

      stop.set(true);
      List<Integer> values = new ArrayList<>();
      for (Async<List<Integer>> client : clients) {
        values.addAll(client.join());
      }

      Env.sleep(ELECTION_TIMEOUT_MS);

      int lastIndex = t.one(random.nextInt(), servers, true);
      List<Object> really = new ArrayList<>();
      for (int index = 1; index <= lastIndex; index++) {
        really.add(t.waitCommitted(index, servers));
      }
      for (int v : values) {
        if (!really.contains(v)) {
          throw fail("a client saw %d committed, but it is not in the final log", v);
        }
      }
    }
  }

  /** Submits random commands to every server until stopped; returns those it saw committed. */
  private static List<Integer> churnClient(RaftTester t, int me, AtomicBoolean stop) {
    List<Integer> values = new ArrayList<>();
    while (!stop.get()) {
      int x = Env.random().nextInt();
      int index = -1;
      for (int i = 0; i < t.servers(); i++) {
        // try them all, maybe one of them is a leader
        StartResult r = t.start(i, x);
        if (r.isLeader()) {
          index = r.index();
        }
      }
      if (index == -1) {
        Env.sleep(79 + me * 17);
        continue;
      }
      // maybe the leader will commit our value, maybe not; but don't wait forever. (The first
      // pause comes before the first look: in the simulation a commit can take no time at all,
      // and a client that never pauses would submit commands without end at one instant.)
      for (int pause : new int[] {10, 20, 50, 100, 200}) {
        Env.sleep(pause);
        ServiceModel.Committed c = t.nCommitted(index);
        if (c.count() > 0) {
          if (!(c.command() instanceof Integer committed)) {
            throw fail("index %d holds %s, a %s, but only integers were submitted", index, c.command(),
                c.command().getClass().getSimpleName());
          }
          if (committed == x) {
            values.add(x);
          }
          break;
        }
      }
    }
    return values;
  }
}
