package raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import labs.cluster.Cluster;
import labs.cluster.Instance;
import labs.cluster.ServerGroup;
import labs.harness.RunStats;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.World;
import raft.RaftApi.StartResult;
import raft.RaftApi.State;

/**
 * The one tester of lab 2: a cluster of Raft peers (a {@link ServerGroup} of the framework, which
 * owns the network, the persisters, crashes and links), plus what is Raft's own: the appliers that
 * read what each peer commits and check it, and the checks the tests call. Test classes only
 * script scenarios with it.
 *
 * <p>Server {@code i} answers on the network as {@code "server-i"}; each life of it runs on a
 * fresh node ({@code server-i}, then {@code server-i.r1}, ...) with fresh ends to its peers.
 * Every call into a peer goes through its node, so a tester thread never waits on a lock held by
 * a crashed peer.
 *
 * <p>Direct tests talk to one peer's handlers with hand-made RPCs ({@link #requestVote},
 * {@link #appendEntries}, {@link #installSnapshot}; {@link TesterLeader} plays a leader), or let
 * the tester play some of the servers itself ({@link StandIn}, made with the stand-ins
 * constructor).
 *
 * <p>Checks made all the time (see {@link ServiceModel}): every server applies the same command at
 * each index, in index order without gaps or repeats, including what a crashed server applied
 * just before its crash; a snapshot never takes a server back in time; a term never has two
 * leaders. A violation fails the next check the test makes, or, at the latest, {@link #close()}.
 */
final class RaftTester implements AutoCloseable {
  /** A generous bound used by the tests for sleeps: one election should happen within it. */
  static final int ELECTION_TIMEOUT_MS = 1000;
  /** The snapshotting service makes a snapshot after every this many commands. */
  static final int SNAPSHOT_INTERVAL = 10;
  /** The bound on a peer's persisted Raft state in part 2D, in bytes. */
  static final int MAX_LOG_SIZE = 2000;

  /** Why no server accepts start() at all. */
  private static final String NO_LEADER_CAUSES = "No leader, then: see the 2A causes (election timeouts not "
      + "random, a ticker that stops starting elections, votes refused wrongly), or a leader whose getState() or "
      + "start() does not say it leads";

  /** What most often keeps an entry from committing, most common first. */
  private static final String NOT_COMMITTED_CAUSES = "Likely causes, most common first: (1) a follower that "
      + "lags is never caught up (nextIndex not decremented, or moved back too slowly after a rejection); (2) "
      + "the leader never advances commitIndex (it must count matchIndex of a majority, itself included, for an "
      + "entry of its current term); (3) followers do not learn the commit from leaderCommit, or apply nothing "
      + "(no applier, or one that misses the wake-up); (4) no stable leader (see the trace for repeated "
      + "elections)";

  /**
   * The network: RELIABLE delivers every request within 0–5 ms; UNRELIABLE also loses 10 % of
   * requests and of replies and delays requests up to 26 ms; REORDERING is UNRELIABLE that also
   * holds two thirds of the replies back for 0.2–2.2 s (so old answers arrive after newer ones)
   * and delivers one request in ten twice.
   */
  enum Net {
    RELIABLE, UNRELIABLE, REORDERING;

    NetworkConfig config() {
      NetworkConfig reliable = NetworkConfig.DEFAULT.withLongDelays(true);
      return switch (this) {
        case RELIABLE -> reliable;
        case UNRELIABLE -> reliable.withReliable(false);
        case REORDERING -> reliable.withReliable(false).withLongReordering(true).withDuplicateRate(0.1);
      };
    }
  }

  /** The service on top of each peer: one that only applies commands, or one that also snapshots. */
  enum Service { COMMANDS, SNAPSHOTS }

  /** Makes a peer; {@code Raft::new}, or a deliberately broken one in the tests of the tests. */
  @FunctionalInterface
  interface RaftFactory {
    RaftApi make(List<Peer> peers, int me, Persister persister, Channel<ApplyMsg> applyCh);
  }

  /** One life of a server: the peer (or the tester's stand-in) and the channel it applies to. */
  private record RaftServer(RaftApi raft, Channel<ApplyMsg> applyCh) {}

  private final World world = World.current();
  private final int n;
  private final Service service;
  private final Cluster cluster;
  private final ServerGroup<RaftServer> group;
  private final ServiceModel services;    // what each server applied, and the invariants
  private final StandIn[] standIns;       // the servers the tester plays (null: a real peer)

  RaftTester(int servers, Net net, Service service, RaftFactory factory) {
    this(servers, net, service, factory, Set.of());
  }

