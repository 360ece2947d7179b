package raft;

import java.util.function.Function;
import raft.RaftRpc.AppendEntriesArgs;
import raft.RaftRpc.AppendEntriesReply;
import raft.RaftRpc.InstallSnapshotArgs;
import raft.RaftRpc.InstallSnapshotReply;
import raft.RaftRpc.RequestVoteArgs;
import raft.RaftRpc.RequestVoteReply;

/**
 * A server the tester plays instead of a Raft peer: it answers the real servers' RPCs the way the
 * test's script says, and never does anything on its own (no elections, no heartbeats). Until a
 * script is set it refuses every vote and every AppendEntries, answering in the caller's term.
 *
 * <p>A script runs on the stand-in's node, in the RPC's handler thread, so it may block (for
 * example on a {@link labs.runtime.Channel}) to hold a reply back until the test releases it.
 */
final class StandIn implements RaftApi {
  private volatile Function<RequestVoteArgs, RequestVoteReply> onRequestVote =
      args -> new RequestVoteReply(args.term(), false);
  private volatile Function<AppendEntriesArgs, AppendEntriesReply> onAppendEntries =
      args -> new AppendEntriesReply(args.term(), false, -1, 1);
  private volatile Function<InstallSnapshotArgs, InstallSnapshotReply> onInstallSnapshot =
      args -> new InstallSnapshotReply(args.term());

  /** How the stand-in answers RequestVote from now on. */
  void onRequestVote(Function<RequestVoteArgs, RequestVoteReply> script) {
    onRequestVote = script;
  }

  /** How the stand-in answers AppendEntries from now on. */
  void onAppendEntries(Function<AppendEntriesArgs, AppendEntriesReply> script) {
    onAppendEntries = script;
  }

  @Override
  public RequestVoteReply requestVote(RequestVoteArgs args) {
    return onRequestVote.apply(args);
  }

  @Override
  public AppendEntriesReply appendEntries(AppendEntriesArgs args) {
    return onAppendEntries.apply(args);
  }

  @Override
  public InstallSnapshotReply installSnapshot(InstallSnapshotArgs args) {
    return onInstallSnapshot.apply(args);
  }

  @Override
  public StartResult start(Object command) {
    return new StartResult(-1, -1, false);
  }

  @Override
  public State getState() {
    return new State(-1, false);
  }

  @Override
  public void snapshot(int index, byte[] snapshot) {}

  @Override
  public void kill() {}
}
