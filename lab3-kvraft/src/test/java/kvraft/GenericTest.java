package kvraft;

import static kvraft.KvRaftTester.ELECTION_TIMEOUT_MS;
import static kvraft.KvRaftTester.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import kvraft.KvRaftTester.Net;
import kvraft.KvRpc.GetReply;
import labs.cluster.Async;
import labs.cluster.Partitioner;
import labs.runtime.Env;

/**
 * The scenario most key/value tests share (MIT's generic test): for {@value #ITERATIONS} rounds,
 * clients put and get concurrently, possibly on a lossy network and under a partitioner; then the
 * network heals and, with crashes on, every server crashes and restarts. After each round the put
 * count and Raft's state size are checked; at the end, the linearizability of the whole history.
 *
 * <p>Each client repeats one "put at the version I last saw, then read back" step: a put answered
 * VERSION is retried at the version the read returned, until the put is answered OK or MAYBE.
 * With one key, clients contend for it; with random keys, each step picks one of {@value #KEYS}.
 */
final class GenericTest {
  /** Rounds of clients, faults and checks. */
  static final int ITERATIONS = 3;
  /** Keys in random-keys scenarios. */
  static final int KEYS = 100;
  /** How long clients run undisturbed in each round. */
  static final long CLIENTS_MS = 1000;
  /** In partition scenarios, how long clients then keep running under the partitioner. */
  static final long PARTITIONED_MS = 2000;
  /**
   * A client pauses between steps for a random time up to this. A reliable simulated RPC takes no
   * virtual time, so without a pause a client would run steps without end in no time at all.
   */
  static final long STEP_PAUSE_MS = 100;
  /** How long the clients may take to finish their last step once told to stop. */
  static final long STOP_BOUND_MS = 30_000;

  /**
   * What a generic test runs.
   *
   * @param clients concurrent clients
   * @param servers servers in the group
   * @param net reliable or lossy network
   * @param crash whether every server crashes and restarts after each round
   * @param partitions whether the partitioner splits the servers while clients run
   * @param maxRaftState the servers' snapshot threshold, {@link KvRaftTester#NO_SNAPSHOTS} for none
   * @param randomKeys whether clients pick among {@value #KEYS} keys (else all use "k")
   */
  record Scenario(int clients, int servers, Net net, boolean crash, boolean partitions, int maxRaftState,
      boolean randomKeys) {
    /** {@code clients} clients on {@code servers} reliable servers, one key, no faults, no snapshots. */
    static Scenario of(int clients, int servers) {
      return new Scenario(clients, servers, Net.RELIABLE, false, false, KvRaftTester.NO_SNAPSHOTS, false);
    }

    Scenario unreliable() {
      return new Scenario(clients, servers, Net.UNRELIABLE, crash, partitions, maxRaftState, randomKeys);
    }

    Scenario withCrashes() {
      return new Scenario(clients, servers, net, true, partitions, maxRaftState, randomKeys);
    }

    Scenario withPartitions() {
      return new Scenario(clients, servers, net, crash, true, maxRaftState, randomKeys);
    }

    Scenario withSnapshots(int bytes) {
      return new Scenario(clients, servers, net, crash, partitions, bytes, randomKeys);
    }

    Scenario withRandomKeys() {
      return new Scenario(clients, servers, net, crash, partitions, maxRaftState, true);
    }
  }

  /** What one client's steps came to. */
  record Counts(long ok, long maybe) {
    Counts plus(Counts o) {
      return new Counts(ok + o.ok, maybe + o.maybe);
    }
  }

  /** What a run saw, for the checks some tests add. */
  record Outcome(KvRaftTester<KvServer> tester, List<Long> partitionedFrom, List<Long> partitionedTo) {}

  private final Scenario scenario;
  private final String name;

  GenericTest(Scenario scenario, String name) {
    this.scenario = scenario;
    this.name = name;
  }

