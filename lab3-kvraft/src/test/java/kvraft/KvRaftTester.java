package kvraft;

import static labs.checker.models.VersionedKvModel.brief;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import kvraft.KvRpc.GetReply;
import labs.checker.Operation;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Reply;
import labs.cluster.Client;
import labs.cluster.Cluster;
import labs.cluster.HistoryRecorder;
import labs.cluster.Linearizability;
import labs.cluster.ServerContext;
import labs.cluster.ServerGroup;
import labs.harness.RunStats;
import labs.net.NetworkConfig;
import labs.runtime.Env;
import labs.runtime.World;
import raft.RaftApi;
import raft.RaftRpc;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.SubmitResult;

/**
 * The one tester of lab 3: a group of servers, each life a service on an {@link Rsm} on Raft, in
 * a {@link Cluster} of the framework (which owns the network, the persisters, crashes and links),
 * plus what is lab 3's own: clerks whose every call is recorded for the linearizability check,
 * leaders found through each server's Raft, and the size checks of snapshots. Test classes only
 * script scenarios with it; {@link GenericTest} is the scenario most key/value tests share.
 *
 * <p>Two kinds of server: the key/value server of parts 3B and 3C ({@link #kv}), and, for the rsm
 * tests of part 3A, the test's own {@link CounterService} on your rsm ({@link #counters}).
 *
 * <p>Server {@code i} answers as {@code "server-i"}; every call into a server goes through its
 * node, so a tester thread never waits on a lock held by a crashed server.
 *
 * @param <S> what one life of a server is: a {@link KvServer} or a {@link CounterReplica}
 */
final class KvRaftTester<S> implements AutoCloseable {
  /** A generous bound for one election, used for pauses (as MIT's tests do). */
  static final int ELECTION_TIMEOUT_MS = 1000;
  /** maxRaftState for tests without snapshots. */
  static final int NO_SNAPSHOTS = -1;

  /** Whether the network loses, delays and reorders messages. */
  enum Net { RELIABLE, UNRELIABLE }

  /** One life of a part-3A server: your rsm, and the test's counter it replicates. */
  record CounterReplica(Rsm rsm, CounterService counter) {}

  private final World world = World.current();
  private final Cluster cluster;
  private final ServerGroup<S> group;
  private final Function<S, Rsm> rsmOf;
  private final int maxRaftState;
  private final HistoryRecorder<Input, Reply> history = new HistoryRecorder<>();

  private KvRaftTester(int servers, Net net, int maxRaftState, Function<ServerContext, S> make, Function<S, Rsm> rsmOf) {
    this.rsmOf = rsmOf;
    this.maxRaftState = maxRaftState;
    // Short delays to unreachable servers (0-100 ms), as MIT's key/value tests have: a clerk must be
    // able to try each server in quick succession.
    this.cluster = new Cluster(NetworkConfig.DEFAULT.withReliable(net == Net.RELIABLE));
    this.group = cluster.startGroup("server", servers, ctx -> {
      S server = make.apply(ctx);
      Rsm rsm = rsmOf.apply(server);
      RaftRpc.addTo(ctx.server(), rsm.raft());
      ctx.onKill(rsm::kill);
      return server;
    });
  }

  /** Key/value servers (parts 3B, 3C), all started and connected. */
  static KvRaftTester<KvServer> kv(int servers, Net net, int maxRaftState) {
    return new KvRaftTester<>(servers, net, maxRaftState, ctx -> {
      KvServer kv = new KvServer(ctx.peers(), ctx.me(), ctx.persister(), maxRaftState, RaftFactory.LAB2);
      KvRpc.addTo(ctx.server(), kv);
      return kv;
    }, KvServer::rsm);
  }

  /** Counters on your rsm (part 3A), on a reliable network, all started and connected. */
  static KvRaftTester<CounterReplica> counters(int servers, int maxRaftState) {
    return new KvRaftTester<>(servers, Net.RELIABLE, maxRaftState, ctx -> {
      CounterService counter = new CounterService();
      Rsm rsm = new Rsm(ctx.peers(), ctx.me(), ctx.persister(), maxRaftState, counter, RaftFactory.LAB2);
      return new CounterReplica(rsm, counter);
    }, CounterReplica::rsm);
  }

