package raft;

import java.util.List;
import labs.net.Rpc;
import labs.net.Server;

/**
 * The messages Raft peers exchange (Figure 2 and section 7 of the Raft paper), and the three RPCs
 * that carry them. Given code: do not change it (the tester registers your handlers with
 * {@link #server(RaftApi)}).
 *
 * <p>Every message is copied through bytes on its way (see {@link labs.net.Codec}), so a handler
 * never shares an object with its caller. A {@code -1} in an index or term field means "none".
 *
 * <pre>{@code
 * Optional<RequestVoteReply> reply = peers.get(server).call(RaftRpc.REQUEST_VOTE, args);
 * if (reply.isEmpty()) { ... }   // lost request or reply, or the peer is down: try again later
 * }</pre>
 */
public final class RaftRpc {
  private RaftRpc() {}

  /** One log entry: the command a client asked for, and the term in which a leader received it. */
  public record LogEntry(int term, Object command) {}

  /** RequestVote arguments, sent by a candidate to gather votes (Figure 2). */
  public record RequestVoteArgs(int term, int candidateId, int lastLogIndex, int lastLogTerm) {}

  /**
   * RequestVote reply.
   *
   * @param term the voter's current term, for the candidate to update itself
   * @param voteGranted true means the candidate received this vote
   */
  public record RequestVoteReply(int term, boolean voteGranted) {}

  /**
   * AppendEntries arguments, sent by a leader to replicate log entries; also the heartbeat (with
   * no entries).
   *
   * @param prevLogIndex index of the log entry immediately preceding the new ones
   * @param prevLogTerm term of the entry at {@code prevLogIndex}
   * @param entries entries to store (empty for a heartbeat)
   * @param leaderCommit the leader's commitIndex
   */
  public record AppendEntriesArgs(
      int term, int leaderId, int prevLogIndex, int prevLogTerm, List<LogEntry> entries, int leaderCommit) {}

  /**
   * AppendEntries reply. When {@code success} is false because the logs do not match, the two
   * conflict fields let the leader skip back over a whole term at once instead of one entry per
   * round trip (the "accelerated log backtracking" at the end of section 5.3):
   *
   * @param term the follower's current term, for the leader to update itself
   * @param success true if the follower had an entry matching prevLogIndex and prevLogTerm
   * @param conflictTerm the term of the follower's entry at prevLogIndex, or -1 if its log is
   *     shorter than that
   * @param conflictIndex the first index the follower stores for {@code conflictTerm}, or, if
   *     {@code conflictTerm} is -1, the length of its log plus one (its next free index)
   */
  public record AppendEntriesReply(int term, boolean success, int conflictTerm, int conflictIndex) {}

  /**
   * InstallSnapshot arguments (Figure 13), sent by a leader to a follower that is so far behind
   * that the entries it needs were already discarded into a snapshot. The whole snapshot travels
   * in one message (no offset or chunks).
   *
   * @param lastIncludedIndex the snapshot replaces all entries up to and including this index
   * @param lastIncludedTerm the term of the entry at {@code lastIncludedIndex}
   * @param data the snapshot, as the service made it
   */
  public record InstallSnapshotArgs(int term, int leaderId, int lastIncludedIndex, int lastIncludedTerm, byte[] data) {
    /** Shows the snapshot's size, not its bytes (and not an identity hash, which differs from run to run). */
    @Override
    public String toString() {
      return "InstallSnapshotArgs[term=" + term + ", leaderId=" + leaderId + ", lastIncludedIndex=" + lastIncludedIndex
          + ", lastIncludedTerm=" + lastIncludedTerm + ", data=" + data.length + " bytes]";
    }
  }

  /** InstallSnapshot reply: the follower's current term, for the leader to update itself. */
  public record InstallSnapshotReply(int term) {}

  public static final Rpc<RequestVoteArgs, RequestVoteReply> REQUEST_VOTE =
      Rpc.of("Raft.RequestVote", RequestVoteArgs.class, RequestVoteReply.class);

  public static final Rpc<AppendEntriesArgs, AppendEntriesReply> APPEND_ENTRIES =
      Rpc.of("Raft.AppendEntries", AppendEntriesArgs.class, AppendEntriesReply.class);

  public static final Rpc<InstallSnapshotArgs, InstallSnapshotReply> INSTALL_SNAPSHOT =
      Rpc.of("Raft.InstallSnapshot", InstallSnapshotArgs.class, InstallSnapshotReply.class);

  /**
   * The server a tester (or, in lab 3, a key/value server) registers on the network for one Raft
   * peer: it answers the three RPCs by calling the peer's handlers.
   */
  public static Server server(RaftApi raft) {
    return addTo(new Server(), raft);
  }

  /** Adds the three Raft handlers to {@code server} (which may already serve other RPCs). */
  public static Server addTo(Server server, RaftApi raft) {
    return server
        .handle(REQUEST_VOTE, raft::requestVote)
        .handle(APPEND_ENTRIES, raft::appendEntries)
        .handle(INSTALL_SNAPSHOT, raft::installSnapshot);
  }
}
