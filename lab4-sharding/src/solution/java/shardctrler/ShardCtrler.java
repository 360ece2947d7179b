package shardctrler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Codec;
import labs.net.Peer;
import labs.persist.Persister;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.StateMachine;
import rsm.SubmitResult;
import shardctrler.CtrlerRpc.ChangeReply;
import shardctrler.CtrlerRpc.JoinArgs;
import shardctrler.CtrlerRpc.LeaveArgs;
import shardctrler.CtrlerRpc.MoveArgs;
import shardctrler.CtrlerRpc.QueryArgs;
import shardctrler.CtrlerRpc.QueryReply;

/**
 * The reference shard controller: the list of configurations, replicated by an {@link Rsm}.
 *
 * <p>Every request goes through the log, queries too: a query answered from this replica's own
 * list could miss a configuration a newer leader has made (a leader cut off in a minority does
 * not know it lost). The list changes only in {@link #apply}, in log order, identically on every
 * replica, because {@link Rebalance} is deterministic.
 *
 * <p>No table of client requests is needed: a join, leave or move applied twice (a clerk resent
 * it after its first copy was applied) finds nothing left to change the second time and makes no
 * new configuration.
 */
public class ShardCtrler implements StateMachine {
  /** What a snapshot holds: every configuration, 0 first. */
  record Configs(List<Config> configs) {}

  private final ReentrantLock lock = new ReentrantLock(); // guards configs
  private List<Config> configs = new ArrayList<>(List.of(Config.initial()));
  private final Rsm rsm;

  /**
   * Starts a controller server: its rsm (which restores the configurations from the last
   * snapshot) and Raft under it.
   *
   * @param maxRaftState snapshot when Raft's persisted state nears this many bytes; -1: never
   */
  public ShardCtrler(List<Peer> peers, int me, Persister persister, int maxRaftState, RaftFactory raftFactory) {
    this.rsm = new Rsm(peers, me, persister, maxRaftState, this, raftFactory);
  }

  /** The rsm under this server (the tester reaches Raft through it). */
  public Rsm rsm() {
    return rsm;
  }

  /** Shuts the server down. */
  public void kill() {
    rsm.kill();
  }

  // ------------------------------------------------------------------ the RPC handlers

  public ChangeReply join(JoinArgs args) {
    return change(args);
  }

  public ChangeReply leave(LeaveArgs args) {
    return change(args);
  }

  public ChangeReply move(MoveArgs args) {
    return change(args);
  }

  public QueryReply query(QueryArgs args) {
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(QueryReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new QueryReply(null, Err.WRONG_LEADER);
    };
  }

  private ChangeReply change(Object args) {
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(ChangeReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new ChangeReply(Err.WRONG_LEADER);
    };
  }

  private static IllegalStateException unexpected(Object args, SubmitResult result) {
    return new IllegalStateException("the rsm answered " + args + " with " + result);
  }

  // ------------------------------------------------------------------ the state machine

  @Override
  public Object apply(Object command) {
    lock.lock();
    try {
      Config latest = configs.getLast();
      return switch (command) {
        case QueryArgs q -> new QueryReply(q.num() < 0 || q.num() >= configs.size() ? latest : configs.get(q.num()),
            Err.OK);
        case JoinArgs j -> add(joined(latest, j.groups()));
        case LeaveArgs l -> add(left(latest, l.gids()));
        case MoveArgs m -> add(moved(latest, m.shard(), m.gid()));
        default -> throw new IllegalArgumentException("not a controller command: " + command);
      };
    } finally {
      lock.unlock();
    }
  }

  /** Appends {@code next} (if it is a change) to the configurations (caller holds the lock). */
  private ChangeReply add(Config next) {
    if (next != null) {
      configs.add(next);
    }
    return new ChangeReply(Err.OK);
  }

  /** The configuration after {@code c} with the new groups of {@code join}; null if none is new. */
  private static Config joined(Config c, Map<Integer, List<String>> join) {
    Map<Integer, List<String>> groups = new TreeMap<>(c.groups());
    join.forEach(groups::putIfAbsent); // a gid already there keeps its servers (a resent join)
    if (groups.size() == c.groups().size()) {
      return null;
    }
    return c.next(Rebalance.assign(c.shards(), groups.keySet()), groups);
  }

  /** The configuration after {@code c} without the groups of {@code leave}; null if none was there. */
  private static Config left(Config c, List<Integer> leave) {
    Map<Integer, List<String>> groups = new TreeMap<>(c.groups());
    leave.forEach(groups::remove);
    if (groups.size() == c.groups().size()) {
      return null;
    }
    return c.next(Rebalance.assign(c.shards(), groups.keySet()), groups);
  }

  /** The configuration after {@code c} with {@code shard} on {@code gid}; null if that changes nothing. */
  private static Config moved(Config c, int shard, int gid) {
    if (shard < 0 || shard >= Config.NSHARDS || !c.groups().containsKey(gid) || c.gidOf(shard) == gid) {
      return null;
    }
    List<Integer> shards = new ArrayList<>(c.shards());
    shards.set(shard, gid);
    return c.next(shards, c.groups());
  }

  @Override
  public byte[] takeSnapshot() {
    lock.lock();
    try {
      return Codec.encode(new Configs(configs));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    Configs c = Codec.decode(snapshot, Configs.class);
    lock.lock();
    try {
      configs = new ArrayList<>(c.configs());
    } finally {
      lock.unlock();
    }
  }
}
