package shardctrler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import labs.cluster.Client;
import labs.cluster.Cluster;
import labs.cluster.ServerContext;
import labs.cluster.ServerGroup;
import labs.net.Peer;
import labs.runtime.Env;
import raft.RaftApi;
import raft.RaftRpc;
import rsm.RaftFactory;

/**
 * The shard controller as the tests run it: a group of your {@link ShardCtrler} servers in a
 * {@link Cluster}, the clerks the tests use (each call bounded and its answer checked, see
 * {@link TestCtrlerClerk}), and what the tests need of its Raft (the leader). Part 4A's tests use
 * it on a cluster of its own; part 4B's tester puts it next to the shard groups (a second one,
 * with other servers, plays the confused controller of the rejection test).
 *
 * <p>Server {@code i} answers as {@code "<name>-i"}. Configurations get no snapshots (as in
 * MIT's lab): its servers run with maxRaftState -1.
 */
public final class CtrlerService {
  /** Servers of a controller, as in MIT's tests. */
  public static final int SERVERS = 3;

  private final Cluster cluster;
  private final ServerGroup<ShardCtrler> group;
  private final ConfigLog seen = new ConfigLog();

  private CtrlerService(Cluster cluster, String name, int servers) {
    this.cluster = cluster;
    this.group = cluster.startGroup(name, servers, ctx -> {
      ShardCtrler c = new ShardCtrler(ctx.peers(), ctx.me(), ctx.persister(), -1, RaftFactory.LAB2);
      RaftRpc.addTo(ctx.server(), c.rsm().raft());
      CtrlerRpc.addTo(ctx.server(), c);
      ctx.onKill(c::kill);
      return c;
    });
  }

  /** Starts a controller of {@code servers} servers named {@code <name>-0, ...} on {@code cluster}, connected. */
  public static CtrlerService start(Cluster cluster, String name, int servers) {
    return new CtrlerService(cluster, name, servers);
  }

  public ServerGroup<ShardCtrler> group() {
    return group;
  }

  /** Every configuration the tests' clerks got from this controller, by number. */
  public ConfigLog seen() {
    return seen;
  }

  /** A clerk on a new client of the cluster. */
  public TestCtrlerClerk makeClerk() {
    Client client = cluster.newClient();
    return new TestCtrlerClerk(client, new Clerk(client.ends(group)), seen, group.name());
  }

  /** Ends from a shard group's server (one life of it) to every server of this controller. */
  public List<Peer> endsFrom(ServerContext ctx) {
    List<Peer> ends = new ArrayList<>();
    group.serverNames().forEach(name -> ends.add(ctx.endTo(name)));
    return ends;
  }

  /** Ends from {@code client} to every server of this controller. */
  public List<Peer> endsFrom(Client client) {
    return client.ends(group);
  }

  /** Crashes server {@code i} (it keeps what it persisted). */
  public void crash(int i) {
    group.crash(i);
  }

  /** Starts server {@code i} from what it persisted and connects it. */
  public void restart(int i) {
    group.restart(i);
  }

  /** The connected server that claims to lead the newest term, if any. */
  public Optional<Integer> leader() {
    int best = -1;
    int bestTerm = -1;
    for (int i = 0; i < group.size(); i++) {
      if (group.isConnected(i)) {
        Optional<RaftApi.State> s = group.call(i, "rsm().raft().getState()", c -> c.rsm().raft().getState());
        if (s.isPresent() && s.get().isLeader() && s.get().term() > bestTerm) {
          best = i;
          bestTerm = s.get().term();
        }
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }

  /** Waits (up to about 5 s) for a connected leader; fails if none appears. */
  public int awaitLeader() {
    for (int iter = 0; iter < 50; iter++) {
      Optional<Integer> l = leader();
      if (l.isPresent()) {
        return l.get();
      }
      Env.sleep(100);
    }
    throw new AssertionError("no connected controller server claimed to be Raft leader within 5 s (connected: "
        + group.connectedServers() + "): is Raft electing a leader? (Lab 2's tests should pass first)");
  }
}