  /**
   * A cluster in which the tester plays the servers {@code standIns} itself (see {@link StandIn}):
   * they answer the real servers' RPCs as the test scripts them, and apply nothing.
   */
  RaftTester(int servers, Net net, Service service, RaftFactory factory, Set<Integer> standIns) {
    this.n = servers;
    this.service = service;
    this.services = new ServiceModel(n);
    this.standIns = new StandIn[n];
    standIns.forEach(i -> this.standIns[i] = new StandIn());
    this.cluster = new Cluster(net.config());
    this.group = cluster.newGroup("server", n, ctx -> {
      Channel<ApplyMsg> applyCh = new Channel<>();
      RaftApi raft = this.standIns[ctx.me()] != null ? this.standIns[ctx.me()]
          : factory.make(ctx.peers(), ctx.me(), ctx.persister(), applyCh);
      RaftRpc.addTo(ctx.server(), raft);
      ctx.onKill(raft::kill);
      return new RaftServer(raft, applyCh);
    });
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
    Instance<RaftServer> life = group.start(i);
    if (standIns[i] != null) {
      return; // the tester's own stand-in applies nothing
    }
    // the service restores itself from the snapshot at once, before anything is applied
    int token = services.restarted(i, life.persister().readSnapshot());
    services.check();
    world.testerNode().start("applier-" + i, () -> applier(i, token, life));
  }

  /**
   * Crashes server {@code i}: cuts it off, stops its threads for good, and keeps only what it had
   * persisted (in a copy, so a zombie instance cannot change it). What it applied just before the
   * crash and the applier has not read yet is still checked for agreement. Does nothing if it is
   * down.
   */
  void crash1(int i) {
    Optional<Instance<RaftServer>> life = group.instance(i);
    if (life.isEmpty()) {
      return;
    }
    group.crash(i);
    services.crashed(i);
    Channel<ApplyMsg> applyCh = life.get().server().applyCh();
    applyCh.close();
    for (Optional<ApplyMsg> m = applyCh.poll(); m.isPresent(); m = applyCh.poll()) {
      services.appliedBeforeCrash(i, m.get());
    }
  }

  /** Connects server {@code i} to every other connected server, both ways. */
  void connect(int i) {
    group.connect(i);
  }

  /** Cuts server {@code i} off from every other server, both ways; it keeps running. */
  void disconnect(int i) {
    group.disconnect(i);
  }

  boolean isConnected(int i) {
    return group.isConnected(i);
  }

  /** Whether server {@code i} is up (started and not crashed). */
  boolean isUp(int i) {
    return group.isUp(i);
  }

  void setReliable(boolean on) {
    cluster.network().setReliable(on);
  }

