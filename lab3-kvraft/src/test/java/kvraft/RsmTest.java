package kvraft;

import static kvraft.KvRaftTester.NO_SNAPSHOTS;
import static kvraft.KvRaftTester.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import kvraft.CounterService.Dec;
import kvraft.CounterService.Inc;
import kvraft.CounterService.Null;
import kvraft.KvRaftTester.CounterReplica;
import labs.cluster.Async;
import labs.cluster.Split;
import labs.harness.LabTest;
import labs.harness.Points;
import labs.harness.StudentCode;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import rsm.SubmitResult;

/**
 * Part 3A: the replicated state machine. The test plays the service, a counter on your rsm over
 * three servers, and submits commands to the replicas directly.
 */
@StudentCode({"rsm", "kvraft", "raft"})
@Tag("3A")
class RsmTest {
  static final int SERVERS = 3;

  /** A submit the test made, and when it returned (virtual ms), if it did. */
  private record Submitted(Async<Optional<SubmitResult>> task, AtomicLong returnedAt) {}

  @LabTest
  @Points(5)
  @DisplayName("3A: each submit returns its result, and every replica applies it")
  void basic() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      for (int i = 1; i <= 10; i++) {
        // The i-th Inc is the i-th command in the log: the counter's value after it is i.
        long n = t.oneSubmit(new Inc());
        if (n != i) {
          throw fail("Inc number %d returned counter value %d, expected %d: submit must return what the service's "
              + "apply returned for this very command", i, n, i);
        }
        t.checkCounter(n, SERVERS);
      }
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3A: concurrent submits each get their own result")
  void concurrent() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      List<Async<Long>> incs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        incs.add(Async.start("inc-" + i, () -> t.oneSubmit(new Inc())));
      }
      // Each Inc is applied once, so the values returned are 1..50, each exactly once.
      TreeSet<Long> values = new TreeSet<>();
      incs.forEach(a -> values.add(a.join()));
      if (values.size() != 50 || values.first() != 1 || values.last() != 50) {
        throw fail("50 concurrent Incs returned the values %s; expected each of 1..50 once: does each submit get the "
            + "result of its own command, not of another one at a different index?", values);
      }
      t.checkCounter(50, SERVERS);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3A: commands commit after the leader is cut off, and it catches up")
  void leaderFailure() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      long n = t.oneSubmit(new Inc());
      t.checkCounter(n, SERVERS);
      int leader = t.awaitLeader();
      t.disconnect(leader);
      // The other two elect a leader and commit; the cut-off one must not block the submit for ever.
      n = t.oneSubmit(new Inc());
      t.checkCounter(n, SERVERS - 1);
      t.connect(leader);
      t.checkCounter(n, SERVERS);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3A: a leader in a minority applies nothing, and its submits return after the heal")
  void leaderPartition() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      long n = t.oneSubmit(new Inc());
      t.checkCounter(n, SERVERS);
      int leader = t.awaitLeader();
      Split split = t.group().splitAround(leader);
      t.partition(split.a(), split.b());

      // 100 Decs to the old leader, alone in its minority: Raft accepts them, but none can commit.
      long t0 = Env.nowMillis();
      List<Submitted> decs = submitConcurrently(t, leader, 100, Dec::new);
      Env.sleep(10);
      long n2 = t.oneSubmit(new Inc(), split.a()); // the majority commits meanwhile
      Env.sleep(Math.max(0, t0 + 1000 - Env.nowMillis()));
      for (Submitted d : decs) {
        if (d.returnedAt().get() >= 0 && d.returnedAt().get() < t0 + 1000) {
          throw fail("a Dec submitted to server %d, cut off in a minority, returned %s after %d ms: a submit must wait "
              + "for its command to be applied (or for leadership to be lost, or Rsm.SUBMIT_TIMEOUT_MS)", leader,
              d.task().join().map(String::valueOf).orElse("(server down)"), d.returnedAt().get() - t0);
        }
      }

      // Heal: the old leader meets the newer term; every waiting Dec must return soon.
      t.connectAll();
      long healed = Env.nowMillis();
      for (Submitted d : decs) {
        if (!d.task().awaitDone(Duration.ofMillis(Math.max(1, healed + 1000 - Env.nowMillis())))) {
          throw fail("a Dec submitted in the minority had not returned 1 s after the partition healed: when Raft's "
              + "term or leadership changes, a waiting submit must return WrongLeader");
        }
        if (d.task().join().orElse(null) instanceof SubmitResult.Applied a) {
          throw fail("a Dec submitted to a leader cut off in a minority returned %s: its entry can never commit "
              + "(the majority elected a new leader that overwrote it), so it must return WrongLeader", a);
        }
      }
      t.checkCounter(n2, SERVERS);
      checkNoDecApplied(t);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3A: a restarted group replays its log")
  void restartReplay() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      incsThenRestart(t);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3A: kill() ends every waiting submit")
  void shutdown() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      t.checkCounter(t.oneSubmit(new Null()), SERVERS);
      killWhileSubmitting(t);
    }
  }

  @LabTest
  @Points(5)
  @DisplayName("3A: submits after a restart are not confused with those before it")
  void restartSubmit() {
    try (var t = KvRaftTester.counters(SERVERS, NO_SNAPSHOTS)) {
      incsThenRestart(t);
      // Submits left waiting at a kill, then a restart: the log now holds commands the previous
      // lives submitted; a submit of the new life must answer only for its own.
      killWhileSubmitting(t);
      t.crashAndRestartAll();
      long n = t.oneSubmit(new Inc());
      if (n != 102) {
        throw fail("the first Inc after the second restart returned %d, expected 102 (Nulls change nothing)", n);
      }
      t.checkCounter(n, SERVERS);
    }
  }

  /**
   * 100 Incs, then every server crashes and restarts: the counters start from zero and Raft
   * re-applies the log, so the next Inc must return 101 on every replica.
   */
  private static void incsThenRestart(KvRaftTester<CounterReplica> t) {
    for (int i = 1; i <= 100; i++) {
      t.checkCounter(t.oneSubmit(new Inc()), SERVERS);
    }
    t.crashAndRestartAll();
    long n = t.oneSubmit(new Inc());
    if (n != 101) {
      throw fail("after 100 Incs and a restart of every server, the next Inc returned %d, expected 101: does the "
          + "applier apply every committed command again after a restart, in order?", n);
    }
    Env.sleep(1000);
    t.checkCounter(n, SERVERS);
  }

  /**
   * Cuts the leader off, submits 100 Nulls to it (they cannot commit, so they wait), calls kill()
   * on every server, and checks that every waiting submit returns within 1 s (well before
   * {@code Rsm.SUBMIT_TIMEOUT_MS}): a killed replica ends its applier and answers its waiters.
   */
  private static void killWhileSubmitting(KvRaftTester<CounterReplica> t) {
    int leader = t.awaitLeader();
    List<Integer> others = new ArrayList<>(t.allServers());
    others.remove(Integer.valueOf(leader));
    t.partition(List.of(leader), others);
    List<Submitted> nulls = submitConcurrently(t, leader, 100, Null::new);
    Env.sleep(20);
    long killed = Env.nowMillis();
    t.killAll();
    for (Submitted s : nulls) {
      if (!s.task().awaitDone(Duration.ofMillis(Math.max(1, killed + 1000 - Env.nowMillis())))) {
        throw fail("a submit waiting on server %d had not returned 1 s after kill(): kill() must end the applier "
            + "and make every waiting submit return WrongLeader at once (closing applyCh wakes the applier)", leader);
      }
      if (s.task().join().orElse(null) instanceof SubmitResult.Applied a) {
        throw fail("a Null submitted to server %d, cut off from the others, returned %s: nothing can commit "
            + "without a majority", leader, a);
      }
    }
    t.connectAll();
  }

  /** Submits {@code count} commands to {@code server}, each on a tester thread of its own. */
  private static List<Submitted> submitConcurrently(KvRaftTester<CounterReplica> t, int server, int count,
      Supplier<CounterService.Op> op) {
    List<Submitted> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AtomicLong at = new AtomicLong(-1);
      list.add(new Submitted(Async.start("submit-" + i, () -> {
        Optional<SubmitResult> r = t.submit(server, op.get());
        at.set(Env.nowMillis());
        return r;
      }), at));
    }
    return list;
  }

  private static void checkNoDecApplied(KvRaftTester<CounterReplica> t) {
    for (int i = 0; i < SERVERS; i++) {
      Optional<CounterService.Reading> r = t.counter(i);
      if (r.isPresent() && r.get().decs() > 0) {
        throw fail("server %d applied %d Dec commands, but every Dec was submitted to a leader cut off in a minority: "
            + "only committed commands may be applied", i, r.get().decs());
      }
    }
  }
}
