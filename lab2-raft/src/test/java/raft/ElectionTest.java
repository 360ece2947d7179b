package raft;

import static raft.RaftTester.ELECTION_TIMEOUT_MS;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.Net.UNRELIABLE;
import static raft.RaftTester.fail;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import labs.cluster.Async;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.World;
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

      // Heartbeats must keep followers from timing out: with a working leader and no failure the
      // term stays put. In the simulation time is exact, so a change is a bug; on real threads a
      // stalled machine (a loaded CI runner, a long GC pause) can delay heartbeats past a correct
      // timeout, so there it is only a warning.
      Env.sleep(2L * ELECTION_TIMEOUT_MS);
      int term2 = t.checkTerms();
      if (term1 != term2) {
        String message = "the term moved from %d to %d in 2 s with a working leader and no failure at all. Likely "
            + "causes: (1) heartbeats sent less often than the followers' election timeout (send one at least "
            + "every 100 ms, and pick a timeout several times longer); (2) a follower that does not reset its "
            + "election timer on the leader's AppendEntries; (3) a leader that stops sending heartbeats";
        if (World.current().isSimulated()) {
          throw RaftTester.fail(message, term1, term2);
        }
        t.warn(message, term1, term2);
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

  /**
   * Elections on a network that loses and delays RPCs: vote requests and replies go missing, so a
   * candidate must keep asking, time out and try again in a new term, and never count a reply
   * twice or count a lost one. Five servers; the leader, and sometimes one more, drop out.
   */
  @LabTest(realSeconds = 90)
  @Points(5)
  @DisplayName("2A: elections go on when RPCs are lost and late")
  void unreliableElections() {
    int servers = 5;
    try (var t = cluster(servers, UNRELIABLE)) {
      for (int round = 0; round < 8; round++) {
        // Cut the leader off, and every other round one more server: a majority of 5 remains,
        // and must elect a leader although some of the vote requests and replies are lost.
        int leader = t.checkOneLeader();
        int other = (leader + 1 + Env.random().nextInt(servers - 1)) % servers;
        t.disconnect(leader);
        if (round % 2 == 1) {
          t.disconnect(other);
        }
        t.checkOneLeader();
        t.connect(leader);
        t.connect(other);
      }
      t.checkOneLeader();
    }
  }

  /**
   * A candidate has voted, for itself (Figure 2, Candidates: "vote for self"; RequestVote rule 2):
   * a server that starts an election must refuse every other candidate of that term, even one
   * with a longer log. The tester cuts a server off, waits until it starts an election, and then
   * plays a rival candidate of that same term, with each of the other ids in turn.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: a candidate has already voted, for itself")
  void candidateVotesForItself() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      int x = Env.random().nextInt(servers);
      int term = t.cutOffUntilCandidate(x);
      Map<Integer, RaftRpc.RequestVoteReply> replies = t.askAsEveryRival(x, term);
      for (int again = 0; !allInTerm(replies, term); again++) {
        // (real threads only) its next election began meanwhile: ask again in that term
        if (again == 10) {
          throw fail("server %d, cut off, answered RequestVotes of its own term with other terms (%s) ten times "
              + "in a row: a server that refuses a vote answers with its currentTerm, and only a newer term in "
              + "the request changes that", x, replies);
        }
        term = t.getState(x).term();
        replies = t.askAsEveryRival(x, term);
      }
      for (var e : replies.entrySet()) {
        if (e.getValue().voteGranted()) {
          throw fail("server %d started an election in term %d (cut off, nothing else raises its term) and then "
              + "granted its vote to candidate %d of the same term: a candidate votes for itself (votedFor = "
              + "its own id) when it starts an election, and a server votes at most once per term (Figure 2, "
              + "RequestVote rule 2)", x, term, e.getKey());
        }
      }
    }
  }

  private static boolean allInTerm(Map<Integer, RaftRpc.RequestVoteReply> replies, int term) {
    return replies.values().stream().allMatch(r -> r.term() == term);
  }

  /**
   * A vote counts only in the election it was cast in (Figure 2, Candidates: votes from a majority
   * of the current term). Servers 1 and 2 are the tester's stand-ins. Server 1 grants server 0's
   * first election its vote but holds the reply back until server 0 has moved on to a later term;
   * server 2 refuses everything. Nobody ever grants a vote in a later term, so server 0 must never
   * become leader: a candidate that counts the late reply would lead with one real vote of three.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: a late vote from an earlier election does not count")
  void lateVoteNotCounted() {
    try (var t = withStandIns(3, Set.of(1, 2))) {
      Channel<Boolean> release = new Channel<>();
      AtomicInteger firstTerm = new AtomicInteger(-1);
      t.standIn(1).onRequestVote(args -> {
        if (args.candidateId() == 0 && firstTerm.compareAndSet(-1, args.term())) {
          release.receive(); // hold the granted vote until the tester lets it go
          return new RaftRpc.RequestVoteReply(args.term(), true);
        }
        return new RaftRpc.RequestVoteReply(args.term(), false);
      });
      int first = t.awaitTermAbove(0, 0);
      int later = first; // its first election fails (one vote, its own, of three): it must try again
      for (int i = 0; i < 500 && later == first; i++) {
        Env.sleep(10);
        later = t.getState(0).term();
      }
      if (later == first) {
        throw fail("server 0 stayed in term %d for 5 s after its first election, which had only its own vote "
            + "while one vote request was still unanswered: a candidate must not wait for every reply; when its "
            + "election timer runs out it starts a new election", first);
      }
      release.send(true);
      for (int i = 0; i < 20; i++) {
        RaftApi.State s = t.getState(0);
        if (s.isLeader()) {
          throw fail("server 0 became leader in term %d, yet no server granted it a vote in that term: the only "
              + "vote it got was cast in term %d, and its reply came late, after server 0 had started a new "
              + "election in term %d. Count a granted vote only if the request's term is still the current one "
              + "and the server is still a candidate", s.term(), first, later);
        }
        Env.sleep(50);
      }
    }
  }

  /**
   * A refused vote does not reset the election timer (Figure 2, Followers: only an AppendEntries
   * from the current leader or a vote granted does). One server holds the newest committed entry,
   * so only it can win (§5.4.1); the tester, as a candidate whose log is behind, asks it for its
   * vote every 50 ms. It must refuse, and still time out, stand for election and win.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: refused vote requests do not hold off an election")
  void refusedVotesKeepTimer() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, true);
      int stale = (t.checkOneLeader() + 1) % servers;
      t.disconnect(stale);
      t.one(102, 2, true); // committed by the two still connected, not by stale
      int leader = t.checkOneLeader();
      int electable = 3 - leader - stale; // the third server, a follower holding 102
      t.disconnect(leader);
      t.connect(stale); // electable and stale: only electable's log is up-to-date enough to win

      AtomicBoolean stop = new AtomicBoolean();
      Async<Void> staleCandidate = Async.run("stale-candidate", () -> {
        while (!stop.get()) {
          int term = t.getState(electable).term(); // its current term: no new term to adopt, only a refusal
          t.requestVote(electable, new RaftRpc.RequestVoteArgs(term, leader, 0, 0));
          Env.sleep(50);
        }
      });
      boolean won = false;
      for (int i = 0; i < 10 && !won; i++) {
        Env.sleep(450 + Env.random().nextInt(100));
        won = t.getState(electable).isLeader();
      }
      stop.set(true);
      staleCandidate.join();
      if (!won) {
        throw fail("server %d, the only server whose log can win an election, did not become leader within 5 s "
            + "while a candidate with an older log asked it for its vote every 50 ms: refuse such votes without "
            + "resetting the election timer (reset it only on an AppendEntries from the current leader or when "
            + "granting a vote), or such candidates keep a cluster without a leader for ever", electable);
      }
      t.one(103, 2, true);
    }
  }

  /**
   * A leader that learns of a newer term becomes a follower (Figure 2, all servers: a term in a
   * request or a reply newer than currentTerm means set currentTerm and convert to follower).
   * First the tester, as a candidate of the next term, asks the leader for its vote; then, in a
   * cluster where the tester plays both followers, they answer the leader's AppendEntries with a
   * newer term. Either way the leader must stop claiming to lead in a term it did not win.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2A: a leader that sees a newer term steps down")
  void leaderStepsDown() {
    try (var t = cluster(3, RELIABLE)) {
      int leader = t.checkOneLeader();
      int term = t.getState(leader).term();
      t.requestVote(leader, new RaftRpc.RequestVoteArgs(term + 1, (leader + 1) % 3, 0, 0));
      RaftApi.State s = t.getState(leader);
      if (s.term() < term + 1) {
        throw fail("server %d, leader of term %d, got a RequestVote of term %d and stayed in term %d: a server "
            + "adopts any newer term it sees (Figure 2, all servers)", leader, term, term + 1, s.term());
      }
      if (s.isLeader() && s.term() == term + 1) {
        throw fail("server %d, leader of term %d, got a RequestVote of term %d, adopted that term and still claims "
            + "to lead: it won no election in term %d. Seeing a newer term, in a request or in a reply, makes a "
            + "leader or candidate a follower (Figure 2, all servers)", leader, term, term + 1, term + 1);
      }
    }
    try (var t = withStandIns(3, Set.of(1, 2))) {
      Set<Integer> granted = ConcurrentHashMap.newKeySet(); // the terms in which server 0 got votes
      AtomicBoolean newer = new AtomicBoolean();
      for (int i = 1; i <= 2; i++) {
        t.standIn(i).onRequestVote(args -> {
          granted.add(args.term());
          return new RaftRpc.RequestVoteReply(args.term(), true);
        });
        t.standIn(i).onAppendEntries(args -> newer.get()
            ? new RaftRpc.AppendEntriesReply(args.term() + 1, false, -1, 1)
            : new RaftRpc.AppendEntriesReply(args.term(), true, -1, -1));
      }
      int term = -1;
      for (int i = 0; i < 500 && term < 0; i++) {
        Env.sleep(10);
        RaftApi.State s = t.getState(0);
        term = s.isLeader() ? s.term() : -1;
      }
      if (term < 0) {
        throw fail("server 0 did not become leader within 5 s although both other servers grant every vote it "
            + "asks for");
      }
      newer.set(true); // from now on the followers answer with a newer term
      for (int i = 0; i < 100; i++) {
        Env.sleep(10);
        RaftApi.State s = t.getState(0);
        if (s.isLeader() && !granted.contains(s.term())) {
          throw fail("server 0 led term %d; its followers then answered its AppendEntries with term %d, and it "
              + "now claims to lead term %d, in which nobody voted for it. A reply with a newer term makes a "
              + "leader a follower (Figure 2, all servers)", term, term + 1, s.term());
        }
      }
    }
  }
}
