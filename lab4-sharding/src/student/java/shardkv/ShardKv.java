package shardkv;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import labs.net.Peer;
import labs.persist.Persister;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.StateMachine;
import shardctrler.Config;
import shardkv.ShardKvRpc.GetArgs;
import shardkv.ShardKvRpc.GetReply;
import shardkv.ShardKvRpc.InstallShardArgs;
import shardkv.ShardKvRpc.InstallShardReply;
import shardkv.ShardKvRpc.PutArgs;
import shardkv.ShardKvRpc.PutReply;

/**
 * One server of a shard group (parts 4B and 4C): the file you write. Read the handout ({@code
 * handouts/lab4-sharding.md}) first; you may add classes of your own to this package (for example
 * one for the group's state and its rules, and records for the group's own commands).
 *
 * <p>A group is your Lab 3 key/value server for some of the shards: a {@link StateMachine} on an
 * {@link Rsm}, with Lab 3's versioned get and put for the keys of the shards its current
 * configuration gives it, and {@link Err#WRONG_GROUP} for every other key. What is new:
 *
 * <ol>
 *   <li><b>Configurations one at a time, in order, through the log.</b> The leader polls the
 *       controller about every 100 ms ({@code new shardctrler.Clerk(ctrlers).query(current + 1)})
 *       and submits the next configuration as a command of its own; every replica switches when
 *       it applies that command, so all of them switch at the same point between client requests.
 *       Never jump to the latest: skipping configuration n skips its shard moves. Take n + 1 only
 *       once every shard move of n is finished.
 *   <li><b>Ownership is decided in {@link #apply}</b>, at the request's place in the log, not in
 *       the handler: a configuration change applied between the handler's check and the request
 *       would make the answer stale.
 *   <li><b>Moving a shard.</b> The group that had a shard in n - 1 and not in n sends its data to
 *       the group that has it in n ({@link ShardKvRpc#INSTALL_SHARD}, tagged with n). Until the
 *       data arrives the receiver refuses the shard's keys: answering from an empty map is
 *       answering from stale data. The sender refuses them too, from the moment it takes n: it
 *       must not accept a put the receiver will never see. A shard that n gives to gid 0 (every
 *       group has left) is not dropped: its group keeps the data, unserved, and hands it to the
 *       group a later configuration gives the shard to. So a shard gained from gid 0 starts empty
 *       only if no group has ever had it (the first join); otherwise its data is still on the way.
 *   <li><b>Fencing by configuration number.</b> A push is stored only if it is for the receiver's
 *       current configuration and the receiver still waits for that shard. An older push is a late
 *       or duplicate copy (it must not overwrite newer data); a newer one is early (answer
 *       {@link Err#NOT_READY}, and the sender tries again).
 *   <li><b>Duplicate-safe migration.</b> Pushes are lost, repeated and answered late, and leaders
 *       change halfway: storing the same push twice, or a push for a shard already served, must
 *       change nothing, and a receiver answers OK for a push it has stored before.
 *   <li><b>Delete only after the new owner stored it</b> (challenge 1). Once the receiver has
 *       answered OK, the sender puts a command of its own in its log that drops the shard. Never
 *       before: until then the sender's copy is the only one. Dropped shards must also leave the
 *       snapshot.
 *   <li><b>Serve what does not move</b> (challenge 2). During a change, shards that stay in the
 *       group keep serving, and a shard that arrives is served at once, not after the others.
 *   <li><b>A new leader logs something of its own term.</b> Raft commits an entry of an earlier
 *       term only together with one of the current term (Figure 8). After a whole group restarts,
 *       a stored push can sit uncommitted in the log while no client calls the group and the
 *       poller waits for that very shard: submit a no-op command when this server becomes leader.
 * </ol>
 *
 * <p>Threading: the handlers run on many threads and block in {@code submit}; {@link #apply},
 * {@link #takeSnapshot} and {@link #restoreSnapshot} run on the rsm's applier; your poller and
 * mover are threads of your own ({@code Env.go}), which work only while this server leads ({@code
 * rsm.raft().getState().isLeader()}) and end once {@link #kill} was called. Guard every shared
 * field with {@link #lock}, and never hold it while calling {@code submit}, the controller or
 * another group.
 */
