package shardctrler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Peer;
import labs.persist.Persister;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.StateMachine;
import shardctrler.CtrlerRpc.ChangeReply;
import shardctrler.CtrlerRpc.JoinArgs;
import shardctrler.CtrlerRpc.LeaveArgs;
import shardctrler.CtrlerRpc.MoveArgs;
import shardctrler.CtrlerRpc.QueryArgs;
import shardctrler.CtrlerRpc.QueryReply;

/**
 * One server of the shard controller (part 4A): the file you write. Read the handout ({@code
 * handouts/lab4-sharding.md}) first.
 *
 * <p>The controller keeps the numbered list of {@link Config configurations}, 0 first ({@link
 * Config#initial()}: no groups). It is a {@link StateMachine} on your Lab 3 {@link Rsm}, like your
 * key/value server: each RPC handler submits its arguments (the {@link CtrlerRpc} records make
 * good commands) and answers with what {@link #apply} returned.
 *
 * <ul>
 *   <li><b>Join</b> adds groups and <b>Leave</b> removes them; each makes one new configuration
 *       (number + 1) with the shards spread by {@link Rebalance#assign}. A join of gids that are
 *       all there already, or a leave of gids that are all gone, makes none: that is how a request
 *       the clerk resent after its first copy was applied does no harm.
 *   <li><b>Move</b> gives one shard to one group (a new configuration, unless it changes nothing).
 *   <li><b>Query</b> returns configuration n; -1, or a number past the latest, returns the latest.
 * </ul>
 *
 * <p>Every request goes through the log, queries too: a leader cut off in a minority does not know
 * it lost, and its own list may lack configurations the majority has made since. A configuration,
 * once made, never changes: keep each one as the immutable {@link Config} it is.
 *
 * <p>Threading: the handlers run on many threads and block in {@code submit}; {@link #apply},
 * {@link #takeSnapshot} and {@link #restoreSnapshot} run on the rsm's applier. Guard the list with
 * {@link #lock}, and never hold it while calling {@code submit}.
 */
public class ShardCtrler implements StateMachine {
  private final ReentrantLock lock = new ReentrantLock(); // guards configs
  private List<Config> configs = new ArrayList<>(List.of(Config.initial())); // configs.get(n) is number n
  private final Rsm rsm;

  /**
   * Starts a controller server: its rsm and, under it, Raft.
   *
   * @param peers one end per server of the controller ({@code peers.get(me)} is this one's own)
   * @param me this server's index in {@code peers}
   * @param persister this server's stable storage
   * @param maxRaftState snapshot when Raft's persisted state nears this many bytes; -1: never
   * @param raftFactory makes the Raft peer (pass it on to the rsm)
   */
  public ShardCtrler(List<Peer> peers, int me, Persister persister, int maxRaftState, RaftFactory raftFactory) {
    // Keep this the last statement: the rsm may call apply on this object at once.
    this.rsm = new Rsm(peers, me, persister, maxRaftState, this, raftFactory);
  }

  /** The rsm under this server (the tester reaches Raft through it; do not change). */
  public Rsm rsm() {
    return rsm;
  }

  /** Shuts the server down (the tester calls it). */
  public void kill() {
    rsm.kill();
  }

  /** The Join RPC handler. */
  public ChangeReply join(JoinArgs args) {
    // TODO(4A): submit args to the rsm; Applied carries apply's ChangeReply, WrongLeader becomes
    // Err.WRONG_LEADER (the given Clerk then tries the next server). Leave and move: the same.
    return new ChangeReply(Err.WRONG_LEADER);
  }

  /** The Leave RPC handler. */
  public ChangeReply leave(LeaveArgs args) {
    // TODO(4A): as join.
    return new ChangeReply(Err.WRONG_LEADER);
  }

  /** The Move RPC handler. */
  public ChangeReply move(MoveArgs args) {
    // TODO(4A): as join.
    return new ChangeReply(Err.WRONG_LEADER);
  }

  /** The Query RPC handler. */
  public QueryReply query(QueryArgs args) {
    // TODO(4A): as join, through the log: never answer from this replica's own list, which may be
    // stale. The reply carries the configuration (null with WRONG_LEADER).
    return new QueryReply(null, Err.WRONG_LEADER);
  }

  @Override
  public Object apply(Object command) {
    // TODO(4A): under the lock, by the command's type: a QueryArgs returns a QueryReply; a
    // JoinArgs, LeaveArgs or MoveArgs appends the next configuration if it changes something
    // (latest.next(Rebalance.assign(...), groups)) and returns ChangeReply(OK) either way. This
    // runs on every replica in log order, so it must decide the same on each.
    throw new UnsupportedOperationException("TODO(4A): ShardCtrler.apply is not written yet");
  }

  @Override
  public byte[] takeSnapshot() {
    // TODO(4A): Codec.encode a record holding every configuration. (The tests run the controller
    // with maxRaftState -1, so only your own tests call this.)
    return new byte[0];
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    // TODO(4A): replace the configurations with the ones decoded from snapshot.
  }
}
