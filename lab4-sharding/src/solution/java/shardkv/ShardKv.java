package shardkv;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import labs.net.Codec;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Env;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.StateMachine;
import rsm.SubmitResult;
import shardctrler.Config;
import raft.RaftApi;
import shardkv.GroupState.NoOp;
import shardkv.GroupState.Reconfigure;
import shardkv.GroupState.ShardSent;
import shardkv.ShardKvRpc.Entry;
import shardkv.ShardKvRpc.GetArgs;
import shardkv.ShardKvRpc.GetReply;
import shardkv.ShardKvRpc.InstallShardArgs;
import shardkv.ShardKvRpc.InstallShardReply;
import shardkv.ShardKvRpc.PutArgs;
import shardkv.ShardKvRpc.PutReply;

/**
 * The reference shard group server: a versioned key/value store for the shards its
 * configuration gives it, replicated by an {@link Rsm} ({@link GroupState} is the state and its
 * rules), plus two background threads that only work on the group's leader.
 *
 * <ul>
 *   <li>The <b>poller</b> asks the controller about every {@value #POLL_MS} ms for the
 *       configuration after the group's current one, once the current one is done, and puts it
 *       in the log (after an empty entry at the start of each term it leads: see the poller). Every replica takes it when it applies that entry, so all replicas change
 *       configuration at the same point between client requests. It polls whether or not the
 *       group is in the configuration: a group that has left may hold parked shards (every group
 *       left), which it must hand to whichever group a later configuration gives them to.
 *   <li>The <b>mover</b> pushes every SENDING shard to the group that serves it now
 *       ({@link ShardKvRpc#INSTALL_SHARD}, tagged with the configuration number), each shard on a
 *       thread of its own, and once the receiver answers OK puts a {@link ShardSent} in the log,
 *       which deletes the shard here.
 * </ul>
 *
 * <p>Why migration is safe when messages are lost, duplicated or late, and leaders change: the
 * sender keeps the shard until the receiver confirms it has it in its log (so a lost push, a lost
 * reply, or a new sender leader only means another push); the receiver stores a push only for its
 * current configuration and only while it waits for that shard (so a copy that arrives twice, or
 * late, from an old leader of the sender, changes nothing); and the receiver answers OK only once
 * the shard is stored, or for a configuration it has passed, which it could not have done without
 * the shard.
 *
 * <p>Lock order: the handlers and the threads take {@link #lock} only to read the state, never
 * while they call {@code submit} or another group.
 */
public class ShardKv implements StateMachine {
  /** How often the leader asks the controller for the next configuration. */
  static final long POLL_MS = 100;
  /** How often the leader looks for shards to push. */
  static final long MOVE_MS = 50;

  private final ReentrantLock lock = new ReentrantLock(); // guards state and pushing
  private final GroupState state;
  private final Set<Integer> pushing = new TreeSet<>(); // shards with a push under way from this replica
  private final int gid;
  private final shardctrler.Clerk ctrler;
  private final Function<String, Peer> makeEnd;
  private volatile boolean dead;
  private final Rsm rsm;

  /**
   * Starts a server of group {@code gid}: its rsm (which restores the state from the last
   * snapshot), Raft under it, and the poller and mover threads.
   *
   * @param peers one end per server of this group ({@code peers.get(me)} is this one's own)
   * @param maxRaftState snapshot when Raft's persisted state nears this many bytes; -1: never
   * @param ctrlers one end per server of the shard controller
   * @param makeEnd an end to any server of another group, by name
   */
  public ShardKv(List<Peer> peers, int me, Persister persister, int maxRaftState, int gid, List<Peer> ctrlers,
      Function<String, Peer> makeEnd, RaftFactory raftFactory) {
    this.gid = gid;
    this.state = new GroupState(gid);
    this.ctrler = new shardctrler.Clerk(ctrlers);
    this.makeEnd = makeEnd;
    this.rsm = new Rsm(peers, me, persister, maxRaftState, this, raftFactory);
    Env.go("poller", this::pollConfigurations);
    Env.go("mover", this::moveShards);
  }

  /** The rsm under this server (the tester reaches Raft through it). */
  public Rsm rsm() {
    return rsm;
  }

  /** Shuts the server down: the rsm kills Raft, and the threads stop. */
  public void kill() {
    dead = true;
    rsm.kill();
  }

  // ------------------------------------------------------------------ the RPC handlers

  public GetReply get(GetArgs args) {
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(GetReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new GetReply("", 0, Err.WRONG_LEADER);
    };
  }

