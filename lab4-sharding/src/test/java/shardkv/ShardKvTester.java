package shardkv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Reply;
import labs.cluster.Client;
import labs.cluster.Cluster;
import labs.cluster.HistoryRecorder;
import labs.cluster.Linearizability;
import labs.cluster.ServerContext;
import labs.cluster.ServerGroup;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.runtime.Env;
import labs.runtime.World;
import raft.RaftRpc;
import rsm.RaftFactory;
import shardctrler.Config;
import shardctrler.CtrlerService;
import shardctrler.TestCtrlerClerk;

/**
 * The one tester of parts 4B and 4C (MIT's shardkv harness): a shard controller of three servers
 * (your {@code ShardCtrler}) and three shard groups, gids {@value #GID0}, 101 and 102, of three
 * servers each (your {@link ShardKv}), all on one network in a {@link Cluster}; clerks whose every
 * call is recorded for the linearizability check; and the faults and checks of the tests: joins
 * and leaves, shutting down and restarting groups and servers, the sizes of what they persist.
 *
 * <p>Group {@code g}'s server {@code i} answers as {@code "server-g-i"}; the controller's as
 * {@code "ctrler-i"}. The groups start at once, before any of them has joined: they follow the
 * configurations from the first one on.
 */
final class ShardKvTester implements AutoCloseable {
  /** The first group's gid; the others follow (MIT's 100, 101, 102). */
  static final int GID0 = 100;
  /** Groups in every test. */
  static final int GROUPS = 3;
  /** Servers per group. */
  static final int SERVERS = 3;
  /** maxRaftState for tests without snapshots. */
  static final int NO_SNAPSHOTS = -1;

  /** Whether the network loses, delays and reorders messages (the controller's messages too). */
  enum Net { RELIABLE, UNRELIABLE }

  private final Cluster cluster;
  private final CtrlerService ctrler;
  private final TestCtrlerClerk admin;
  private final Map<Integer, ServerGroup<ShardKv>> groups = new TreeMap<>();
  private final int maxRaftState;
  private final HistoryRecorder<Input, Reply> history = new HistoryRecorder<>();
  /** The ends servers made to other groups' servers, by "from gid → to gid", and which pairs lose replies. */
  private final ReentrantLock endsLock = new ReentrantLock();
  private final Map<String, List<Peer>> groupEnds = new TreeMap<>();
  private final Set<String> repliesLost = new TreeSet<>();

  ShardKvTester(Net net, int maxRaftState) {
    this.maxRaftState = maxRaftState;
    this.cluster = new Cluster(NetworkConfig.DEFAULT.withReliable(net == Net.RELIABLE));
    this.ctrler = CtrlerService.start(cluster, "ctrler", CtrlerService.SERVERS);
    this.admin = ctrler.makeClerk();
    for (int g = 0; g < GROUPS; g++) {
      int gid = GID0 + g;
      groups.put(gid, cluster.startGroup("server-" + gid, SERVERS, ctx -> startServer(ctx, gid)));
    }
  }

  /** One life of a shard server: your ShardKv, with Raft's and the group's handlers. */
  private ShardKv startServer(ServerContext ctx, int gid) {
    ShardKv kv = new ShardKv(ctx.peers(), ctx.me(), ctx.persister(), maxRaftState, gid, ctrler.endsFrom(ctx),
        endsByName(ctx, gid), RaftFactory.LAB2);
    RaftRpc.addTo(ctx.server(), kv.rsm().raft());
    ShardKvRpc.addTo(ctx.server(), kv);
    ctx.onKill(kv::kill);
    return kv;
  }

