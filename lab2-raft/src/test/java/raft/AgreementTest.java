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
        if (termChanged(t, term)) {
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
   * by chance): a leader must not count replicas to commit an entry of an earlier term. An entry
   * x of term T reaches a majority only under a later leader; a server that holds an entry y of a
   * newer term at the same index can still win an election and overwrite x. A leader that
   * committed x by counting replicas has then applied a command that the cluster later replaces.
   */
  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: no commit of an earlier term's entry by counting replicas (Figure 8)")
  void figure8Scripted() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(1, servers, true);

      // x reaches the leader and one follower only
      int leader1 = t.checkOneLeader();
      int follower1 = (leader1 + 1) % servers;
      List<Integer> others = new ArrayList<>();
      for (int i = 2; i < servers; i++) {
        others.add((leader1 + i) % servers);
        t.disconnect((leader1 + i) % servers);
      }
      StartResult x = t.start(leader1, 2);
      if (!x.isLeader()) {
        throw fail("server %d, just found to be leader, refused start()", leader1);
      }
      Env.sleep(ELECTION_TIMEOUT_MS / 2);

      // the other three elect a leader, which takes y at the same index and is cut off at once
      t.disconnect(leader1);
      t.disconnect(follower1);
      others.forEach(t::connect);
      int leader2 = t.checkOneLeader();
      StartResult y = t.start(leader2, 3);
      t.disconnect(leader2);
      if (!y.isLeader() || y.index() != x.index()) {
        return; // y did not land where x is (rare timing): the scenario does not apply
      }

      // the holders of x come back with the two others, elect one of themselves (their logs are
      // more up-to-date) and spread x to a majority; it must not be committed
      t.connect(leader1);
      t.connect(follower1);
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // the holder of y comes back with the two others and wins (y's term is newer than x's):
      // y replaces x at that index
      t.disconnect(leader1);
      t.disconnect(follower1);
      t.connect(leader2);
      t.one(4, 3, true);
      if (!Integer.valueOf(3).equals(t.nCommitted(y.index()).command())) {
        throw fail("index %d holds %s, expected the newer entry 3", y.index(), t.nCommitted(y.index()).command());
      }

      // everyone agrees again
      t.connect(leader1);
      t.connect(follower1);
      t.one(5, servers, true);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: elections, commits and idle time need few RPCs")
  void count() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      int leader = t.checkOneLeader();
      long total1 = rpcs(t);
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
        total1 = rpcs(t);

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

        if (termChanged(t, term)) {
          continue; // an election happened meanwhile and its RPCs would count: try again
        }
        total2 = rpcs(t);
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
      long total3 = rpcs(t);
      if (total3 - total2 > 3 * 20) {
        throw fail("an idle second cost %d RPCs (at most 60 allowed): send at most ten heartbeats per second "
            + "to each follower", total3 - total2);
      }
    }
  }

  private static long rpcs(RaftTester t) {
    long n = 0;
    for (int j = 0; j < t.servers(); j++) {
      n += t.rpcCount(j);
    }
    return n;
  }

  private static boolean termChanged(RaftTester t, int term) {
    for (int j = 0; j < t.servers(); j++) {
      if (t.getState(j).term() != term) {
        return true;
      }
    }
    return false;
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