  int servers() {
    return group.size();
  }

  int maxRaftState() {
    return maxRaftState;
  }

  ServerGroup<S> group() {
    return group;
  }

  Cluster cluster() {
    return cluster;
  }

  // ------------------------------------------------------------------ clerks

  /** A clerk on a new client that reaches every server. */
  TestClerk makeClerk() {
    Client client = cluster.newClient();
    return new TestClerk(client, new Clerk(client.ends(group)), history);
  }

  /** A clerk on a new client that reaches only {@code servers} (it still knows them all). */
  TestClerk makeClerkTo(List<Integer> servers) {
    TestClerk clerk = makeClerk();
    clerk.client().connectOnly(group, servers);
    return clerk;
  }

  /** Every clerk call recorded so far (operations still running are pending). */
  HistoryRecorder<Input, Reply> history() {
    return history;
  }

  /**
   * Checks the whole history of clerk calls against the versioned key/value model, key by key,
   * within the checker's step budget; on failure writes the viewer page (with this run's
   * partitions, crashes and restarts as bands) and fails naming the key and the page.
   */
  void checkLinearizable(String name) {
    Linearizability.assertLinearizable(VersionedKvModel.INSTANCE, history.operations(), cluster.faults().bands(),
        name);
  }

  /**
   * Puts {@code value} at {@code key} until it is installed, starting at {@code version} (one
   * writer per key); returns the key's version after it. A VERSION or an uninstalled MAYBE is
   * retried at the version a read returns.
   */
  long putAtLeastOnce(TestClerk ck, String key, String value, long version) {
    long v = version;
    while (true) {
      Err err = ck.put(key, value, v);
      if (err == Err.OK) {
        return v + 1;
      }
      GetReply read = ck.get(key);
      if (err == Err.NO_KEY && v > 0) {
        throw fail("put(\"%s\", \"%s\", %d) answered NO_KEY, but the key had been seen at version %d: NO_KEY is "
            + "only for a key that does not exist (a write was lost?)", key, brief(value), v, v);
      }
      if (err == Err.MAYBE && read.err() == Err.OK && read.version() == v + 1 && read.value().equals(value)) {
        return v + 1; // an earlier copy of this put was installed
      }
      v = read.version();
    }
  }

  /** Reads {@code key}; fails unless it holds {@code value} at {@code version}. */
  void checkGet(TestClerk ck, String key, String value, long version) {
    GetReply r = ck.get(key);
    if (r.err() != Err.OK || !r.value().equals(value) || r.version() != version) {
      throw fail("get(\"%s\") returned %s, expected value \"%s\" at version %d", key, r, brief(value),
          version);
    }
  }

  /**
   * Fails unless every put answered OK is still visible to a new clerk: for each key, the newest
   * put acknowledged OK (at version v) left the key at version v + 1 or later, and with exactly
   * its value if no later put succeeded. Run after every server crashed and restarted, this is the
   * durability promise on its own, apart from the linearizability check.
   */
  void checkAcknowledgedWrites() {
    Map<String, VersionedKvModel.Put> newest = new TreeMap<>();
    for (Operation<Input, Reply> op : history.operations()) {
      if (op.input() instanceof VersionedKvModel.Put p && op.output() != null
          && op.output().err() == VersionedKvModel.Err.OK) {
        newest.merge(p.key(), p, (a, b) -> a.version() >= b.version() ? a : b);
      }
    }
    if (newest.isEmpty()) {
      throw fail("no put was acknowledged OK, so there was nothing whose durability to check");
    }
    TestClerk reader = makeClerk();
    for (VersionedKvModel.Put p : newest.values()) {
      GetReply r = reader.get(p.key());
      boolean lost = r.err() != Err.OK || r.version() < p.version() + 1
          || (r.version() == p.version() + 1 && !r.value().equals(p.value()));
      if (lost) {
        throw fail("after every server crashed and restarted, get(\"%s\") returned %s, but put(\"%s\", \"%s\", %d) had "
            + "been answered OK, so the key must be at version %d or later%s: a server may answer OK only for a "
            + "command Raft committed, and a restarted server must rebuild its store from its snapshot and log",
            p.key(), r, p.key(), brief(p.value()), p.version(), p.version() + 1,
            r.version() == p.version() + 1 ? " with that value" : "");
      }
    }
  }

