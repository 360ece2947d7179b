package raft;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Codec;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Channel;
import labs.runtime.Env;
import raft.RaftRpc.AppendEntriesArgs;
import raft.RaftRpc.AppendEntriesReply;
import raft.RaftRpc.InstallSnapshotArgs;
import raft.RaftRpc.InstallSnapshotReply;
import raft.RaftRpc.LogEntry;
import raft.RaftRpc.RequestVoteArgs;
import raft.RaftRpc.RequestVoteReply;

/**
 * One Raft peer: the file you write. Read the handout ({@code handouts/lab2-raft.md}) and Figure 2
 * of the extended Raft paper first; the fields below use its names.
 *
 * <p>The tester creates one {@code Raft} per server with {@code new Raft(peers, me, persister,
 * applyCh)}, calls {@link #start}, {@link #getState} and {@link #snapshot} from its own threads,
 * and delivers RPCs from other peers to {@link #requestVote}, {@link #appendEntries} and
 * {@link #installSnapshot}, each on a new thread. Many of these run at the same time: guard your
 * state with {@link #lock}.
 *
 * <p>Rules, so that every test run can be replayed exactly from its seed:
 *
 * <ul>
 *   <li>threads: {@code Env.go("name", runnable)}, never {@code new Thread} or an executor;
 *   <li>time: {@code Env.sleep(ms)} and {@code Env.nowMillis()}, never {@code Thread.sleep} or
 *       {@code System.currentTimeMillis()};
 *   <li>randomness: {@code Env.random()}, never {@code new Random()} or {@code Math.random()};
 *   <li>debug output: {@code Env.log("format", args)}, shown with {@code -Dlabs.debug=true};
 *   <li>never hold {@link #lock} while you wait for an RPC reply or sleep.
 * </ul>
 */
public class Raft implements RaftApi {
  private final ReentrantLock lock = new ReentrantLock(); // guards every field below
  private final List<Peer> peers;     // one end per peer, this one's own included
  private final int me;               // this peer's index in peers
  private final Persister persister;  // where this peer saves its persistent state
  private final Channel<ApplyMsg> applyCh; // where committed commands go, in log order
  private volatile boolean dead;      // set by kill()

  // TODO(2A): the state of Figure 2. A possible set of fields:
  //
  // Persistent state on all servers (save it with persist() before answering any RPC):
  //   int currentTerm;        latest term this server has seen (0 at first boot)
  //   int votedFor = -1;      candidateId that received our vote in currentTerm, or -1
  //   List<LogEntry> log;     log entries; each holds a command and the term it was received in
  //                           (the paper's log starts at index 1: a dummy entry 0 helps)
  //
  // Volatile state on all servers:
  //   int commitIndex;        highest log index known to be committed
  //   int lastApplied;        highest log index sent on applyCh
  //
  // Volatile state on leaders (reinitialized after each election):
  //   int[] nextIndex;        for each peer, index of the next log entry to send it
  //   int[] matchIndex;       for each peer, highest index known to be replicated on it
  //
  // And what Figure 2 leaves implicit: whether this peer is a follower, candidate or leader, and
  // when its election timer expires.

  /**
   * Creates a peer and starts its background threads; must return quickly.
   *
   * @param peers one end per peer of the cluster ({@code peers.get(me)} is this peer's own)
   * @param me this peer's index in {@code peers}
   * @param persister this peer's stable storage: holds what its previous life saved, if anything
   * @param applyCh where to send committed commands (and, in 2D, installed snapshots), in order
   */
  public Raft(List<Peer> peers, int me, Persister persister, Channel<ApplyMsg> applyCh) {
    this.peers = List.copyOf(peers);
    this.me = me;
    this.persister = persister;
    this.applyCh = applyCh;

    // TODO(2A): initialize your state.

    // Restore what a previous life of this peer saved (2C).
    readPersist(persister.readRaftState());

    // The thread that starts elections.
    Env.go("ticker", this::ticker);
    // TODO(2B): start a thread that sends newly committed entries on applyCh.
  }

  /** The current term and whether this peer believes it is the leader. */
  @Override
  public State getState() {
    // TODO(2A): report your own term and role.
    return new State(0, false);
  }

