package raft;

import raft.RaftRpc.AppendEntriesArgs;
import raft.RaftRpc.AppendEntriesReply;
import raft.RaftRpc.InstallSnapshotArgs;
import raft.RaftRpc.InstallSnapshotReply;
import raft.RaftRpc.RequestVoteArgs;
import raft.RaftRpc.RequestVoteReply;

/**
 * What the tester (and, in lab 3, the key/value server) sees of one Raft peer. Your class
 * {@code Raft} implements it; it is built with
 * {@code new Raft(peers, me, persister, applyCh)}.
 *
 * <p>Threading: every method may be called from any thread, at any time, concurrently with your
 * own threads and RPC handlers, and also after {@link #kill()}. All of them must return quickly:
 * never wait for agreement or for another peer inside them.
 */
public interface RaftApi {
  /** A peer's view of itself: its current term, and whether it believes it is the leader. */
  record State(int term, boolean isLeader) {}

  /**
   * The answer to {@link #start}: where the command will appear in the log if it is ever
   * committed, the current term, and whether this peer believes it is the leader (if not, the
   * command was ignored and index and term mean nothing).
   */
  record StartResult(int index, int term, boolean isLeader) {}

  /**
   * Asks this peer to append {@code command} to the replicated log. A leader appends it and
   * returns at once (before it is committed); any other peer returns {@code isLeader = false}.
   * There is no guarantee the command will ever be committed: a leader can lose an election
   * first. The command arrives on the apply channel once committed.
   */
  StartResult start(Object command);

  /** The current term and whether this peer believes it is the leader. */
  State getState();

  /**
   * The service has made a snapshot of its state that includes every command up to and
   * including {@code index}. Raft may now discard that part of its log, and must save the snapshot
   * with its state ({@code persister.save(state, snapshot)}) so a restarted peer gets it back.
   * Called from the thread that reads the apply channel.
   */
  void snapshot(int index, byte[] snapshot);

  /**
   * The tester is shutting this peer down. Your threads should stop soon (check a flag in every
   * loop). In the simulation a crashed peer's threads are stopped anyway; on real threads this is
   * what stops them.
   */
  void kill();

  /** Handles a RequestVote RPC from a candidate (part 2A). */
  RequestVoteReply requestVote(RequestVoteArgs args);

  /** Handles an AppendEntries RPC from a leader: a heartbeat (2A) or new entries (2B). */
  AppendEntriesReply appendEntries(AppendEntriesArgs args);

  /** Handles an InstallSnapshot RPC from a leader (part 2D). */
  InstallSnapshotReply installSnapshot(InstallSnapshotArgs args);
}