  // ------------------------------------------------------------------ servers and faults

  /** Crashes server {@code i} (it keeps what it persisted). */
  void crash(int i) {
    group.crash(i);
  }

  /** Crashes server {@code i} if up, then starts it from what it persisted and connects it. */
  void restart(int i) {
    group.restart(i);
  }

  /**
   * Crashes every server, waits {@link #ELECTION_TIMEOUT_MS}, and starts them all again from what
   * they persisted, connected (MIT's "shut down all, restart all").
   */
  void crashAndRestartAll() {
    group.crashAll();
    Env.sleep(ELECTION_TIMEOUT_MS);
    group.startAll();
    group.connectAll();
  }

  /**
   * Calls {@code kill()} on every server that is up, as a shutdown does, without crashing its node:
   * what is still running must notice and stop (the test of shutdown).
   */
  void killAll() {
    for (int i = 0; i < servers(); i++) {
      group.instance(i).ifPresent(life -> life.run(s -> rsmOf.apply(s).kill()));
    }
  }

  /** Links exactly the servers within each side. */
  void partition(List<Integer> a, List<Integer> b) {
    group.partition(a, b);
  }

  void connectAll() {
    group.connectAll();
  }

  void connect(int i) {
    group.connect(i);
  }

  void disconnect(int i) {
    group.disconnect(i);
  }

  void setReliable(boolean on) {
    cluster.network().setReliable(on);
  }

  /** Runs {@code action} on server {@code i}'s node; empty if it is down or crashes meanwhile. */
  <T> Optional<T> onServer(int i, String what, Function<? super S, ? extends T> action) {
    return group.call(i, what, action);
  }

  /** Server {@code i}'s Raft's getState(), or empty if it is down. */
  Optional<RaftApi.State> raftState(int i) {
    return onServer(i, "raft().getState()", s -> rsmOf.apply(s).raft().getState());
  }

