package shardctrler;

import static shardctrler.ConfigChecks.checkBalanced;
import static shardctrler.ConfigChecks.checkMinimal;
import static shardctrler.ConfigChecks.checkMovesOnlyFrom;
import static shardctrler.ConfigChecks.checkMovesOnlyTo;
import static shardctrler.ConfigChecks.fail;
import static shardctrler.TestCtrlerClerk.serversOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labs.cluster.Async;
import labs.cluster.Cluster;
import labs.cluster.Split;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import labs.net.NetworkConfig;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * Part 4A: the shard controller on three servers, on a reliable network (MIT's controller tests,
 * with real minimal-transfer checks, and one test of a leader cut off in a minority). Every
 * configuration a test is given is checked against the others (a configuration never changes);
 * the sequence tests also check each join and leave moved no more shards than it had to.
 */
@StudentCode({"shardctrler", "shardkv", "rsm", "kvraft", "raft"})
@Tag("4A")
class CtrlerTest {
  /** Clerks in the concurrent tests, as in MIT's. */
  static final int CLERKS = 10;

  /** A fresh controller of three servers on a cluster of its own. */
  private static CtrlerService controller() {
    return CtrlerService.start(new Cluster(NetworkConfig.DEFAULT), "ctrler", CtrlerService.SERVERS);
  }

  /** gid → the made-up server names of each of {@code gids}. */
  static Map<Integer, List<String>> groups(List<Integer> gids) {
    Map<Integer, List<String>> m = new TreeMap<>();
    gids.forEach(g -> m.put(g, serversOf(g)));
    return m;
  }

  /** Queries the latest configuration and checks it has exactly {@code gids}, balanced. */
  private static Config checkLatest(TestCtrlerClerk ck, List<Integer> gids, String when) {
    Config c = ck.query(-1);
    checkBalanced(c, groups(gids), when);
    return c;
  }

  /**
   * Every configuration from 1 to the latest, each balanced over its own groups, and each join or
   * leave step (the groups changed) no larger than it had to be.
   */
  private static void checkEveryStep(TestCtrlerClerk ck) {
    Config latest = ck.query(-1);
    Config before = ck.query(0);
    for (int n = 1; n <= latest.num(); n++) {
      Config c = ck.query(n);
      checkBalanced(c, c.groups(), "in the sequence of configurations");
      checkMinimal(before, c, "the change from configuration " + before.num() + " to " + n);
      before = c;
    }
  }

  /** The ten gids of the concurrent tests (MIT's 100, 110, ..., 190). */
  private static List<Integer> tenGids() {
    List<Integer> gids = new ArrayList<>();
    for (int i = 0; i < CLERKS; i++) {
      gids.add(100 + 10 * i);
    }
    return gids;
  }

