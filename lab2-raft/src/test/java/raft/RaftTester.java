package raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import labs.harness.RunStats;
import labs.net.Codec;
import labs.net.Network;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;
import raft.RaftApi.StartResult;
import raft.RaftApi.State;

/**
 * The one tester of lab 2: it owns a cluster of Raft peers, the network between them, their
 * persisters, and the appliers that read what each peer commits and check it. Test classes only
 * script scenarios with it.
 *
 * <p>Server {@code i} answers on the network as {@code "server-i"}; each life of it runs on a
 * fresh node ({@code server-i}, then {@code server-i.r1}, ...) with fresh ends to its peers.
 * Every call into a peer goes through its node ({@link Node#get}), so a tester thread never waits
 * on a lock held by a crashed peer. Tester state is guarded by the tester's own lock, which no
 * peer ever takes.
 *
 * <p>Checks made all the time (see {@link ServiceModel}): every server applies the same command at
 * each index, in index order without gaps or repeats; a snapshot never takes a server back in
 * time; a term never has two leaders. A violation fails the next check the test makes, or, at the
 * latest, {@link #close()}.
 */
final class RaftTester implements AutoCloseable {
  /** A generous bound used by the tests for sleeps: one election should happen within it. */
  static final int ELECTION_TIMEOUT_MS = 1000;
  /** The snapshotting service makes a snapshot after every this many commands. */
  static final int SNAPSHOT_INTERVAL = 10;
  /** The bound on a peer's persisted Raft state in part 2D, in bytes. */
  static final int MAX_LOG_SIZE = 2000;

  /** Whether the network loses, delays and reorders messages. */
  enum Net { RELIABLE, UNRELIABLE }

  /** The service on top of each peer: one that only applies commands, or one that also snapshots. */
  enum Service { COMMANDS, SNAPSHOTS }

  /** Makes a peer; {@code Raft::new}, or a deliberately broken one in the tests of the tests. */
  @FunctionalInterface
  interface RaftFactory {
    RaftApi make(List<Peer> peers, int me, Persister persister, Channel<ApplyMsg> applyCh);
  }

  private record Box<T>(T value) {}

  private final World world = World.current();
  private final int n;
  private final Network net;
  private final Service service;
  private final RaftFactory factory;

  private final ReentrantLock mu = new ReentrantLock(); // guards everything below
  private final RaftApi[] rafts;          // null while a server is down
  private final Node[] nodes;
  private final Persister[] saved;
  private final Channel<?>[] applyChs;
  private final boolean[] connected;
  private final String[][] ends;          // ends[i][j]: name of server i's end to server j
  private final int[] lives;              // how many times each server was started
  private final ServiceModel services;    // what each server applied, and the invariants

  RaftTester(int servers, Net reliability, Service service, RaftFactory factory) {
    this.n = servers;
    this.service = service;
    this.factory = factory;
    this.net = new Network(NetworkConfig.DEFAULT.withLongDelays(true).withReliable(reliability == Net.RELIABLE));
    rafts = new RaftApi[n];
    nodes = new Node[n];
    saved = new Persister[n];
    applyChs = new Channel<?>[n];
    connected = new boolean[n];
    ends = new String[n][n];
    lives = new int[n];
    services = new ServiceModel(n);
    RunStats stats = RunStats.current();
    stats.setPeers(n);
    stats.countFrom(net::totalRpcs, net::totalBytes);
    for (int i = 0; i < n; i++) {
      start1(i);
    }
    for (int i = 0; i < n; i++) {
      connect(i);
    }
  }

  int servers() {
    return n;
  }

  // ------------------------------------------------------------------ crash, restart, partitions

