package raft;

import static raft.RaftTester.ELECTION_TIMEOUT_MS;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.Net.REORDERING;
import static raft.RaftTester.Net.UNRELIABLE;
import static raft.RaftTester.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.cluster.Async;
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
  @DisplayName("2C: servers restarted one or all at once resume")
  void persist1() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(11, servers, true);

      // Restart everyone at once: only what persist() saved survives (Figure 2, "persistent state
      // on all servers"); the log must still hold entry 1 and the cluster must commit again.
      for (int i = 0; i < servers; i++) {
        t.start1(i);
      }
      for (int i = 0; i < servers; i++) {
        t.disconnect(i);
        t.connect(i);
      }
      t.one(12, servers, true);

      // Restart the leader alone: it comes back as a follower with its saved term and log.
      int leader1 = t.checkOneLeader();
      t.disconnect(leader1);
      t.start1(leader1);
      t.connect(leader1);
      t.one(13, servers, true);

      // The leader misses entry 4 while away, then restarts: the new leader must catch it up.
      int leader2 = t.checkOneLeader();
      t.disconnect(leader2);
      t.one(14, servers - 1, true);
      t.start1(leader2);
      t.connect(leader2);

      t.waitCommitted(4, servers); // all three hold entry 4 before the next server goes away

      // Same for a follower.
      int i3 = (t.checkOneLeader() + 1) % servers;
      t.disconnect(i3);
      t.one(15, servers - 1, true);
      t.start1(i3);
      t.connect(i3);
      t.one(16, servers, true);
    }
  }

  /** Every server crashes in every round (2025 semantics; 2024's kept two of five running). */
  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2C: committed entries survive rounds of crashes")
  void persist2() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      int index = 1;
      for (int round = 0; round < 5; round++) {
        t.one(10 + index++, servers, true);

        // Two servers crash; the other three commit an entry the two lack.
        int leader1 = t.checkOneLeader();
        t.crash1((leader1 + 1) % servers);
        t.crash1((leader1 + 2) % servers);
        t.one(10 + index++, servers - 2, true);

        // Those three crash too; the two stale ones restart, and then one of the three. Only it
        // holds the newest committed entry, so only it may win (§5.4.1); a restarted server that
        // lost its log or term would let a stale one lead.
        t.crash1((leader1 + 0) % servers);
        t.crash1((leader1 + 3) % servers);
        t.crash1((leader1 + 4) % servers);
        restart(t, (leader1 + 1) % servers);
        restart(t, (leader1 + 2) % servers);
        Env.sleep(ELECTION_TIMEOUT_MS);
        restart(t, (leader1 + 3) % servers);
        t.one(10 + index++, servers - 2, true);

        // The last two restart as well and catch up from what they saved.
        restart(t, (leader1 + 4) % servers);
        restart(t, (leader1 + 0) % servers);
      }
      t.one(1000, servers, true);
    }
  }

  private static void restart(RaftTester t, int i) {
    t.start1(i);
    t.connect(i);
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2C: a restarted server's saved log wins the election")
  void persist3() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, 3, true);

      // A follower is cut off and misses entry 102.
      int leader = t.checkOneLeader();
      t.disconnect((leader + 2) % servers);
      t.one(102, 2, true);

      // The two that hold 102 crash; the stale follower returns and the old leader restarts. With
      // two servers up, a leader needs both votes: the stale one must not win (§5.4.1), so the
      // restarted server has to have saved 102 in its log and lead.
      t.crash1((leader + 0) % servers);
      t.crash1((leader + 1) % servers);
      t.connect((leader + 2) % servers);
      t.start1((leader + 0) % servers);
      t.connect((leader + 0) % servers);
      t.one(103, 2, true);

      // The third restarts as well and catches up.
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
   * A candidate saves its new term and its vote for itself before any RequestVote leaves (Figure
   * 2: persistent state is updated on stable storage before responding to RPCs, and the requests
   * may reach voters before a crash). The tester cuts a server off, waits until it starts an
   * election, crashes it at once, restarts it and, as a rival candidate of that same term, asks
   * for its vote: it must refuse.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2C: a candidate saves its term and vote before asking")
  void candidateSavesVote() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      int x = Env.random().nextInt(servers);
      int term = t.cutOffUntilCandidate(x);
      t.start1(x); // crash right after, restart (still cut off)
      for (var e : t.askAsEveryRival(x, term).entrySet()) {
        RaftRpc.RequestVoteReply reply = e.getValue();
        if (reply.term() < term) {
          throw fail("server %d started an election in term %d, crashed, and answered with term %d after its "
              + "restart: save currentTerm (persist()) when it changes, before the first RequestVote goes out",
              x, term, reply.term());
        }
        if (reply.term() == term && reply.voteGranted()) {
          throw fail("server %d started an election in term %d, crashed right after, and on restart granted its "
              + "vote to candidate %d of that same term: save currentTerm and votedFor (persist()) before the "
              + "first RequestVote leaves; a voter may already have answered it when the crash comes", x, term,
              e.getKey());
        }
      }
    }
  }

  /**
   * Figure 8 of the paper, at random: every leader crashes soon after it accepts a command, so
   * many terms leave entries on a few servers only, and new leaders inherit uncommitted entries of
   * older terms. A leader that commits such an entry by counting replicas (§5.4.2 forbids it)
   * lets a later leader overwrite a committed entry; the appliers then see two commands at one
   * index.
   */
  @LabTest(realSeconds = 120)
  @Points(10)
  @DisplayName("2C: leaders crash right after start() (Figure 8)")
  void figure8() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      Random random = Env.random();
      t.one(random.nextInt(), 1, true);

      int nup = servers;
      for (int iter = 0; iter < 1000; iter++) {
        // Offer a command to every live server; whoever accepts is leader.
        int leader = -1;
        for (int i = 0; i < servers; i++) {
          if (t.isUp(i) && t.start(i, random.nextInt()).isLeader()) {
            leader = i;
          }
        }
        // Usually crash it within 12 ms (the entry reaches few servers), sometimes after it
        // had time to commit.
        sleepShortOrLong(random);
        if (leader != -1) {
          t.crash1(leader);
          nup--;
        }
        // Keep enough servers up that a majority can form again.
        if (nup < 3) {
          int s = random.nextInt(servers);
          if (!t.isUp(s)) {
            t.start1(s);
            t.connect(s);
            nup++;
          }
        }
      }

      // All up again: they must converge on one log and commit a last command.
      for (int i = 0; i < servers; i++) {
        if (!t.isUp(i)) {
          t.start1(i);
          t.connect(i);
        }
      }
      t.one(random.nextInt(), servers, true);
    }
  }

  /**
   * Many clients at once on a network that loses, delays and reorders RPCs: stale replies and
   * duplicate AppendEntries must not undo progress (a follower truncates only on a real conflict).
   */
  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2C: concurrent clients on a lossy network")
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

  /**
   * Many clients at once on a network that also duplicates requests and holds replies back for up
   * to 2.2 s: a leader sees answers to old AppendEntries after newer ones, and followers get some
   * requests twice. Progress must never be undone: matchIndex only moves forward, and a follower
   * truncates its log only on a real conflict, never on an old or repeated message.
   */
  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2C: concurrent clients on a network that duplicates and reorders")
  void reorderedAgreement() {
    int servers = 5;
    try (var t = cluster(servers, REORDERING)) {
      List<Async<Void>> clients = new ArrayList<>();
      for (int iter = 1; iter < 30; iter++) {
        for (int j = 0; j < 4; j++) {
          int command = 100 * iter + j;
          clients.add(Async.run("client-" + iter + "-" + j, () -> t.one(command, 1, true)));
        }
        t.one(iter, 1, true);
      }
      t.setLongReordering(false);
      t.setReliable(true);
      clients.forEach(Async::join);
      t.one(100, servers, true);
    }
  }

  /**
   * Figure 8 again, with partitions instead of crashes, on a lossy network; after 200 rounds some
   * RPCs are also held back for long, so old AppendEntries arrive after newer ones.
   */
  @LabTest(realSeconds = 120)
  @Points(10)
  @DisplayName("2C: Figure 8 with partitions on a lossy network")
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
        // Cut the leader off about half the time, leaving its last entries on a minority.
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
  @DisplayName("2C: churn: random crashes, restarts, partitions")
  void reliableChurn() {
    churn(RELIABLE);
  }

  @LabTest(realSeconds = 120)
  @Points(5)
  @DisplayName("2C: churn on a lossy network")
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
        // 0.7 election timeouts between changes: time for some progress, too little for the
        // cluster to be quiet again before the next fault.
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

      // Leader Completeness (§5.4): every command a client saw committed is in the final log.
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
        // the client does not know the leader: it offers x to every server
        StartResult r = t.start(i, x);
        if (r.isLeader()) {
          index = r.index();
        }
      }
      if (index == -1) {
        Env.sleep(79 + me * 17);
        continue;
      }
      // Under churn x may never commit, so look a few times (380 ms in all) and move on. The
      // first pause comes before the first look: in the simulation a commit can take no time at
      // all, and a client that never paused would submit commands without end at one instant.
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