  void setLongReordering(boolean on) {
    cluster.network().setLongReordering(on);
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

  /**
   * Asks server {@code i} for its vote in {@code term} as every other candidate id in turn, each
   * with a log far ahead of any real one; returns the replies by candidate id.
   */
  Map<Integer, RaftRpc.RequestVoteReply> askAsEveryRival(int i, int term) {
    Map<Integer, RaftRpc.RequestVoteReply> replies = new TreeMap<>();
    for (int rival = 0; rival < n; rival++) {
      if (rival != i) {
        replies.put(rival, requestVote(i, new RaftRpc.RequestVoteArgs(term, rival, 1000, Math.max(0, term - 1))));
      }
    }
    return replies;
  }

  /** Delivers an AppendEntries straight to server {@code i}'s handler (no network); null if it is down. */
  RaftRpc.AppendEntriesReply appendEntries(int i, RaftRpc.AppendEntriesArgs args) {
    return onServer(i, "appendEntries(" + args + ")", rf -> rf.appendEntries(args), null);
  }

  /** Delivers an InstallSnapshot straight to server {@code i}'s handler (no network); null if it is down. */
  RaftRpc.InstallSnapshotReply installSnapshot(int i, RaftRpc.InstallSnapshotArgs args) {
    return onServer(i, "installSnapshot(" + args + ")", rf -> rf.installSnapshot(args), null);
  }

  /** The server the tester plays as server {@code i} (made with the stand-ins constructor). */
  StandIn standIn(int i) {
    if (standIns[i] == null) {
      throw new IllegalArgumentException("server " + i + " is a real Raft peer, not a stand-in");
    }
    return standIns[i];
  }

  /** Runs {@code action} on server {@code i}'s node; {@code ifDown} if it is down or crashes meanwhile. */
  private <T> T onServer(int i, String what, Function<RaftApi, T> action, T ifDown) {
    return group.call(i, what, s -> action.apply(s.raft())).orElse(ifDown);
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
          throw fail("servers %s all claim to lead term %d, but a term has at most one leader (Election Safety). "
              + "%s", e.getValue(), e.getKey(), ServiceModel.TWO_LEADERS_CAUSES);
        }
      }
      if (!leaders.isEmpty()) {
        return leaders.lastEntry().getValue().getFirst();
      }
    }
    throw fail("no election was won: of the connected servers %s, not one said it was leader in 10 checks "
        + "over about 5 s. Likely causes, most common first: (1) election timeouts that are not random, or drawn "
        + "from too narrow a range: candidates time out together and split the vote again and again; (2) a "
        + "ticker that stops starting elections (after the first one, or while a candidate); (3) votes refused "
        + "that should be granted (compare terms first, then the logs' last terms, then their lengths: §5.4.1); "
        + "(4) an election timer reset by refused votes, or a candidate that needs more than a majority",
        connectedServers());
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
      throw fail("connected servers report different terms (server=term: %s). Likely causes: (1) a server that "
          + "sees a newer term in an RPC or a reply does not adopt it (Figure 2, all servers); (2) the leader's "
          + "heartbeats do not reach every follower, or come less often than the followers' election timeout",
          terms);
    }
    return terms.values().stream().findFirst().orElse(-1);
  }

  /** Fails if a connected server claims leadership (for use when the connected servers are a minority). */
  void checkNoLeader() {
    for (int i = 0; i < n; i++) {
      if (isConnected(i) && getState(i).isLeader()) {
        throw fail("server %d claims to lead, but only servers %s are connected, too few for a majority: a "
            + "candidate needs votes from a majority of all servers, itself included (count the votes granted, "
            + "not the replies)", i, connectedServers());
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
    String causes = NO_LEADER_CAUSES;
    while (Env.nowMillis() - t0 < 10_000) {
      int index = -1;
      int leader = -1;
      for (int si = 0; si < n; si++) {
        starts = (starts + 1) % n;
        if (isConnected(starts)) {
          StartResult r = start(starts, command);
          if (r.isLeader()) {
            index = r.index();
            causes = NOT_COMMITTED_CAUSES;
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
        throw fail("command %s was not committed: %s. %s", brief(command), problem, causes);
      }
    }
    throw fail("command %s was not committed within 10 s: %s. %s", brief(command), problem, causes);
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
      throw fail("only %d servers applied index %d within about 24 s, %d wanted. %s", c.count(), index, count,
          NOT_COMMITTED_CAUSES);
    }
    return Optional.of(c.command());
  }

  /**
   * Waits (up to about 5 s) until server {@code i}'s term passes {@code term}, and returns the new
   * term. On a server cut off from the others only its own elections raise the term: it has then
   * just become a candidate and voted for itself.
   */
  int awaitTermAbove(int i, int term) {
    for (int iter = 0; iter < 500; iter++) {
      int now = getState(i).term();
      if (now > term) {
        return now;
      }
      Env.sleep(10);
    }
    throw fail("server %d, cut off from the others, stayed in term %d for 5 s: a follower that hears nothing from "
        + "a leader must time out and start an election (increment currentTerm, vote for itself)", i, term);
  }

  /**
   * Cuts server {@code i} off (from now on only the tester talks to it) and waits until it starts
   * an election; returns that election's term, in which it has just voted for itself.
   */
  int cutOffUntilCandidate(int i) {
    disconnect(i);
    return awaitTermAbove(i, getState(i).term());
  }

  /** The highest index server {@code i} has applied in its current life (its snapshot's counts). */
  int lastApplied(int i) {
    return services.lastApplied(i);
  }

  /** The command server {@code i} applied at {@code index}, or null if it has not. */
  Object appliedAt(int i, int index) {
    return services.appliedAt(i, index);
  }

  /** The snapshot the service would make after applying {@code commands} at indexes 1, 2, ... */
  static byte[] serviceSnapshot(List<Object> commands) {
    return ServiceModel.snapshotOf(commands);
  }

  /** RPCs received so far by the current instance of server {@code i}. */
  long rpcCount(int i) {
    return group.rpcCount(i);
  }

  /** RPCs received so far by the current instances of all servers. */
  long rpcTotal() {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += rpcCount(i);
    }
    return total;
  }

  /** Whether some server is no longer in {@code term} (a new election began, or it is down). */
  boolean termChangedFrom(int term) {
    for (int i = 0; i < n; i++) {
      if (getState(i).term() != term) {
        return true;
      }
    }
    return false;
  }

  /** Bytes of all requests sent and all replies delivered. */
  long bytesTotal() {
    return cluster.network().totalBytes();
  }

  /** The largest persisted Raft state of any server, in bytes. */
  int logSize() {
    return group.maxRaftStateSize();
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
      // Real threads would run on after the test (appliers included); in the simulation nothing
      // runs after it ends.
      for (int i = 0; i < n; i++) {
        crash1(i);
      }
    }
    cluster.close();
    if (error != null) {
      throw error;
    }
  }

  // ------------------------------------------------------------------ appliers

  /** Reads what one life of server {@code i} applies and checks it, until that life crashes. */
  private void applier(int i, int token, Instance<RaftServer> life) {
    Channel<ApplyMsg> applyCh = life.server().applyCh();
    while (true) {
      Optional<ApplyMsg> next = applyCh.receive();
      if (next.isEmpty()) {
        return; // closed: the server crashed
      }
      byte[] snapshot = services.apply(i, token, next.get(), service == Service.SNAPSHOTS);
      if (snapshot != null && next.get() instanceof ApplyMsg.Command c) {
        // like a key/value server: hand Raft the snapshot from the thread that reads applyCh
        life.run(s -> s.raft().snapshot(c.index(), snapshot));
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private List<Integer> connectedServers() {
    return group.connectedServers();
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