  /**
   * Starts server {@code i} (crashing it first if it is up) from what it persisted, on a new node
   * with new ends; it is not connected until {@link #connect} is called.
   */
  void start1(int i) {
    crash1(i);
    List<Peer> peerEnds = new ArrayList<>();
    Persister persister;
    int life;
    int token;
    mu.lock();
    try {
      life = lives[i]++;
      for (int j = 0; j < n; j++) {
        String name = serverName(i) + (life == 0 ? "" : ".r" + life) + "→" + j;
        ends[i][j] = name;
        peerEnds.add(net.makeEnd(name));
        net.connect(name, serverName(j));
      }
      saved[i] = saved[i] == null ? new Persister() : saved[i].copy();
      persister = saved[i];
      // the service restores itself from the snapshot at once
      token = services.restarted(i, persister.readSnapshot());
    } finally {
      mu.unlock();
    }
    services.check();
    Node node = world.newNode(serverName(i) + (life == 0 ? "" : ".r" + life));
    Channel<ApplyMsg> applyCh = new Channel<>();
    RaftApi raft = node.call(() -> factory.make(peerEnds, i, persister, applyCh))
        .orElseThrow(() -> new AssertionError("server " + i + " crashed while it was being created"));
    mu.lock();
    try {
      rafts[i] = raft;
      nodes[i] = node;
      applyChs[i] = applyCh;
    } finally {
      mu.unlock();
    }
    net.addServer(serverName(i), node, RaftRpc.server(raft));
    world.trace().record("tester", "start", "server " + i + " on node " + node.name()
        + (life == 0 ? "" : ", from what it persisted (" + persister.raftStateSize() + " B state, "
        + persister.snapshotSize() + " B snapshot)"));
    world.testerNode().start("applier-" + i, () -> applier(i, token, raft, node, applyCh));
  }

  /**
   * Crashes server {@code i}: cuts it off, stops its threads for good, and keeps only what it had
   * persisted (in a copy, so a zombie instance cannot change it). Does nothing if it is down.
   */
  void crash1(int i) {
    if (!isUp(i)) {
      return;
    }
    disconnect(i);
    net.deleteServer(serverName(i));
    RaftApi raft;
    Node node;
    Channel<?> applyCh;
    mu.lock();
    try {
      if (saved[i] != null) {
        saved[i] = saved[i].copy();
      }
      raft = rafts[i];
      node = nodes[i];
      applyCh = applyChs[i];
      rafts[i] = null;
      nodes[i] = null;
      applyChs[i] = null;
    } finally {
      mu.unlock();
    }
    services.crashed(i);
    if (node != null) {
      world.crash(node);
    }
    if (applyCh != null) {
      applyCh.close();
    }
    if (raft != null && !world.isSimulated()) {
      // Real threads keep running until they next block; kill() asks them to stop. (In the
      // simulation a crashed node's threads never run again.) Called from a tester thread of its
      // own, so the test does not wait on the peer's locks.
      world.testerNode().start("kill-" + i, raft::kill);
    }
  }

  /** Connects server {@code i} to every other connected server, both ways. */
  void connect(int i) {
    mu.lock();
    try {
      connected[i] = true;
      for (int j = 0; j < n; j++) {
        if (connected[j]) {
          enable(ends[i][j]);
          enable(ends[j][i]);
        }
      }
    } finally {
      mu.unlock();
    }
    world.trace().record("tester", "connect", "server " + i);
  }

  private void enable(String end) {
    if (end != null) {
      net.enable(end, true);
    }
  }

  /** Cuts server {@code i} off from every other server, both ways; it keeps running. */
  void disconnect(int i) {
    mu.lock();
    try {
      connected[i] = false;
      for (int j = 0; j < n; j++) {
        if (ends[i][j] != null) {
          net.enable(ends[i][j], false);
        }
        if (ends[j][i] != null) {
          net.enable(ends[j][i], false);
        }
      }
    } finally {
      mu.unlock();
    }
    world.trace().record("tester", "disconnect", "server " + i);
  }

  boolean isConnected(int i) {
    mu.lock();
    try {
      return connected[i];
    } finally {
      mu.unlock();
    }
  }

  /** Whether server {@code i} is up (started and not crashed). */
  boolean isUp(int i) {
    mu.lock();
    try {
      return rafts[i] != null;
    } finally {
      mu.unlock();
    }
  }

  void setReliable(boolean on) {
    net.setReliable(on);
  }

  void setLongReordering(boolean on) {
    net.setLongReordering(on);
  }

  // ------------------------------------------------------------------ calls into peers

  /** Server {@code i}'s getState(), or term -1 and not leader if it is down. */
  State getState(int i) {
    State s = onServer(i, "getState()", RaftApi::getState, new State(-1, false));
    if (s.isLeader()) {
      services.sawLeader(s.term(), i);
    }
    return s;
  }

  /** Server {@code i}'s start(command), or index -1 and not leader if it is down. */
  StartResult start(int i, Object command) {
    StartResult r = onServer(i, "start(" + brief(command) + ")", rf -> rf.start(command),
        new StartResult(-1, -1, false));
    if (r.isLeader()) {
      services.sawLeader(r.term(), i);
    }
    return r;
  }

  /** Delivers a RequestVote straight to server {@code i}'s handler (no network); null if it is down. */
  RaftRpc.RequestVoteReply requestVote(int i, RaftRpc.RequestVoteArgs args) {
    return onServer(i, "requestVote(" + args + ")", rf -> rf.requestVote(args), null);
  }

