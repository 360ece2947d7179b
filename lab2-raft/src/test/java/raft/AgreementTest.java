package raft;

import static raft.RaftTester.ELECTION_TIMEOUT_MS;
import static raft.RaftTester.Net.RELIABLE;
import static raft.RaftTester.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  @DisplayName("2B: basic agreement")
  void basicAgreement() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      for (int index = 1; index <= 3; index++) {
        int nd = t.nCommitted(index).count();
        if (nd > 0) {
          throw fail("%d servers committed index %d before Start()", nd, index);
        }
        int xindex = t.one(index * 100, servers, false);
        if (xindex != index) {
          throw fail("got index %d but expected %d", xindex, index);
        }
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: RPC byte count")
  void rpcBytes() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(99, servers, false);
      long bytes0 = t.bytesTotal();
      long sent = 0;
      for (int index = 2; index < 12; index++) {
        String command = randomString(5000);
        int xindex = t.one(command, servers, false);
        if (xindex != index) {
          throw fail("got index %d but expected %d", xindex, index);
        }
        sent += command.length();
      }
      long got = t.bytesTotal() - bytes0;
      long expected = servers * sent;
      if (got > expected + 50_000) {
        throw fail("too many RPC bytes: got %d, expected at most %d; send each entry to each follower about once "
            + "(heartbeats should carry only the entries a follower lacks)", got, expected + 50_000);
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: progressive failure of followers")
  void followerFailure() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, false);

      // disconnect one follower from the network
      int leader1 = t.checkOneLeader();
      t.disconnect((leader1 + 1) % servers);

      // the leader and remaining follower should be able to agree despite the disconnected follower
      t.one(102, servers - 1, false);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(103, servers - 1, false);

      // disconnect the remaining follower
      int leader2 = t.checkOneLeader();
      t.disconnect((leader2 + 1) % servers);
      t.disconnect((leader2 + 2) % servers);

      // submit a command
      StartResult r = t.start(leader2, 104);
      if (!r.isLeader()) {
        throw fail("leader %d rejected Start()", leader2);
      }
      if (r.index() != 4) {
        throw fail("expected index 4, got %d", r.index());
      }
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // check that the command was not committed
      int n = t.nCommitted(r.index()).count();
      if (n > 0) {
        throw fail("%d servers committed index %d but there was no majority", n, r.index());
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: failure of leaders")
  void leaderFailure() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, false);

      // disconnect the first leader
      int leader1 = t.checkOneLeader();
      t.disconnect(leader1);

      // the remaining followers should elect a new leader
      t.one(102, servers - 1, false);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(103, servers - 1, false);

      // disconnect the new leader
      int leader2 = t.checkOneLeader();
      t.disconnect(leader2);

      // submit a command to each server
      for (int i = 0; i < servers; i++) {
        t.start(i, 104);
      }
      Env.sleep(2L * ELECTION_TIMEOUT_MS);

      // check that the command was not committed
      int n = t.nCommitted(4).count();
      if (n > 0) {
        throw fail("%d servers committed index 4 but there was no majority", n);
      }
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: agreement after follower reconnects")
  void failAgreement() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, false);

      // disconnect one follower from the network
      int leader = t.checkOneLeader();
      t.disconnect((leader + 1) % servers);

      // the leader and remaining follower should be able to agree despite the disconnected follower
      t.one(102, servers - 1, false);
      t.one(103, servers - 1, false);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(104, servers - 1, false);
      t.one(105, servers - 1, false);

      // re-connect; the full set of servers should be able to agree
      t.connect((leader + 1) % servers);
      t.one(106, servers, true);
      Env.sleep(ELECTION_TIMEOUT_MS);
      t.one(107, servers, true);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: no agreement if too many followers disconnect")
  void failNoAgreement() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(10, servers, false);

      // 3 of 5 followers disconnect
      int leader = t.checkOneLeader();
      t.disconnect((leader + 1) % servers);
      t.disconnect((leader + 2) % servers);
      t.disconnect((leader + 3) % servers);

      StartResult r = t.start(leader, 20);
      if (!r.isLeader()) {
        throw fail("leader %d rejected Start()", leader);
      }
      if (r.index() != 2) {
        throw fail("expected index 2, got %d", r.index());
      }
      Env.sleep(2L * ELECTION_TIMEOUT_MS);
      int n = t.nCommitted(r.index()).count();
      if (n > 0) {
        throw fail("%d servers committed index %d but there was no majority", n, r.index());
      }

      // repair
      t.connect((leader + 1) % servers);
      t.connect((leader + 2) % servers);
      t.connect((leader + 3) % servers);

      // the disconnected majority may have chosen a leader from among their own ranks, forgetting
      // index 2
      int leader2 = t.checkOneLeader();
      StartResult r2 = t.start(leader2, 30);
      if (!r2.isLeader()) {
        throw fail("leader %d rejected Start()", leader2);
      }
      if (r2.index() < 2 || r2.index() > 3) {
        throw fail("unexpected index %d (expected 2 or 3)", r2.index());
      }
      t.one(1000, servers, true);
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: concurrent Start()s")
  void concurrentStarts() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      for (int attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) {
          Env.sleep(3000); // give the solution some time to settle
        }
        int leader = t.checkOneLeader();
        StartResult first = t.start(leader, 1);
        if (!first.isLeader()) {
          continue; // leader moved on really quickly
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
          continue; // a term changed: we can't expect the commands to commit
        }
        List<Object> commands = new ArrayList<>();
        boolean movedOn = false;
        for (Optional<Integer> index = indexes.poll(); index.isPresent(); index = indexes.poll()) {
          Optional<Object> command = t.waitCommitted(index.get(), servers, term);
          if (command.isEmpty()) {
            movedOn = true; // peers have moved on to later terms
            break;
          }
          commands.add(command.get());
        }
        if (movedOn) {
          continue;
        }
        for (int ii = 0; ii < 5; ii++) {
          if (!commands.contains(100 + ii)) {
            throw fail("command %d is missing from the committed commands %s", 100 + ii, commands);
          }
        }
        return;
      }
      throw fail("the term changed too often: five attempts to commit concurrent Start()s in one term failed");
    }
  }

  @LabTest(realSeconds = 60)
  @Points(5)
  @DisplayName("2B: rejoin of partitioned leader")
  void rejoin() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(101, servers, true);

      // leader network failure
      int leader1 = t.checkOneLeader();
      t.disconnect(leader1);

      // make the old leader try to agree on some entries
      t.start(leader1, 102);
      t.start(leader1, 103);
      t.start(leader1, 104);

      // new leader commits, also for index=2
      t.one(103, 2, true);

      // new leader network failure
      int leader2 = t.checkOneLeader();
      t.disconnect(leader2);

      // old leader connected again
      t.connect(leader1);
      t.one(104, 2, true);

      // all together now
      t.connect(leader2);
      t.one(105, servers, true);
    }
  }

  @LabTest(realSeconds = 90)
  @Points(10)
  @DisplayName("2B: leader backs up quickly over incorrect follower logs")
  void backup() {
    int servers = 5;
    try (var t = cluster(servers, RELIABLE)) {
      t.one(Env.random().nextInt(), servers, true);

      // put leader and one follower in a partition
      int leader1 = t.checkOneLeader();
      t.disconnect((leader1 + 2) % servers);
      t.disconnect((leader1 + 3) % servers);
      t.disconnect((leader1 + 4) % servers);

      // submit lots of commands that won't commit
      for (int i = 0; i < 50; i++) {
        t.start(leader1, Env.random().nextInt());
      }
      Env.sleep(ELECTION_TIMEOUT_MS / 2);

      t.disconnect((leader1 + 0) % servers);
      t.disconnect((leader1 + 1) % servers);

      // allow the other partition to recover
      t.connect((leader1 + 2) % servers);
      t.connect((leader1 + 3) % servers);
      t.connect((leader1 + 4) % servers);

      // lots of successful commands to the new group
      for (int i = 0; i < 50; i++) {
        t.one(Env.random().nextInt(), 3, true);
      }

      // now another partitioned leader and one follower
      int leader2 = t.checkOneLeader();
      int other = (leader1 + 2) % servers;
      if (leader2 == other) {
        other = (leader2 + 1) % servers;
      }
      t.disconnect(other);

      // lots more commands that won't commit
      for (int i = 0; i < 50; i++) {
        t.start(leader2, Env.random().nextInt());
      }
      Env.sleep(ELECTION_TIMEOUT_MS / 2);

      // bring the original leader back to life
      for (int i = 0; i < servers; i++) {
        t.disconnect(i);
      }
      t.connect((leader1 + 0) % servers);
      t.connect((leader1 + 1) % servers);
      t.connect(other);

      // lots of successful commands to the new group
      for (int i = 0; i < 50; i++) {
        t.one(Env.random().nextInt(), 3, true);
      }

      // now everyone
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
        throw fail("leader %d rejected Start()", leader1);
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
  @DisplayName("2B: RPC counts aren't too high")
  void count() {
    int servers = 3;
    try (var t = cluster(servers, RELIABLE)) {
      int leader = t.checkOneLeader();
      long total1 = rpcs(t);
      if (total1 > 30 || total1 < 1) {
        throw fail("too many or too few RPCs (%d) to elect the initial leader (expected 1 to 30)", total1);
      }

      long total2 = 0;
      boolean success = false;
      attempts:
      for (int attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) {
          Env.sleep(3000); // give the solution some time to settle
        }
        leader = t.checkOneLeader();
        total1 = rpcs(t);

        int iters = 10;
        StartResult first = t.start(leader, 1);
        if (!first.isLeader()) {
          continue; // leader moved on really quickly
        }
        int term = first.term();
        List<Integer> commands = new ArrayList<>();
        for (int i = 1; i < iters + 2; i++) {
          int x = Env.random().nextInt(Integer.MAX_VALUE);
          commands.add(x);
          StartResult r = t.start(leader, x);
          if (r.term() != term || !r.isLeader()) {
            continue attempts; // term changed while starting, or no longer leader
          }
          if (first.index() + i != r.index()) {
            throw fail("Start() returned index %d, expected %d", r.index(), first.index() + i);
          }
        }

        for (int i = 1; i < iters + 1; i++) {
          Optional<Object> command = t.waitCommitted(first.index() + i, servers, term);
          if (command.isEmpty()) {
            continue attempts; // term changed -- try again
          }
          if (!command.get().equals(commands.get(i - 1))) {
            throw fail("wrong value %s committed for index %d; expected %s", command.get(), first.index() + i,
                commands.get(i - 1));
          }
        }

        if (termChanged(t, term)) {
          continue; // term changed -- can't expect low RPC counts
        }
        total2 = rpcs(t);
        if (total2 - total1 > (iters + 1 + 3) * 3) {
          throw fail("too many RPCs (%d) for %d entries (expected at most %d): send entries when Start() is "
              + "called or with heartbeats, not both in a loop", total2 - total1, iters, (iters + 1 + 3) * 3);
        }
        success = true;
        break;
      }
      if (!success) {
        throw fail("the term changed too often: five attempts to commit 10 entries in one term failed");
      }

      Env.sleep(ELECTION_TIMEOUT_MS);
      long total3 = rpcs(t);
      if (total3 - total2 > 3 * 20) {
        throw fail("too many RPCs (%d) for 1 second of idleness (expected at most 60): send at most ten "
            + "heartbeats per second", total3 - total2);
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