  /**
   * Saves the persistent state (Figure 2), and the latest snapshot once there is one (2D).
   * Call it with the lock held, every time that state changes, before you answer an RPC.
   */
  private void persist() {
    // TODO(2C): for example, with a record PersistentState(int currentTerm, int votedFor,
    // List<LogEntry> log) declared in this class:
    //   persister.save(Codec.encode(new PersistentState(currentTerm, votedFor, log)), snapshot);
  }

  /** Restores the state {@link #persist} saved; {@code data} is empty on the first boot. */
  private void readPersist(byte[] data) {
    if (data.length == 0) {
      return;
    }
    // TODO(2C): for example:
    //   PersistentState s = Codec.decode(data, PersistentState.class);
    //   currentTerm = s.currentTerm(); ...
  }

  /**
   * The service has saved a snapshot that holds everything up to and including {@code index}:
   * discard those log entries, and save the snapshot with your state.
   */
  @Override
  public void snapshot(int index, byte[] snapshot) {
    // TODO(2D)
  }

  /** Handles RequestVote from a candidate (Figure 2, "RequestVote RPC"). */
  @Override
  public RequestVoteReply requestVote(RequestVoteArgs args) {
    // TODO(2A): grant at most one vote per term; update currentTerm from args.term().
    // TODO(2B): and only to a candidate whose log is at least as up-to-date as yours (5.4.1).
    return new RequestVoteReply(0, false);
  }

  /** Handles AppendEntries from a leader: a heartbeat, or entries to add (Figure 2). */
  @Override
  public AppendEntriesReply appendEntries(AppendEntriesArgs args) {
    // TODO(2A): a heartbeat from the current leader resets your election timer.
    // TODO(2B): check prevLogIndex/prevLogTerm, add the entries, advance commitIndex. On a
    //           mismatch, fill in conflictTerm/conflictIndex so the leader can back up fast.
    return new AppendEntriesReply(0, false, -1, -1);
  }

  /** Handles InstallSnapshot from a leader (Figure 13): replace your log by the snapshot. */
  @Override
  public InstallSnapshotReply installSnapshot(InstallSnapshotArgs args) {
    // TODO(2D): install the snapshot if it is newer than what you have, persist it, and send it
    //           to the service on applyCh as an ApplyMsg.Snapshot.
    return new InstallSnapshotReply(0);
  }

  /**
   * An example of sending an RPC: blocks until the reply arrives, or returns empty if none
   * came (lost request, lost reply, or the peer is down or cut off — possibly after seconds).
   * So never call it while holding the lock; send to each peer from its own thread:
   * {@code Env.go("vote", () -> sendRequestVote(peer, args))}.
   */
  private Optional<RequestVoteReply> sendRequestVote(int server, RequestVoteArgs args) {
    return peers.get(server).call(RaftRpc.REQUEST_VOTE, args);
  }

  /**
   * Starts agreement on the next command. Returns at once, without waiting for the command to
   * be committed: if this peer is the leader, with the index the command will have, the
   * current term and true; if not, with isLeader false.
   */
  @Override
  public StartResult start(Object command) {
    // TODO(2B): a leader appends the command to its log and starts replicating it.
    return new StartResult(-1, -1, false);
  }

  /**
   * The tester calls kill() when this peer should stop. Let long-running loops check
   * {@link #killed()} so they end.
   */
  @Override
  public void kill() {
    dead = true;
    // TODO: wake up any thread of yours that waits on a condition, so it can see killed().
  }

  private boolean killed() {
    return dead;
  }

  /** Starts an election when the election timer runs out. */
  private void ticker() {
    while (!killed()) {
      // TODO(2A): if this peer has not heard from a leader (or granted a vote) within the
      // election timeout, start an election. A leader sends heartbeats instead: at most ten per
      // second (the tests count RPCs).

      // Pause for a random time between 50 and 350 ms: randomized timing keeps peers from all
      // starting elections at once. Pick your own election timeout: larger than the paper's
      // 150-300 ms (heartbeats here are slower), yet small enough to elect a leader within 5 s.
      Env.sleep(50 + Env.random().nextInt(300));
    }
  }
}