  /** Runs {@code action} on server {@code i}'s node; {@code ifDown} if it is down or crashes meanwhile. */
  private <T> T onServer(int i, String what, Function<RaftApi, T> action, T ifDown) {
    RaftApi raft;
    Node node;
    mu.lock();
    try {
      raft = rafts[i];
      node = nodes[i];
    } finally {
      mu.unlock();
    }
    if (raft == null) {
      return ifDown;
    }
    Optional<Box<T>> result = node.get(() -> new Box<>(action.apply(raft)));
    if (result.isEmpty()) {
      return ifDown;
    }
    if (result.get().value() == null) {
      throw fail("server %d: %s returned null; return a record instead", i, what);
    }
    return result.get().value();
  }

  // ------------------------------------------------------------------ checks

  /**
   * Waits (up to ten times ~0.5 s, about 5 s) until some connected server is leader, and returns
   * the leader of the newest term. Fails if a term has two leaders, or if no leader appears.
   */
  int checkOneLeader() {
    for (int iter = 0; iter < 10; iter++) {
      Env.sleep(450 + Env.random().nextInt(100));
      services.check();
      TreeMap<Integer, List<Integer>> leaders = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        if (isConnected(i)) {
          State s = getState(i);
          if (s.isLeader()) {
            leaders.computeIfAbsent(s.term(), t -> new ArrayList<>()).add(i);
          }
        }
      }
      for (var e : leaders.entrySet()) {
        if (e.getValue().size() > 1) {
          throw fail("servers %s all claim to lead term %d, but a term can have only one leader (Election "
              + "Safety): does every server vote at most once per term, and does a candidate need votes from a "
              + "majority?", e.getValue(), e.getKey());
        }
      }
      if (!leaders.isEmpty()) {
        return leaders.lastEntry().getValue().getFirst();
      }
    }
    throw fail("no election was won: of the connected servers %s, not one said it was leader in 10 checks "
        + "over about 5 s", connectedServers());
  }

  /** The term of the connected servers; fails if they report different terms. */
  int checkTerms() {
    Map<Integer, Integer> terms = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (isConnected(i)) {
        terms.put(i, getState(i).term());
      }
    }
    if (terms.values().stream().distinct().count() > 1) {
      throw fail("connected servers report different terms (server=term: %s): a server that hears from a "
          + "leader of a newer term must adopt that term", terms);
    }
    return terms.values().stream().findFirst().orElse(-1);
  }

  /** Fails if a connected server claims leadership (for use when the connected servers are a minority). */
  void checkNoLeader() {
    for (int i = 0; i < n; i++) {
      if (isConnected(i) && getState(i).isLeader()) {
        throw fail("server %d claims to lead, but only servers %s are connected, too few for a majority: a "
            + "candidate needs votes from a majority of all servers, itself included", i, connectedServers());
      }
    }
  }

  /** How many servers have applied {@code index}, and the command there; fails if they differ. */
  ServiceModel.Committed nCommitted(int index) {
    return services.nCommitted(index);
  }

  /**
   * Submits {@code command} and waits until it is committed by at least {@code expectedServers}
   * servers; returns its index. Tries each connected server until one accepts as leader, then
   * waits up to 2 s for agreement; with {@code retry} it starts over (a command may thus be
   * committed twice), for up to 10 s in all.
   */
  int one(Object command, int expectedServers, boolean retry) {
    long t0 = Env.nowMillis();
    int starts = 0;
    String problem = "no connected server accepted Start() as the leader";
    while (Env.nowMillis() - t0 < 10_000) {
      int index = -1;
      int leader = -1;
      for (int si = 0; si < n; si++) {
        starts = (starts + 1) % n;
        if (isConnected(starts)) {
          StartResult r = start(starts, command);
          if (r.isLeader()) {
            index = r.index();
            leader = starts;
            break;
          }
        }
      }
      if (index == -1) {
        Env.sleep(50);
        continue;
      }
      long t1 = Env.nowMillis();
      while (Env.nowMillis() - t1 < 2_000) {
        ServiceModel.Committed c = nCommitted(index);
        if (c.count() > 0 && c.count() >= expectedServers && Objects.equals(c.command(), command)) {
          return index;
        }
        Env.sleep(20);
      }
      ServiceModel.Committed c = nCommitted(index);
      problem = String.format("leader %d put it at index %d; 2 s later %d of %d servers had committed %s there "
          + "(wanted %d)", leader, index, c.count(), n, c.count() == 0 || Objects.equals(c.command(), command)
          ? "it" : "another command, " + brief(c.command()), expectedServers);
      if (!retry) {
        throw fail("command %s was not committed: %s", brief(command), problem);
      }
    }
    throw fail("command %s was not committed within 10 s: %s", brief(command), problem);
  }

  /**
   * Polls until {@code count} servers have applied {@code index} (30 polls, the pause doubling
   * from 10 ms up to 1 s) and returns the command there; fails if fewer have by then.
   */
  Object waitCommitted(int index, int count) {
    return waitCommitted(index, count, -1).orElseThrow();
  }

  /**
   * Like {@link #waitCommitted(int, int)}, but gives up (empty) as soon as some server's term
   * passes {@code startTerm}: the leader may have changed, so the entry may never commit.
   */
  Optional<Object> waitCommitted(int index, int count, int startTerm) {
    long pause = 10;
    for (int iter = 0; iter < 30; iter++) {
      if (nCommitted(index).count() >= count) {
        break;
      }
      Env.sleep(pause);
      pause = Math.min(pause * 2, 1000);
      if (startTerm > -1) {
        for (int i = 0; i < n; i++) {
          if (getState(i).term() > startTerm) {
            return Optional.empty(); // a newer term exists: the entry may be overwritten, no longer owed
          }
        }
      }
    }
    ServiceModel.Committed c = nCommitted(index);
    if (c.count() < count) {
      throw fail("only %d servers applied index %d within about 24 s, %d wanted: does the leader advance "
          + "commitIndex, and do followers learn it from leaderCommit?", c.count(), index, count);
    }
    return Optional.of(c.command());
  }

  /** RPCs received so far by the current instance of server {@code i}. */
  long rpcCount(int i) {
    return net.rpcCount(serverName(i));
  }

  /** Bytes of all requests sent and all replies delivered. */
  long bytesTotal() {
    return net.totalBytes();
  }

  /** The largest persisted Raft state of any server, in bytes. */
  int logSize() {
    mu.lock();
    try {
      int max = 0;
      for (Persister p : saved) {
        max = Math.max(max, p == null ? 0 : p.raftStateSize());
      }
      return max;
    } finally {
      mu.unlock();
    }
  }

  /** Notes something odd that is not a failure (printed, and kept in the trace). */
  void warn(String format, Object... args) {
    String msg = String.format(format, args);
    world.trace().record("tester", "warning", msg);
    System.out.println("  warning: " + msg);
  }

  /**
   * Ends the test: reports the commands committed (the summary line's "ops"), stops every server
   * in real mode, and fails if an applier found a problem the test has not seen yet.
   */
  @Override
  public void close() {
    RunStats.current().addOps(services.maxIndex());
    AssertionError error = null;
    try {
      services.check();
    } catch (AssertionError e) {
      error = e;
    }
    if (!world.isSimulated()) {
      // Real threads would run on after the test; in the simulation nothing runs after it ends.
      for (int i = 0; i < n; i++) {
        crash1(i);
      }
    }
    if (error != null) {
      throw error;
    }
  }

  // ------------------------------------------------------------------ appliers

  /** Reads what server {@code i} applies and checks it, until the server crashes. */
  private void applier(int i, int token, RaftApi raft, Node node, Channel<ApplyMsg> applyCh) {
    while (true) {
      Optional<ApplyMsg> next = applyCh.receive();
      if (next.isEmpty()) {
        return; // closed: the server crashed
      }
      byte[] snapshot = services.apply(i, token, next.get(), service == Service.SNAPSHOTS);
      if (snapshot != null && next.get() instanceof ApplyMsg.Command c) {
        // like a key/value server: hand Raft the snapshot from the thread that reads applyCh
        node.call(() -> {
          raft.snapshot(c.index(), snapshot);
          return Boolean.TRUE;
        });
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private List<Integer> connectedServers() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (isConnected(i)) {
        list.add(i);
      }
    }
    return list;
  }

  static String serverName(int i) {
    return "server-" + i;
  }

  /** A command as shown in messages (long strings cut short). */
  static String brief(Object command) {
    String s = String.valueOf(command);
    return s.length() <= 24 ? s : s.substring(0, 20) + "...(" + s.length() + " chars)";
  }

  /** Throws an AssertionError with a formatted message (declared to return one, for {@code throw fail(..)}). */
  static AssertionError fail(String format, Object... args) {
    throw new AssertionError(String.format(format, args));
  }
}