  /**
   * The "server name → end" function a server of group {@code gid} gets: one end per name and
   * life, made on first use, and losing replies if the tester said so for the two groups.
   */
  private Function<String, Peer> endsByName(ServerContext ctx, int gid) {
    ReentrantLock mu = new ReentrantLock();
    Map<String, Peer> ends = new TreeMap<>();
    return name -> {
      mu.lock();
      try {
        return ends.computeIfAbsent(name, n -> {
          Peer end = ctx.endTo(n);
          endsLock.lock();
          try {
            String pair = gid + "→" + gidOf(n);
            groupEnds.computeIfAbsent(pair, p -> new ArrayList<>()).add(end);
            cluster.network().loseReplies(end.name(), repliesLost.contains(pair));
          } finally {
            endsLock.unlock();
          }
          return end;
        });
      } finally {
        mu.unlock();
      }
    };
  }

  /** The gid in a shard server's name ("server-101-2" → 101); -1 for any other name. */
  private static int gidOf(String serverName) {
    String[] parts = serverName.split("-");
    return parts.length == 3 && parts[0].equals("server") ? Integer.parseInt(parts[1]) : -1;
  }

  /**
   * A one-way fault between two groups: every call a server of {@code from} makes to a server
   * of {@code to} is delivered and served, but its reply is lost (while {@code on}). The servers
   * of {@code from} never learn that their pushes arrived.
   */
  void loseRepliesBetween(int from, int to, boolean on) {
    endsLock.lock();
    try {
      String pair = from + "→" + to;
      if (on) {
        repliesLost.add(pair);
      } else {
        repliesLost.remove(pair);
      }
      for (Peer end : groupEnds.getOrDefault(pair, List.of())) {
        cluster.network().loseReplies(end.name(), on);
      }
    } finally {
      endsLock.unlock();
    }
    World.current().trace().record("tester", "fault", "replies of group " + from + "'s calls to group "
        + to + (on ? " are lost from now on" : " arrive again"));
  }

  int maxRaftState() {
    return maxRaftState;
  }

  Cluster cluster() {
    return cluster;
  }

  /** The controller the groups and the clerks use. */
  CtrlerService ctrler() {
    return ctrler;
  }

  /** The gids of the three groups. */
  List<Integer> gids() {
    return List.copyOf(groups.keySet());
  }

  ServerGroup<ShardKv> group(int gid) {
    ServerGroup<ShardKv> g = groups.get(gid);
    if (g == null) {
      throw new IllegalArgumentException("no group " + gid + " in this test (groups: " + groups.keySet() + ")");
    }
    return g;
  }

  // ------------------------------------------------------------------ configurations

  /** Joins {@code gids} to the configuration, in one controller call. */
  void join(Integer... gids) {
    Map<Integer, List<String>> m = new TreeMap<>();
    for (int gid : gids) {
      m.put(gid, group(gid).serverNames());
    }
    admin.join(m);
  }

  /** Removes {@code gids} from the configuration, in one controller call. */
  void leave(Integer... gids) {
    admin.leave(List.of(gids));
  }

  /**
   * A second controller, whose only configuration gives every shard to group {@code gid}: its
   * clerks send every key there, as a client with a stale or mistaken view of the configuration
   * would.
   */
  CtrlerService controllerNaming(int gid) {
    CtrlerService other = CtrlerService.start(cluster, "ctrler2", CtrlerService.SERVERS);
    other.makeClerk().join(Map.of(gid, group(gid).serverNames()));
    return other;
  }

  /** The controller's latest configuration. */
  Config query() {
    return admin.query(-1);
  }

  // ------------------------------------------------------------------ clerks

  /** A clerk on a new client that uses this test's controller. */
  TestClerk makeClerk() {
    return makeClerk(ctrler);
  }

  /** A clerk on a new client that asks {@code controller} for configurations. */
  TestClerk makeClerk(CtrlerService controller) {
    Client client = cluster.newClient();
    return new TestClerk(client, new Clerk(controller.endsFrom(client), client::end), history);
  }

  /** Every clerk call recorded so far (operations still running are pending). */
  HistoryRecorder<Input, Reply> history() {
    return history;
  }