public class ShardKv implements StateMachine {
  private final ReentrantLock lock = new ReentrantLock(); // guards your state
  private final int gid;                            // this server's group
  private final List<Peer> ctrlers;                 // the controller's servers (for a shardctrler.Clerk)
  private final Function<String, Peer> makeEnd;     // server name (as in Config.groups()) -> an end to it
  private final Rsm rsm;

  // TODO(4B): the group's state: its current configuration (Config.initial() at first), and for
  // each shard it holds, the data (key -> value and version) and whether it is served, waited for
  // or being sent. It all goes into the snapshot.

  /**
   * Starts a server of group {@code gid}: its rsm and, under it, Raft; and your background threads.
   *
   * @param peers one end per server of this group ({@code peers.get(me)} is this one's own)
   * @param me this server's index in {@code peers}
   * @param persister this server's stable storage
   * @param maxRaftState snapshot when Raft's persisted state nears this many bytes; -1: never
   * @param gid this server's group
   * @param ctrlers one end per server of the shard controller
   * @param makeEnd an end to any server of any group, by the name a configuration gives it
   * @param raftFactory makes the Raft peer (pass it on to the rsm)
   */
  public ShardKv(List<Peer> peers, int me, Persister persister, int maxRaftState, int gid, List<Peer> ctrlers,
      Function<String, Peer> makeEnd, RaftFactory raftFactory) {
    this.gid = gid;
    this.ctrlers = List.copyOf(ctrlers);
    this.makeEnd = makeEnd;
    // Set every field before the rsm starts: it may call restoreSnapshot and apply at once.
    this.rsm = new Rsm(peers, me, persister, maxRaftState, this, raftFactory);
    // TODO(4B): start the poller (next configuration, see the class comment) and the mover
    // (pushes the shards this group must hand over), e.g. Env.go("poller", this::poll).
  }

  /** The rsm under this server (the tester reaches Raft through it; do not change). */
  public Rsm rsm() {
    return rsm;
  }

  /** Shuts the server down (the tester calls it): the rsm kills Raft; your threads must end too. */
  public void kill() {
    rsm.kill();
    // TODO(4B): tell your threads to stop.
  }

  /** The Get RPC handler. */
  public GetReply get(GetArgs args) {
    // TODO(4B): submit args to the rsm and answer what apply returned (OK, NO_KEY or WRONG_GROUP);
    // WrongLeader becomes Err.WRONG_LEADER.
    return new GetReply("", 0, Err.WRONG_LEADER);
  }

  /** The Put RPC handler. */
  public PutReply put(PutArgs args) {
    // TODO(4B): as get (OK, VERSION, NO_KEY or WRONG_GROUP).
    return new PutReply(Err.WRONG_LEADER);
  }

  /** The InstallShard RPC handler: another group pushes a shard here. */
  public InstallShardReply installShard(InstallShardArgs args) {
    // TODO(4B): a push for a configuration after this group's current one: NOT_READY (no need to
    // log it). Otherwise submit it; apply stores it only if args.configNum() is the current
    // configuration and the shard is still awaited, and answers OK in every other case (stored
    // now, stored before, or from a configuration already passed).
    return new InstallShardReply(Err.WRONG_LEADER);
  }

  @Override
  public Object apply(Object command) {
    // TODO(4B): under the lock, by the command's type: GetArgs, PutArgs (only for a shard this
    // group serves now, else WRONG_GROUP), InstallShardArgs, and your own commands (the next
    // configuration; challenge 1: a shard was handed over). Every replica runs the same commands
    // in the same order: decide only from the command and the state, never from the clock.
    throw new UnsupportedOperationException("TODO(4B): ShardKv.apply is not written yet (group " + gid + ", "
        + Config.NSHARDS + " shards)");
  }

  @Override
  public byte[] takeSnapshot() {
    // TODO(4B): Codec.encode the whole state: the configuration and every shard held, with its data
    // and its phase (a snapshot without the phases would serve a shard whose data never arrived).
    return new byte[0];
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    // TODO(4B): replace the state with the one decoded from snapshot.
  }
}