  /** The five extra gids of the minimal-transfer tests (MIT's 11..15). */
  private static List<Integer> fiveGids() {
    return List.of(11, 12, 13, 14, 15);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: basic join and leave")
  void basicLeaveJoin() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    Config c0 = checkLatest(ck, List.of(), "before any join");
    if (c0.num() != 0) {
      throw fail("the first query returned configuration %d; before any join the latest is configuration 0", c0.num());
    }
    ck.join(List.of(1));
    checkLatest(ck, List.of(1), "after join(1)");
    ck.join(List.of(2));
    Config c2 = checkLatest(ck, List.of(1, 2), "after join(1), join(2)");
    ck.leave(List.of(1));
    Config c3 = checkLatest(ck, List.of(2), "after leave(1)");
    checkMovesOnlyFrom(c2, c3, List.of(1), "leave(1)");
    ck.leave(List.of(2));
    Config c4 = checkLatest(ck, List.of(), "after every group left");
    if (c4.num() != 4) {
      throw fail("after two joins and two leaves the latest configuration is %d, expected 4: each join or leave makes "
          + "exactly one new configuration", c4.num());
    }
    checkEveryStep(ck);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: historical queries, with each server down in turn")
  void historicalQueries() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    List<Config> history = new ArrayList<>();
    history.add(ck.query(-1));
    for (List<Integer> gids : List.of(List.of(1), List.of(2), List.of(3))) {
      ck.join(gids);
      history.add(ck.query(-1));
    }
    ck.leave(List.of(1));
    history.add(ck.query(-1));
    // Old configurations never change, whichever server answers: a query for an old number must
    // return exactly what it returned before (the clerk's log checks every answer).
    for (int down = 0; down < CtrlerService.SERVERS; down++) {
      ctrler.crash(down);
      for (Config old : history) {
        Config again = ck.query(old.num());
        if (!again.equals(old)) {
          throw fail("with server %d down, query(%d) returned %s, but it returned %s before", down, old.num(), again,
              old);
        }
      }
      ctrler.restart(down);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: move")
  void move() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    int gid3 = 503;
    int gid4 = 504;
    ck.join(List.of(gid3));
    ck.join(List.of(gid4));
    for (int s = 0; s < Config.NSHARDS; s++) {
      int to = s < Config.NSHARDS / 2 ? gid3 : gid4;
      Config before = ck.query(-1);
      ck.move(s, to);
      Config after = ck.query(-1);
      if (before.gidOf(s) != to && after.num() <= before.num()) {
        throw fail("move(%d, %d) of a shard on group %d left the latest configuration at %d: a move that changes the "
            + "assignment makes a new configuration", s, to, before.gidOf(s), before.num());
      }
      if (after.gidOf(s) != to) {
        throw fail("after move(%d, %d), configuration %d gives shard %d to group %d", s, to, after.num(), s,
            after.gidOf(s));
      }
    }
    Config last = ck.query(-1);
    for (int s = 0; s < Config.NSHARDS; s++) {
      int want = s < Config.NSHARDS / 2 ? gid3 : gid4;
      if (last.gidOf(s) != want) {
        throw fail("after moving shards 0-4 to %d and 5-9 to %d, configuration %d has shards %s: a later move must not "
            + "undo an earlier one", gid3, gid4, last.num(), last.shards());
      }
    }
    ck.leave(List.of(gid3));
    checkLatest(ck, List.of(gid4), "after leave(" + gid3 + ")");
  }

  /** MIT's concurrent leave/join: each clerk joins gid + 1000, joins gid, leaves gid + 1000. */
  private static void concurrentLeaveJoin(CtrlerService ctrler, boolean multi) {
    List<Async<Void>> clerks = new ArrayList<>();
    for (int gid : tenGids()) {
      TestCtrlerClerk ck = ctrler.makeClerk();
      clerks.add(Async.run("clerk-" + gid, () -> {
        if (multi) {
          ck.join(List.of(gid, gid + 1000, gid + 2000));
          ck.leave(List.of(gid + 1000, gid + 2000));
        } else {
          ck.join(Map.of(gid + 1000, serversOf(gid + 1000)));
          ck.join(Map.of(gid, serversOf(gid)));
          ck.leave(List.of(gid + 1000));
        }
      }));
    }
    clerks.forEach(Async::join);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: concurrent joins and leaves")
  void concurrentLeaveJoin() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    concurrentLeaveJoin(ctrler, false);
    checkLatest(ck, tenGids(), "after " + CLERKS + " clerks each joined two groups and left one");
    checkEveryStep(ck);
  }

  /**
   * Joins the five extra groups (one call each, or one call for all), checks that no shard of the
   * ten original groups moved, and returns the configuration before the joins.
   */
  private static Config joinFiveMore(TestCtrlerClerk ck, boolean multi) {
    Config c1 = checkLatest(ck, tenGids(), "with the ten groups");
    if (multi) {
      ck.join(fiveGids());
    } else {
      fiveGids().forEach(g -> ck.join(List.of(g)));
    }
    List<Integer> all = new ArrayList<>(tenGids());
    all.addAll(fiveGids());
    Config c2 = checkLatest(ck, all, "after the joins of " + fiveGids());
    // The real groups (MIT's test looks at gids 1-10, which these tests never use): a shard that
    // one of the ten groups holds now was that group's before the joins.
    for (int gid : tenGids()) {
      for (int s : c2.shardsOf(gid)) {
        if (c1.gidOf(s) != gid) {
          throw fail("the joins of %s moved shard %d from group %d to group %d, which was there before (configuration "
              + "%d %s -> %d %s): joins move shards only to the new groups, and only as many as balance needs", fiveGids(),
              s, c1.gidOf(s), gid, c1.num(), c1.shards(), c2.num(), c2.shards());
        }
      }
    }
    checkEveryStep(ck);
    return c1;
  }

  /** Then leaves the five again and checks the ten original groups kept what they held. */
  private static void leaveFiveAgain(TestCtrlerClerk ck, boolean multi) {
    Config c2 = ck.query(-1);
    if (multi) {
      ck.leave(fiveGids());
    } else {
      fiveGids().forEach(g -> ck.leave(List.of(g)));
    }
    Config c3 = checkLatest(ck, tenGids(), "after the leaves of " + fiveGids());
    for (int gid : tenGids()) {
      for (int s : c2.shardsOf(gid)) {
        if (c3.gidOf(s) != gid) {
          throw fail("the leaves of %s took shard %d from group %d, which stayed (configuration %d %s -> %d %s): "
              + "leaves move only the shards of the groups that left", fiveGids(), s, gid, c2.num(), c2.shards(),
              c3.num(), c3.shards());
        }
      }
    }
    checkEveryStep(ck);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: minimal transfers after joins")
  void minimalTransferAfterJoins() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    tenGids().forEach(g -> ck.join(List.of(g)));
    joinFiveMore(ck, false);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: minimal transfers after leaves")
  void minimalTransferAfterLeaves() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    tenGids().forEach(g -> ck.join(List.of(g)));
    joinFiveMore(ck, false);
    leaveFiveAgain(ck, false);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: minimal transfers with three groups")
  void minimalAgain() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    ck.join(List.of(1));
    ck.join(List.of(2));
    Config c1 = checkLatest(ck, List.of(1, 2), "after join(1), join(2)");
    ck.join(List.of(3));
    Config c2 = checkLatest(ck, List.of(1, 2, 3), "after join(3)");
    checkMovesOnlyTo(c1, c2, List.of(3), "join(3)");
    int joinMoves = ConfigChecks.moves(c1.shards(), c2.shards());
    if (joinMoves > Config.NSHARDS / 3 + 1) {
      throw fail("join(3) moved %d shards, more than %d (%s -> %s)", joinMoves, Config.NSHARDS / 3 + 1, c1.shards(),
          c2.shards());
    }
    checkMinimal(c1, c2, "join(3)");
    ck.leave(List.of(1));
    Config c3 = checkLatest(ck, List.of(2, 3), "after leave(1)");
    checkMovesOnlyFrom(c2, c3, List.of(1), "leave(1)");
    int leaveMoves = ConfigChecks.moves(c2.shards(), c3.shards());
    if (leaveMoves > Config.NSHARDS / 3 + 1) {
      throw fail("leave(1) moved %d shards, more than %d (%s -> %s)", leaveMoves, Config.NSHARDS / 3 + 1, c2.shards(),
          c3.shards());
    }
    checkMinimal(c2, c3, "leave(1)");
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: joins and leaves of several groups at once")
  void multiLeaveJoin() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    checkLatest(ck, List.of(), "before any join");
    ck.join(List.of(1, 2));
    Config c1 = checkLatest(ck, List.of(1, 2), "after join(1, 2)");
    if (c1.num() != 1) {
      throw fail("join(1, 2) made configuration %d, expected 1: a join of several groups makes one configuration",
          c1.num());
    }
    ck.join(List.of(3));
    checkLatest(ck, List.of(1, 2, 3), "after join(3)");
    ck.leave(List.of(1, 3));
    Config c3 = checkLatest(ck, List.of(2), "after leave(1, 3)");
    if (c3.num() != 3) {
      throw fail("leave(1, 3) made configuration %d, expected 3: a leave of several groups makes one configuration",
          c3.num());
    }
    ck.leave(List.of(2));
    checkLatest(ck, List.of(), "after every group left");
    checkEveryStep(ck);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: concurrent joins and leaves of several groups at once")
  void multiConcurrentLeaveJoin() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    concurrentLeaveJoin(ctrler, true);
    checkLatest(ck, tenGids(), "after " + CLERKS + " clerks each joined three groups at once and left two");
    checkEveryStep(ck);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: minimal transfers after a join of several groups")
  void multiMinimalTransferAfterJoins() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    ck.join(tenGids());
    joinFiveMore(ck, true);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: minimal transfers after a leave of several groups")
  void multiMinimalTransferAfterLeaves() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    ck.join(tenGids());
    joinFiveMore(ck, true);
    leaveFiveAgain(ck, true);
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: a new leader has the same configurations")
  void agreeConfig() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    ck.join(List.of(1, 2, 3));
    ck.leave(List.of(2));
    ck.join(List.of(4));
    ck.move(0, 4);
    Config c1 = ck.query(-1);
    int leader = ctrler.awaitLeader();
    ctrler.crash(leader);
    ctrler.awaitLeader();
    Config c2 = ck.query(-1);
    if (!c2.equals(c1)) {
      throw fail("with leader %d down, the latest configuration is %s, but it was %s before: a new leader must have "
          + "made the same configurations", leader, c2, c1);
    }
    for (int n = 0; n <= c1.num(); n++) {
      ck.query(n); // each answer is checked against the one the old leader gave
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("4A: a leader cut off in a minority answers no query")
  void noStaleQueries() {
    CtrlerService ctrler = controller();
    TestCtrlerClerk ck = ctrler.makeClerk();
    ck.join(List.of(1));
    ck.query(-1);
    // The leader alone on one side: the other two elect a new leader, which takes a join.
    Split split = ctrler.group().splitAround(ctrler.awaitLeader());
    ctrler.group().partition(split);
    TestCtrlerClerk majority = ctrler.makeClerk();
    majority.client().connectOnly(ctrler.group(), split.a());
    TestCtrlerClerk minority = ctrler.makeClerk();
    minority.client().connectOnly(ctrler.group(), split.b());
    majority.join(List.of(2));
    Config latest = checkLatest(majority, List.of(1, 2), "after join(2) in the majority");
    // The old leader cannot commit the query, so it must not answer it: an answer from its own
    // list would be configuration 1, older than the latest (the clerk's log checks that too).
    Async<Config> query = Async.start("minority-query", () -> minority.query(-1));
    Env.sleep(1000);
    if (query.isDone()) {
      throw fail("query(-1) completed within 1 s at the servers %s, a minority that cannot commit anything, with "
          + "configuration %d: answer a query only once Raft has committed it", split.b(), query.join().num());
    }
    ctrler.group().connectAll();
    minority.client().connectAll(); // the waiting query may now reach the new leader
    Config after = query.join();
    if (after.num() < latest.num()) {
      throw fail("after the heal, query(-1) returned configuration %d, older than %d", after.num(), latest.num());
    }
  }
}