  /**
   * Checks the whole history of clerk calls against the versioned key/value model, key by key,
   * within the checker's step budget; on failure writes the viewer page (with the crashes,
   * restarts and partitions as bands) and fails naming the key and the page.
   */
  void checkLinearizable(String name) {
    Linearizability.assertLinearizable(VersionedKvModel.INSTANCE, history.operations(), cluster.faults().bands(),
        name);
  }

  /** A random string of {@code n} letters and digits, from the run's seed. */
  static String randomValue(Random random, int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** {@code "0"}, {@code "1"}, ..., {@code n-1}: keys "0" to "9" fall in ten different shards. */
  static List<String> keys(int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(String.valueOf(i));
    }
    return keys;
  }

  // ------------------------------------------------------------------ faults

  /** Crashes every server of group {@code gid} (they keep what they persisted). */
  void shutdownGroup(int gid) {
    group(gid).crashAll();
  }

  /** Starts every server of group {@code gid} from what it persisted, connected. */
  void startGroup(int gid) {
    group(gid).startAll();
    group(gid).connectAll();
  }

  /** Crashes server {@code i} of group {@code gid}. */
  void shutdownServer(int gid, int i) {
    group(gid).crash(i);
  }

  /** Starts server {@code i} of group {@code gid} from what it persisted, connected. */
  void startServer(int gid, int i) {
    group(gid).restart(i);
  }

  void setReliable(boolean on) {
    cluster.network().setReliable(on);
  }

  // ------------------------------------------------------------------ sizes

  /**
   * Fails if any shard server's persisted Raft state exceeds 8 × maxRaftState (snapshots on), or
   * if any of them has a snapshot (maxRaftState -1), as MIT's checklogs.
   */
  void checkLogs() {
    for (Map.Entry<Integer, ServerGroup<ShardKv>> e : groups.entrySet()) {
      ServerGroup<ShardKv> g = e.getValue();
      for (int i = 0; i < g.size(); i++) {
        int raft = g.persister(i).raftStateSize();
        int snapshot = g.persister(i).snapshotSize();
        if (maxRaftState > 0 && raft > 8 * maxRaftState) {
          throw fail("%s's persisted Raft state is %d bytes, more than 8 × maxRaftState = %d: does the "
              + "rsm snapshot once Raft's state nears maxRaftState (your Lab 3 rsm does), and does the group's "
              + "snapshot hold its whole state (configuration, shards and their phases)?", g.serverName(i), raft,
              8 * maxRaftState);
        }
        if (maxRaftState < 0 && snapshot > 0) {
          throw fail("%s persisted a %d-byte snapshot although maxRaftState is -1: with -1, never "
              + "snapshot", g.serverName(i), snapshot);
        }
      }
    }
  }

  /** The bytes every shard server has persisted (Raft state plus snapshot), summed over all of them. */
  long persistedBytes() {
    long total = 0;
    for (ServerGroup<ShardKv> g : groups.values()) {
      for (int i = 0; i < g.size(); i++) {
        total += g.persister(i).raftStateSize() + g.persister(i).snapshotSize();
      }
    }
    return total;
  }

  /** Per server, what it persisted ("server-100-0 4021+10288 B"), for a message. */
  String persistedBreakdown() {
    List<String> parts = new ArrayList<>();
    for (ServerGroup<ShardKv> g : groups.values()) {
      for (int i = 0; i < g.size(); i++) {
        parts.add(g.serverName(i) + " " + g.persister(i).raftStateSize() + "+" + g.persister(i).snapshotSize() + " B");
      }
    }
    return String.join(", ", parts);
  }

  /** Sleeps {@code ms} of runtime time (virtual in the simulation). */
  static void pause(long ms) {
    Env.sleep(ms);
  }

  /** Throws an AssertionError with a formatted message (declared to return one, for {@code throw fail(..)}). */
  static AssertionError fail(String format, Object... args) {
    throw new AssertionError(String.format(format, args));
  }

  /** Ends the test; in real mode every server is stopped. */
  @Override
  public void close() {
    cluster.close();
  }
}