  public PutReply put(PutArgs args) {
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(PutReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new PutReply(Err.WRONG_LEADER);
    };
  }

  /** Another group pushes a shard here (see the class comment for why this is safe). */
  public InstallShardReply installShard(InstallShardArgs args) {
    lock.lock();
    try {
      // Not yet at that configuration: say so without putting the shard's data in the log, as
      // the sender retries until this group catches up. (The decision that counts is apply's.)
      if (args.configNum() > state.config().num()) {
        return new InstallShardReply(Err.NOT_READY);
      }
    } finally {
      lock.unlock();
    }
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(InstallShardReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new InstallShardReply(Err.WRONG_LEADER);
    };
  }

  private static IllegalStateException unexpected(Object args, SubmitResult result) {
    return new IllegalStateException("the rsm answered " + args + " with " + result);
  }

  // ------------------------------------------------------------------ the poller

  /**
   * On the leader: once the current configuration is done, asks for the next one (by number: the
   * latest could be several ahead, and skipping one would skip its shard moves) and logs it.
   *
   * <p>First, in each term it leads, it logs a {@link NoOp}. Raft commits an entry of an earlier
   * term only together with one of the leader's own term (section 5.4.2 of the Raft paper), and a
   * restarted server applies only what is committed. So after every server of a group restarts,
   * the group's last entries (the install of a shard it waits for, say) can sit uncommitted in its
   * log; if no client calls the group (the clients' configuration sends them elsewhere) and the
   * group waits for that shard before it polls again, nothing new is ever logged and the group
   * waits forever for data its own log holds. The empty entry commits them.
   */
  private void pollConfigurations() {
    int noOpTerm = 0; // the term whose NoOp was applied; read and written by this thread only
    while (!dead) {
      RaftApi.State raft = rsm.raft().getState();
      if (raft.isLeader() && raft.term() != noOpTerm && rsm.submit(new NoOp()) instanceof SubmitResult.Applied) {
        noOpTerm = raft.term();
      }
      if (raft.isLeader()) {
        int num;
        boolean settled;
        lock.lock();
        try {
          num = state.config().num();
          settled = state.settled();
        } finally {
          lock.unlock();
        }
        if (settled) {
          Config next = ctrler.query(num + 1);
          if (next.num() == num + 1) {
            rsm.submit(new Reconfigure(next));
          }
        }
      }
      Env.sleep(POLL_MS);
    }
  }

  // ------------------------------------------------------------------ the mover

  /** On the leader: starts a push for every SENDING shard that has none under way. */
  private void moveShards() {
    while (!dead) {
      if (rsm.raft().getState().isLeader()) {
        Config config;
        Map<Integer, Map<String, Entry>> sending;
        lock.lock();
        try {
          config = state.config();
          sending = state.sending();
          sending.keySet().removeAll(pushing);
          pushing.addAll(sending.keySet());
        } finally {
          lock.unlock();
        }
        sending.forEach((shard, data) -> Env.go("push-" + shard, () -> push(config, shard, data)));
      }
      Env.sleep(MOVE_MS);
    }
  }

  /**
   * Sends {@code shard} to each server of its new group until one stores it, then logs that it was
   * sent (which deletes it here). No answer, WRONG_LEADER or NOT_READY from every server: the
   * mover tries again later.
   */
  private void push(Config config, int shard, Map<String, Entry> data) {
    try {
      InstallShardArgs args = new InstallShardArgs(config.num(), shard, data);
      for (String server : config.groups().get(config.gidOf(shard))) {
        Optional<InstallShardReply> reply = makeEnd.apply(server).call(ShardKvRpc.INSTALL_SHARD, args);
        if (reply.isPresent() && reply.get().err() == Err.OK) {
          // Only now, with the receiver's copy in its log, may ours go.
          rsm.submit(new ShardSent(config.num(), shard));
          return;
        }
      }
    } finally {
      lock.lock();
      try {
        pushing.remove(shard);
      } finally {
        lock.unlock();
      }
    }
  }

  // ------------------------------------------------------------------ the state machine

  @Override
  public Object apply(Object command) {
    lock.lock();
    try {
      int before = state.config().num();
      Object result = state.apply(command);
      if (state.config().num() != before) {
        Env.log("group %d: configuration %d, serving %s", gid, state.config().num(), state.servingShards());
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public byte[] takeSnapshot() {
    lock.lock();
    try {
      return Codec.encode(state.snapshot());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    GroupState.Snapshot s = Codec.decode(snapshot, GroupState.Snapshot.class);
    lock.lock();
    try {
      state.restore(s);
    } finally {
      lock.unlock();
    }
  }
}
