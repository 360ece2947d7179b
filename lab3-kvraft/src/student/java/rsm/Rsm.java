package rsm;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Channel;
import labs.runtime.Env;
import raft.ApplyMsg;
import raft.RaftApi;

/**
 * The replicated state machine layer (part 3A; snapshots in part 3C): the file you write. Read
 * the handout ({@code handouts/lab3-kvraft.md}) first.
 *
 * <p>A service (the key/value server, a shard group in Lab 4, or the test's counter) is a {@link
 * StateMachine}. It hands each client request to {@link #submit}, which must run it through Raft
 * and return the service's result once the command is committed and applied on this replica.
 * Every replica applies every committed command, in log order, on one applier thread of yours.
 *
 * <p>Threading: {@link #submit} is called by many RPC handler threads at once, and blocks; your
 * applier runs at the same time. Guard shared fields with {@link #lock}, and never hold it while
 * you wait, sleep, or call the service. The same rules as in Lab 2 apply: {@code Env.go} for
 * threads, {@code Env.sleep}/{@code Env.nowMillis} for time, {@code Channel} or {@code TimedLock}
 * for waiting with a timeout.
 */
public class Rsm {
  /**
   * A submit that has not seen its command applied after this long gives up and returns {@link
   * SubmitResult.WrongLeader}: a leader cut off in a minority never learns that it lost, and the
   * clerk must get the chance to try another server.
   */
  public static final long SUBMIT_TIMEOUT_MS = 2000;

  private final ReentrantLock lock = new ReentrantLock(); // guards your shared fields
  private final int me;                 // this replica's index in the group
  private final int maxRaftState;       // snapshot when Raft's state nears this many bytes; -1: never
  private final Persister persister;    // this replica's stable storage (Raft state + snapshot)
  private final StateMachine service;   // the service to replicate
  private final Channel<ApplyMsg> applyCh = new Channel<>(); // where Raft sends what it commits
  private final RaftApi raft;           // the Raft peer under this replica

  // TODO(3A): the rest of your state. You will need at least a way to recognise your own command
  // when it comes back out of the log (wrap it in a record of your own with an id), and a table
  // of the submits waiting for their log index to be applied.

  /**
   * Starts a replica and returns at once.
   *
   * @param peers one end per replica of the group, this one's own included (at {@code me})
   * @param me this replica's index in {@code peers}
   * @param persister this replica's stable storage
   * @param maxRaftState snapshot when Raft's persisted state reaches about this many bytes; -1:
   *     never snapshot
   * @param service the state machine to replicate
   * @param raftFactory makes the Raft peer: {@link RaftFactory#LAB2} (your Lab 2 Raft) normally
   */
  public Rsm(List<Peer> peers, int me, Persister persister, int maxRaftState, StateMachine service,
      RaftFactory raftFactory) {
    this.me = me;
    this.maxRaftState = maxRaftState;
    this.persister = persister;
    this.service = service;
    // TODO(3C): restore the service from persister.readSnapshot() (if it is not empty) before
    // Raft starts sending committed commands.
    this.raft = raftFactory.start(peers, me, persister, applyCh);
    // TODO(3A): start your applier thread, for example Env.go("rsm-applier", this::applier).
    Env.log("rsm %d started (skeleton)", me);
  }

  /** The Raft peer under this replica (the tester registers its RPC handlers; do not change). */
  public RaftApi raft() {
    return raft;
  }

  /**
   * Runs {@code command} through Raft and returns the service's result once this replica has
   * applied it; or {@link SubmitResult.WrongLeader} if this replica is not the leader, loses its
   * leadership or term while waiting, sees a different command applied at the command's index,
   * is killed, or has waited {@value #SUBMIT_TIMEOUT_MS} ms. Blocks; never call it while holding
   * the service's lock.
   */
  public SubmitResult submit(Object command) {
    // TODO(3A): wrap the command, call raft.start(...), and wait for the applier to apply that
    // index. Two subtle points (handout, "Part 3A"): the applier may apply the index before you
    // have filed your wait unless you file it under the same lock you hold around start(); and
    // a different command may be applied at your index if a new leader overwrote your entry.
    return new SubmitResult.WrongLeader();
  }

  /**
   * Stops this replica: kill its Raft peer, end the applier, and make every waiting {@link #submit}
   * return {@link SubmitResult.WrongLeader}. The tester calls it to shut a replica down.
   */
  public void kill() {
    raft.kill();
    // TODO(3A): end your applier (closing applyCh wakes a thread blocked in applyCh.receive())
    // and answer every waiting submit.
  }

  // TODO(3A): the applier: read applyCh (applyCh.receive() is empty once the channel is closed),
  // apply each ApplyMsg.Command to the service in order, and hand the result to the submit
  // waiting for that index, if any.
  // TODO(3C): after applying, if maxRaftState > 0 and persister.raftStateSize() nears it, call
  // raft.snapshot(index, service.takeSnapshot()); on an ApplyMsg.Snapshot, restore the service.
}
