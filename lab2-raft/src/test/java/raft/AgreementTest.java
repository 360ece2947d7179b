package raft;

import static raft.RaftTester.ELECTION_TIMEOUT_MS;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import labs.cluster.Async;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.runtime.Channel;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import raft.RaftApi.StartResult;

/** Part 2B: log replication. */
@Tag("2B")
class AgreementTest extends RaftTestBase {

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: three commands commit at indexes 1, 2 and 3")
  void basicAgreement() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      for (int index = 1; index <= 3; index++) {
        // Nothing may be applied before a client submits it: no invented or early entries.
        int nd = t.nCommitted(index).count();
        if (nd > 0) {
          throw fail("index %d is already applied on %d servers, but no command has been submitted for it yet",
              index, nd);
        }
        // The log starts at index 1 and each start() appends one entry; all three must apply it.
        int xindex = t.one(index * 100, servers, false);
        if (xindex != index) {
          throw fail("the command landed at index %d, expected %d: the first entry is at index 1 and each "
              + "start() adds one", xindex, index);
        }
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: each entry is sent about once per follower")
  void rpcBytes() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      // Ten 5000-byte commands: the bytes on the wire show whether a leader resends entries a
      // follower already holds (nextIndex must advance on success, Figure 2).
      t.one(99, servers, false);
      long bytes0 = t.bytesTotal();
      long sent = 0;
      for (int index = 2; index < 12; index++) {
        String command = randomString(5000);
        int xindex = t.one(command, servers, false);
        if (xindex != index) {
          throw fail("the command landed at index %d, expected %d", xindex, index);
        }
        sent += command.length();
      }
      long got = t.bytesTotal() - bytes0;
      long expected = servers * sent;
      if (got > expected + 50_000) {
        throw fail("the RPCs carried %d bytes for %d bytes of commands to %d servers (at most %d allowed): send "
            + "each entry to each follower about once; heartbeats carry only the entries a follower lacks", got,
            sent, servers, expected + 50_000);
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: commits go on with 2 of 3 servers, not with 1")
  void followerFailure() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, false);

      // One follower down: leader plus one follower are 2 of 3, a majority, so commits go on
      // (§5.3: an entry is committed once a majority stores it).
      int leader1 = t.checkOneLeader();
      t.disconnect((leader1 + 1) % servers);
      t.one(102, servers - 1, false);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(103, servers - 1, false);

      // Both followers down: the leader still accepts a command, at the next index...
      int leader2 = t.checkOneLeader();
      t.disconnect((leader2 + 1) % servers);
      t.disconnect((leader2 + 2) % servers);
      StartResult r = t.start(leader2, 104);
      if (!r.isLeader()) {
        throw fail("server %d, just found to be leader, refused start(); a leader that hears nothing from its "
            + "followers stays leader until it sees a higher term", leader2);
      }
      if (r.index() != 4) {
        throw fail("start() returned index %d, expected 4 (three commands were committed before it)", r.index());
      }
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // ...but one copy out of three is no majority: the entry must not commit.
      int n = t.nCommitted(r.index()).count();
      if (n > 0) {
        throw fail("%d servers applied index %d, which only the leader stored: count a majority of all "
            + "servers (the leader included) before committing", n, r.index());
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: a new leader commits after the old one drops")
  void leaderFailure() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, false);

      // The leader drops: the two followers elect one of themselves and keep committing.
      int leader1 = t.checkOneLeader();
      t.disconnect(leader1);
      t.one(102, servers - 1, false);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(103, servers - 1, false);

      // The second leader drops too: now every server is alone, old leaders included.
      int leader2 = t.checkOneLeader();
      t.disconnect(leader2);
      for (int i = 0; i < servers; i++) {
        t.start(i, 104);
      }
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // No server has a majority, so whatever each accepted at index 4 stays uncommitted.
      int n = t.nCommitted(4).count();
      if (n > 0) {
        throw fail("%d servers applied index 4 while every server was cut off from the others: an entry "
            + "commits only once a majority of all servers stores it", n);
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: a returning follower catches up")
  void failAgreement() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, false);

      // One follower is away while four entries commit without it.
      int leader = t.checkOneLeader();
      t.disconnect((leader + 1) % servers);
      t.one(102, servers - 1, false);
      t.one(103, servers - 1, false);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(104, servers - 1, false);
      t.one(105, servers - 1, false);

      // Back, it is four entries behind (and may come with a higher term from its own elections):
      // the leader walks nextIndex back until the logs match, then fills in the gap (§5.3).
      t.connect((leader + 1) % servers);
      t.one(106, servers, true);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(107, servers, true);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: a leader cut off with 2 of 5 commits nothing")
  void failNoAgreement() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(10, servers, false);

      // Leave the leader with a single follower: 2 of 5 is a minority.
      int leader = t.checkOneLeader();
      t.disconnect((leader + 1) % servers);
      t.disconnect((leader + 2) % servers);
      t.disconnect((leader + 3) % servers);

      StartResult r = t.start(leader, 20);
      if (!r.isLeader()) {
        throw fail("server %d, just found to be leader, refused start()", leader);
      }
      if (r.index() != 2) {
        throw fail("start() returned index %d, expected 2 (one command was committed before it)", r.index());
      }
      Env.sleep(2L * ELECTION_TIMEOUT_MS);
      int n = t.nCommitted(r.index()).count();
      if (n > 0) {
        throw fail("%d servers applied index %d, which at most 2 of 5 servers stored: count a majority of all "
            + "servers before committing", n, r.index());
      }

      // Heal the partition.
      t.connect((leader + 1) % servers);
      t.connect((leader + 2) % servers);
      t.connect((leader + 3) % servers);

      // The three that were cut off may have elected one of their own, whose log lacks entry 20;
      // that entry was never committed, so overwriting it is allowed (§5.3). The next command
      // goes to index 2 or 3.
      int leader2 = t.checkOneLeader();
      StartResult r2 = t.start(leader2, 30);
      if (!r2.isLeader()) {
        throw fail("server %d, just found to be leader, refused start()", leader2);
      }
      if (r2.index() < 2 || r2.index() > 3) {
        throw fail("start() returned index %d, expected 2 or 3 (index 2 holds an uncommitted entry or is free)",
            r2.index());
      }
      t.one(1000, servers, true);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: five concurrent start() calls all commit")
  void concurrentStarts() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      for (int attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) {
          Env.sleep(3000); // let a new election finish before the next try
        }
        // start() may be called from many threads at once; each call must get its own index.
        int leader = t.checkOneLeader();
        StartResult first = t.start(leader, 1);
        if (!first.isLeader()) {
          continue; // lost leadership between the check and the call: try again
        }
        int term = first.term();
        Channel<Integer> indexes = new Channel<>();
        List<Async<Void>> clients = new ArrayList<>();
        for (int ii = 0; ii < 5; ii++) {
          int command = 100 + ii;
          clients.add(Async.run("client-" + ii, () -> {
            StartResult r = t.start(leader, command);
            if (r.term() == term && r.isLeader()) {
              indexes.send(r.index());
            }
          }));
        }
        clients.forEach(Async::join);
        if (t.termChangedFrom(term)) {
          continue; // a new term began: the leader's entries may be overwritten, so nothing is owed
        }
        List<Object> commands = new ArrayList<>();
        boolean movedOn = false;
        for (Optional<Integer> index = indexes.poll(); index.isPresent(); index = indexes.poll()) {
          Optional<Object> command = t.waitCommitted(index.get(), servers, term);
          if (command.isEmpty()) {
            movedOn = true; // some server entered a later term while we waited: try again
            break;
          }
          commands.add(command.get());
        }
        if (movedOn) {
          continue;
        }
        for (int ii = 0; ii < 5; ii++) {
          if (!commands.contains(100 + ii)) {
            throw fail("command %d was accepted by the leader in term %d but never committed (committed: %s): are "
                + "concurrent start() calls appending under the lock?", 100 + ii, term, commands);
          }
        }
        return;
      }
      throw fail("five tries, and each time a new term began before the concurrent commands committed: on a "
          + "reliable network, elections should happen only when a leader fails");
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: a returning old leader's entries are replaced")
  void rejoin() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, true);

      // Cut the leader off and feed it three entries (indexes 2-4) that no one else will store.
      int leader1 = t.checkOneLeader();
      t.disconnect(leader1);
      t.start(leader1, 102);
      t.start(leader1, 103);
      t.start(leader1, 104);

      // The other two elect a leader and commit 103 at index 2, where the old leader holds 102.
      t.one(103, 2, true);

      // Swap: the new leader leaves, the old one returns. Its log is longer but its last term is
      // older, so §5.4.1 denies it the vote; the remaining server must win and overwrite the old
      // leader's conflicting entries (AppendEntries receiver rule 3).
      int leader2 = t.checkOneLeader();
      t.disconnect(leader2);
      t.connect(leader1);
      t.one(104, 2, true);

      // Everyone back: the second leader also catches up, and all three agree.
      t.connect(leader2);
      t.one(105, servers, true);
    }
  }

  @LabTest(realSeconds = 90)
  @Points(10)
  @DisplayName("2B: a leader repairs long divergent logs quickly")
  void backup() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(Env.random().nextInt(), servers, true);

      // The leader and one follower, a minority of 5, take 50 entries that can never commit.
      int leader1 = t.checkOneLeader();
      t.disconnect((leader1 + 2) % servers);
      t.disconnect((leader1 + 3) % servers);
      t.disconnect((leader1 + 4) % servers);
      for (int i = 0; i < 50; i++) {
        t.start(leader1, Env.random().nextInt());
      }
      Env.sleep(ELECTION_TIMEOUT_MS / 2);

      // Swap sides: the other three, a majority, elect a leader and commit 50 entries of their own.
      t.disconnect((leader1 + 0) % servers);
      t.disconnect((leader1 + 1) % servers);
      t.connect((leader1 + 2) % servers);
      t.connect((leader1 + 3) % servers);
      t.connect((leader1 + 4) % servers);
      for (int i = 0; i < 50; i++) {
        t.one(Env.random().nextInt(), 3, true);
      }

      // Cut one of those three off: the new leader, now with one follower, takes 50 more
      // entries that cannot commit.
      int leader2 = t.checkOneLeader();
      int other = (leader1 + 2) % servers;
      if (leader2 == other) {
        other = (leader2 + 1) % servers;
      }
      t.disconnect(other);
      for (int i = 0; i < 50; i++) {
        t.start(leader2, Env.random().nextInt());
      }
      Env.sleep(ELECTION_TIMEOUT_MS / 2);

      // The first pair returns with the server just cut off. Its log holds the committed entries,
      // so only it can win the vote (§5.4.1); as leader it must overwrite the pair's 50 stale ones.
      for (int i = 0; i < servers; i++) {
        t.disconnect(i);
      }
      t.connect((leader1 + 0) % servers);
      t.connect((leader1 + 1) % servers);
      t.connect(other);
      for (int i = 0; i < 50; i++) {
        t.one(Env.random().nextInt(), 3, true);
      }

      // All five together, again with 50 divergent entries to repair. Stepping nextIndex back one
      // entry per round trip is too slow here: skip a whole conflicting term per reply (§5.3).
      for (int i = 0; i < servers; i++) {
        t.connect(i);
      }
      t.one(Env.random().nextInt(), servers, true);
    }
  }

  /**
   * Figure 8 of the paper, scripted (not in MIT's suite, whose Figure 8 tests find this bug only
   * by chance): a leader must not commit an entry of an earlier term by counting its replicas
   * (§5.4.2). Entry x of an old term reaches a majority under a later leader, whose last entry is
   * of its own term but sits on a minority only; a server holding a newer entry y at x's index can
   * still win and replace x. A leader that committed x has then applied a command the cluster
   * later overwrites, and the appliers see two commands at one index. The situation is built until
   * it forms (at most five tries), never skipped.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: no commit of an earlier term's entry by counting replicas (Figure 8)")
  void figure8Scripted() {
    try (var t = cluster(5, RELIABLE)) {
      String notFormed = null;
      for (int attempt = 1; attempt <= 5; attempt++) {
        notFormed = figure8Attempt(t, 100 * attempt);
        if (notFormed == null) {
          return; // formed and played out; an unsafe commit would have failed the appliers' check
        }
      }
      throw fail("the Figure 8 situation did not form in 5 tries, so this test cannot check anything (last try: "
          + "%s)", notFormed);
    }
  }

  /** One try at Figure 8 with commands {@code base + 1...}; null if it formed, else why not. */
  private static String figure8Attempt(RaftTester t, int base) {
    int servers = t.servers();
    for (int i = 0; i < servers; i++) {
      t.connect(i);
    }
    t.one(base, servers, true); // all five agree on the log so far

    // (a) The leader L1 and one follower F1 take x; the other three are cut off.
    int l1 = t.checkOneLeader();
    int f1 = (l1 + 1) % servers;
    List<Integer> others = List.of((l1 + 2) % servers, (l1 + 3) % servers, (l1 + 4) % servers);
    others.forEach(t::disconnect);
    StartResult x = t.start(l1, base + 1);
    if (!x.isLeader()) {
      return "server " + l1 + " was no longer leader when the first entry was submitted";
    }
    Env.sleep(ELECTION_TIMEOUT_MS / 2); // x reaches F1

    // (b) The other three elect L2 (x's index is free in their logs). L2, cut off alone at
    // once, takes y at x's index, so y has a newer term than x but lives on L2 only.
    t.disconnect(l1);
    t.disconnect(f1);
    others.forEach(t::connect);
    int l2 = t.checkOneLeader();
    List<Integer> voters = others.stream().filter(o -> o != l2).toList();
    voters.forEach(t::disconnect);
    StartResult y = t.start(l2, base + 2);
    t.disconnect(l2); // (alone already; now also out of the next connect)
    if (!y.isLeader()) {
      return "server " + l2 + " was no longer leader when the second entry was submitted";
    }
    if (y.index() != x.index()) {
      return "the second leader put its entry at index " + y.index() + ", not at " + x.index() + " where the "
          + "first leader's uncommitted entry is. Does your leader add an entry of its own (a no-op) when it is "
          + "elected? This lab's tests expect start() to return the indexes 1, 2, 3, ... of the commands";
    }

    // (c) L1 and F1 return with one of L2's voters, a majority of 5. Their logs end with x, the
    // voter's does not, so one of them leads (§5.4.1) and copies x to the voter: x is now on a
    // majority, but x is of an older term, so it is not committed.
    int v = voters.get(0);
    t.connect(l1);
    t.connect(f1);
    t.connect(v);
    int l3 = t.checkOneLeader();
    if (l3 != l1 && l3 != f1) {
      return "server " + l3 + ", whose log lacked x, won the third election";
    }
    Env.sleep(ELECTION_TIMEOUT_MS / 2); // x reaches the voter
    // The leader takes z, of its own term, which only it and the other holder of x store: its last
    // entry is now of its current term, yet z is on 2 of 5 and x must still not be committed.
    t.disconnect(v);
    StartResult z = t.start(l3, base + 3);
    if (!z.isLeader()) {
      return "server " + l3 + " was no longer leader when the third entry was submitted";
    }
    Env.sleep(ELECTION_TIMEOUT_MS / 2);

    // (d) L2 returns with both voters. Its last entry, y, is newer than theirs (x, or nothing at
    // that index), so it wins and replaces x with y, committing it with the next command. Had any
    // server committed x, the appliers now see x and y at one index and fail the test.
    t.disconnect(l1);
    t.disconnect(f1);
    t.connect(l2);
    voters.forEach(t::connect);
    t.one(base + 4, 3, true);

    for (int i = 0; i < servers; i++) {
      t.connect(i);
    }
    t.one(base + 5, servers, true);
    return null;
  }

  /**
   * A follower commits only what the leader's message proves it holds (Figure 2, AppendEntries
   * rule 5: commitIndex = min(leaderCommit, index of the last new entry)). The tester plays two
   * leaders: the first, of term T, gives the follower entries 1-3 and commits none; the second,
   * of term T+1, has committed indexes 1-3 with entries 2 and 3 of its own, and sends a heartbeat
   * that matches the follower only up to index 1. The follower's entries 2 and 3 are a stale tail
   * that the message says nothing about: applying them would apply commands no leader committed.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: a follower commits only what the leader's message proved")
  void commitOnlyWhatMatches() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      int f = Env.random().nextInt(servers);
      var old = TesterLeader.ofCutOff(t, f);
      int term = old.term();
      old.appendOk(0, 0, old.entries(11, 12, 13), 0);

      var next = new TesterLeader(t, f, term + 1, (f + 2) % servers);
      next.appendOk(1, term, List.of(), 3); // proves index 1 only; the leader has committed 3
      next.idle(100);
      if (t.lastApplied(f) != 1) {
        throw fail("server %d applied up to index %d after a heartbeat of term %d with prevLogIndex 1 and no "
            + "entries: that message proves its log matches the leader's up to index 1 only, and its entries 2 "
            + "and 3, of an older term, may not be the leader's. Set commitIndex = min(leaderCommit, index of the "
            + "last new entry), the last entry the message carried or matched, not your log's last index "
            + "(Figure 2, AppendEntries rule 5)", f, t.lastApplied(f), term + 1);
      }
      next.appendOk(1, term, next.entries(22, 23), 3); // the leader's real entries 2 and 3
      next.awaitApplied(3);
      String rule = "a follower replaces entries that conflict with the leader's (AppendEntries rule 3)";
      next.checkApplied(2, 22, rule);
      next.checkApplied(3, 23, rule);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: elections, commits and idle time need few RPCs")
  void count() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      int leader = t.checkOneLeader();
      long total1 = t.rpcTotal();
      // One election among three servers costs a handful of RequestVotes and heartbeats.
      if (total1 > 30 || total1 < 1) {
        throw fail("electing the first leader took %d RPCs, outside 1 to 30: are candidates timing out together "
            + "again and again (timeouts not random), or RPCs resent in a loop?", total1);
      }

      long total2 = 0;
      boolean success = false;
      attempts:
      for (int attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) {
          Env.sleep(3000); // let a new election finish before the next try
        }
        // Twelve entries in one term: count the RPCs it takes to replicate them.
        leader = t.checkOneLeader();
        total1 = t.rpcTotal();

        int iters = 10;
        StartResult first = t.start(leader, 1);
        if (!first.isLeader()) {
          continue; // lost leadership between the check and the call: try again
        }
        int term = first.term();
        List<Integer> commands = new ArrayList<>();
        for (int i = 1; i < iters + 2; i++) {
          int x = Env.random().nextInt(Integer.MAX_VALUE);
          commands.add(x);
          StartResult r = t.start(leader, x);
          if (r.term() != term || !r.isLeader()) {
            continue attempts; // a new term began while submitting: try again
          }
          if (first.index() + i != r.index()) {
            throw fail("Start() returned index %d, expected %d", r.index(), first.index() + i);
          }
        }

        for (int i = 1; i < iters + 1; i++) {
          Optional<Object> command = t.waitCommitted(first.index() + i, servers, term);
          if (command.isEmpty()) {
            continue attempts; // a new term began while waiting: try again
          }
          if (!command.get().equals(commands.get(i - 1))) {
            throw fail("index %d holds %s, but the leader of term %d put %s there and no other leader has "
                + "been seen since", first.index() + i, command.get(), term, commands.get(i - 1));
          }
        }

        if (t.termChangedFrom(term)) {
          continue; // an election happened meanwhile and its RPCs would count: try again
        }
        total2 = t.rpcTotal();
        if (total2 - total1 > (iters + 1 + 3) * 3) {
          throw fail("%d entries took %d RPCs to replicate (at most %d allowed): send entries when start() is "
              + "called or with the next heartbeat, not both in a loop", iters + 2, total2 - total1,
              (iters + 1 + 3) * 3);
        }
        success = true;
        break;
      }
      if (!success) {
        throw fail("five tries, and each time a new term began before the entries committed: on a reliable "
            + "network, elections should happen only when a leader fails");
      }

      // An idle second: only heartbeats, at most ten a second to each follower.
      Env.sleep(ELECTION_TIMEOUT_MS);
      long total3 = t.rpcTotal();
      if (total3 - total2 > 3 * 20) {
        throw fail("an idle second cost %d RPCs (at most 60 allowed): send at most ten heartbeats per second "
            + "to each follower", total3 - total2);
      }
    }
  }

  /** A string of {@code n} random letters and digits, from the run's seed. */
  static String randomString(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(Env.random().nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