  /** Runs the scenario and its checks (the caller closes the tester it returns). */
  Outcome run() {
    KvRaftTester<KvServer> t = KvRaftTester.kv(scenario.servers(), scenario.net(), scenario.maxRaftState());
    TestClerk checker = t.makeClerk();
    List<String> keys = keys();
    Counts total = new Counts(0, 0);
    List<Long> from = new ArrayList<>();
    List<Long> to = new ArrayList<>();
    for (int round = 0; round < ITERATIONS; round++) {
      // Clients start against a service that answers (a leader is elected, restarted servers have
      // caught up), so their first operations do not all pile up, concurrent, behind an election.
      checker.get(keys.getFirst());
      AtomicBoolean done = new AtomicBoolean();
      List<Async<Counts>> clients = new ArrayList<>();
      for (int c = 0; c < scenario.clients(); c++) {
        TestClerk ck = t.makeClerk();
        clients.add(Async.start("client-" + ck.id(), () -> runClient(ck, keys, done)));
      }
      Env.sleep(CLIENTS_MS);
      Partitioner partitioner = null;
      if (scenario.partitions()) {
        from.add(Env.nowNanos());
        partitioner = Partitioner.start(t.group());
        Env.sleep(PARTITIONED_MS);
      }
      done.set(true);
      total = total.plus(awaitClients(t, clients));
      if (!scenario.randomKeys()) {
        try {
          checkPutCount(checker, total);
        } catch (AssertionError e) {
          t.checkLinearizable(name); // the history so far tells more, if it is not linearizable
          throw e;
        }
      }
      if (partitioner != null) {
        partitioner.stop();
        to.add(Env.nowNanos());
        t.connectAll();
        Env.sleep(ELECTION_TIMEOUT_MS); // a server in a minority learns of the newer term
      }
      if (scenario.crash()) {
        t.crashAndRestartAll();
      }
      t.checkSizes();
    }
    t.checkLinearizable(name);
    return new Outcome(t, from, to);
  }

  private List<String> keys() {
    if (!scenario.randomKeys()) {
      return List.of("k");
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add("k" + i);
    }
    return keys;
  }

  /**
   * One client: put at the version it last saw for the key, read the key back; retry on VERSION
   * with the version read, until a put is answered OK or MAYBE; then the next step, until done.
   */
  private static Counts runClient(TestClerk ck, List<String> keys, AtomicBoolean done) {
    Random random = Env.random();
    Map<String, Long> seen = new HashMap<>();
    long ok = 0;
    long maybe = 0;
    Env.sleep(random.nextLong(STEP_PAUSE_MS)); // clients do not start in step
    while (!done.get()) {
      String key = keys.get(random.nextInt(keys.size()));
      long version = seen.getOrDefault(key, 0L);
      while (true) {
        Err err = ck.put(key, "c" + ck.id() + "v" + version, version);
        GetReply read = ck.get(key);
        version = read.version();
        if (err == Err.OK) {
          ok++;
          break;
        }
        if (err == Err.MAYBE) {
          maybe++;
          break;
        }
        // VERSION (another client got there first) or NO_KEY: try again at the version read.
        // (A NO_KEY after having seen the key is a lost write: the linearizability check says so.)
      }
      seen.put(key, version);
      Env.sleep(random.nextLong(STEP_PAUSE_MS));
    }
    return new Counts(ok, maybe);
  }

  /** Waits for the clients to finish their last step; fails naming a stuck one. */
  private static Counts awaitClients(KvRaftTester<KvServer> t, List<Async<Counts>> clients) {
    return Async.joinAll(clients, Duration.ofMillis(STOP_BOUND_MS), () -> String.format("a client did not finish "
        + "its last operation within %d s of being told to stop: %s. Does the clerk try the next server after "
        + "WRONG_LEADER or no answer, and does the server answer once the command is applied (or give up after "
        + "Rsm.SUBMIT_TIMEOUT_MS)?", STOP_BOUND_MS / 1000, t.history().oldestPending()))
        .stream().reduce(new Counts(0, 0), Counts::plus);
  }

  /**
   * The version of "k" counts its successful puts: it is at least the puts answered OK, and at
   * most those plus the ones answered MAYBE; on a reliable network without faults, exactly OK.
   */
  private void checkPutCount(TestClerk checker, Counts total) {
    long version = checker.get("k").version();
    boolean exact = scenario.net() == Net.RELIABLE && !scenario.crash() && !scenario.partitions();
    if (version < total.ok() || version > total.ok() + total.maybe() || (exact && version != total.ok())) {
      throw fail("key \"k\" is at version %d after %d puts answered OK and %d answered MAYBE (expected %s): each "
          + "successful put adds exactly one to the version, once, on every replica", version, total.ok(),
          total.maybe(), exact ? "exactly " + total.ok() : "between " + total.ok() + " and "
          + (total.ok() + total.maybe()));
    }
  }
}