  /** The connected server that claims to lead the newest term, if any. */
  Optional<Integer> leader() {
    int best = -1;
    int bestTerm = -1;
    for (int i = 0; i < servers(); i++) {
      if (group.isConnected(i)) {
        Optional<RaftApi.State> s = raftState(i);
        if (s.isPresent() && s.get().isLeader() && s.get().term() > bestTerm) {
          best = i;
          bestTerm = s.get().term();
        }
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }

  /** Waits (up to about 5 s) for a connected leader and returns it; fails if none appears. */
  int awaitLeader() {
    for (int iter = 0; iter < 50; iter++) {
      Optional<Integer> l = leader();
      if (l.isPresent()) {
        return l.get();
      }
      Env.sleep(100);
    }
    throw fail("no connected server claimed to be Raft leader within 5 s (connected: %s): is Raft electing a "
        + "leader? (Lab 2's tests should pass first)", group.connectedServers());
  }

  // ------------------------------------------------------------------ sizes (part 3C)

  /** The largest persisted Raft state of any server, in bytes. */
  int maxRaftStateSize() {
    return group.maxRaftStateSize();
  }

  /** The largest persisted snapshot of any server, in bytes. */
  int maxSnapshotSize() {
    return group.maxSnapshotSize();
  }

  /** Server {@code i}'s persisted snapshot, in bytes. */
  int snapshotSize(int i) {
    return group.persister(i).snapshotSize();
  }

  /**
   * Fails if Raft's state exceeds 8 × maxRaftState (snapshots on) or if any snapshot exists
   * (snapshots off), as after each round of a generic test.
   */
  void checkSizes() {
    if (maxRaftState > 0) {
      checkRaftStateAtMost(8, "");
    } else {
      int snapshot = maxSnapshotSize();
      if (snapshot > 0) {
        throw fail("a server persisted a %d-byte snapshot although maxRaftState is %d: with -1, never snapshot",
            snapshot, maxRaftState);
      }
    }
  }

  /**
   * Fails if any server's persisted Raft state exceeds {@code times} × maxRaftState; {@code when}
   * says when, for the message ("after 100 commands").
   */
  void checkRaftStateAtMost(int times, String when) {
    int size = maxRaftStateSize();
    if (size > times * maxRaftState) {
      throw fail("%sRaft's persisted state is %d bytes, more than %d × maxRaftState = %d: does the rsm call "
          + "raft.snapshot(index, service.takeSnapshot()) once persister.raftStateSize() nears maxRaftState (without "
          + "waiting for a lagging server), and does Raft then drop the log up to index?", when.isEmpty() ? ""
          : when + ", ", size, times, times * maxRaftState);
    }
  }

  // ------------------------------------------------------------------ the counters (part 3A)

  /** Submits {@code op} to server {@code i}'s rsm; empty if the server is down or crashes meanwhile. */
  Optional<SubmitResult> submit(int i, CounterService.Op op) {
    RunStats.current().addOps(1);
    return onServer(i, "rsm().submit(" + op + ")", s -> {
      SubmitResult r = rsmOf.apply(s).submit(op);
      if (r == null) {
        throw new AssertionError("server " + i + ": submit(" + op + ") returned null; return Applied or WrongLeader");
      }
      return r;
    });
  }

  /**
   * Submits {@code op} to the servers in turn until one applies it (50 ms pause after each refusal)
   * and returns the counter's value then; fails after 10 s.
   */
  long oneSubmit(CounterService.Op op) {
    return oneSubmit(op, allServers());
  }

  /** {@link #oneSubmit(CounterService.Op)} trying only {@code servers}. */
  long oneSubmit(CounterService.Op op, List<Integer> servers) {
    long t0 = Env.nowMillis();
    int k = 0;
    List<String> answers = new ArrayList<>();
    while (Env.nowMillis() - t0 < 10_000) {
      int i = servers.get(k++ % servers.size());
      Optional<SubmitResult> r = submit(i, op);
      if (r.isPresent() && r.get() instanceof SubmitResult.Applied(Object result)) {
        if (!(result instanceof CounterService.Value(long n))) {
          throw fail("server %d: submit(%s) returned Applied(%s), but the counter's apply returned a Value: hand "
              + "back exactly what StateMachine.apply returned", i, op, result);
        }
        return n;
      }
      if (answers.size() < servers.size()) {
        answers.add("server " + i + ": " + r.map(String::valueOf).orElse("down"));
      }
      Env.sleep(50);
    }
    throw fail("no server applied %s within 10 s; first answers: %s. Does submit wait for the applier to apply "
        + "the index raft.start() returned, and hand back the service's result?", op, answers);
  }

  /** Server {@code i}'s counter, or empty if it is down. */
  Optional<CounterService.Reading> counter(int i) {
    return onServer(i, "counter", s -> ((CounterReplica) s).counter().read());
  }

  /**
   * Waits until at least {@code count} servers' counters hold {@code value} (30 polls, the pause
   * doubling from 10 ms to 1 s); fails if they do not, or if a counter saw a command it should not.
   */
  void checkCounter(long value, int count) {
    long pause = 10;
    List<String> seen = new ArrayList<>();
    for (int iter = 0; iter < 30; iter++) {
      seen.clear();
      int have = 0;
      for (int i = 0; i < servers(); i++) {
        Optional<CounterService.Reading> r = counter(i);
        if (r.isPresent() && !r.get().problem().isEmpty()) {
          throw fail("server %d: %s", i, r.get().problem());
        }
        if (r.isPresent() && r.get().value() == value) {
          have++;
        }
        seen.add(i + "=" + r.map(x -> String.valueOf(x.value())).orElse("down"));
      }
      if (have >= count) {
        return;
      }
      Env.sleep(pause);
      pause = Math.min(2 * pause, 1000);
    }
    throw fail("only some replicas reached counter value %d, %d wanted (server=value: %s): does every replica's "
        + "applier apply every committed command, in order?", value, count, seen);
  }

  /** 0, 1, ..., n-1. */
  List<Integer> allServers() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < servers(); i++) {
      all.add(i);
    }
    return all;
  }

  // ------------------------------------------------------------------ the end

  /** Ends the test; in real mode every server is stopped. */
  @Override
  public void close() {
    cluster.close();
  }

  /** Throws an AssertionError with a formatted message (declared to return one, for {@code throw fail(..)}). */
  static AssertionError fail(String format, Object... args) {
    throw new AssertionError(String.format(format, args));
  }

  World world() {
    return world;
  }
}
