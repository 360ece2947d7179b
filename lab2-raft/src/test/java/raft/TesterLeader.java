package raft;

import static raft.RaftTester.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import labs.runtime.Env;
import raft.RaftRpc.AppendEntriesArgs;
import raft.RaftRpc.AppendEntriesReply;
import raft.RaftRpc.InstallSnapshotArgs;
import raft.RaftRpc.LogEntry;

/**
 * The tester playing the leader of one term towards one real server (the follower), with
 * hand-made AppendEntries and InstallSnapshot calls made straight to its handlers. The follower
 * should be cut off from the other servers, so that only the tester talks to it; the replies
 * and what the follower applies show whether it kept the rule under test. While the test waits,
 * the leader repeats its last accepted message every 50 ms as a heartbeat, so the follower has
 * no reason to start an election.
 */
final class TesterLeader {
  private final RaftTester t;
  private final int follower;
  private final int term;
  private final int leaderId;
  private AppendEntriesArgs heartbeat; // the last message the follower accepted, without entries

  /** A leader of {@code term} (newer than the follower's) with id {@code leaderId}. */
  TesterLeader(RaftTester t, int follower, int term, int leaderId) {
    this.t = t;
    this.follower = follower;
    this.term = term;
    this.leaderId = leaderId;
  }

  /**
   * Cuts {@code follower} off from the other servers (only the tester talks to it from now on) and
   * returns a leader of the term after the follower's current one.
   */
  static TesterLeader ofCutOff(RaftTester t, int follower) {
    t.disconnect(follower);
    // a few terms ahead: on real threads it may start an election before the first message
    return new TesterLeader(t, follower, t.getState(follower).term() + 5, (follower + 1) % t.servers());
  }

  int term() {
    return term;
  }

  /** Entries of this leader's term holding {@code commands}. */
  List<LogEntry> entries(Object... commands) {
    List<LogEntry> list = new ArrayList<>();
    for (Object c : commands) {
      list.add(new LogEntry(term, c));
    }
    return list;
  }

  /** Sends one AppendEntries and returns the follower's answer (checked to be in this term). */
  AppendEntriesReply append(int prevLogIndex, int prevLogTerm, List<LogEntry> entries, int leaderCommit) {
    var args = new AppendEntriesArgs(term, leaderId, prevLogIndex, prevLogTerm, entries, leaderCommit);
    AppendEntriesReply reply = t.appendEntries(follower, args);
    if (reply == null) {
      throw fail("server %d crashed while handling %s", follower, args);
    }
    checkTerm(reply.term(), "AppendEntries");
    if (reply.success()) {
      heartbeat = new AppendEntriesArgs(term, leaderId, prevLogIndex + entries.size(),
          entries.isEmpty() ? prevLogTerm : entries.getLast().term(), List.of(), leaderCommit);
    }
    return reply;
  }

  /** Like {@link #append}, and fails unless the follower accepts the entries. */
  void appendOk(int prevLogIndex, int prevLogTerm, List<LogEntry> entries, int leaderCommit) {
    if (!append(prevLogIndex, prevLogTerm, entries, leaderCommit).success()) {
      throw fail("server %d refused an AppendEntries of term %d with prevLogIndex %d and prevLogTerm %d, where its "
          + "log matches (the tester sent it exactly those entries before): a follower accepts when it holds an "
          + "entry at prevLogIndex whose term is prevLogTerm (Figure 2, AppendEntries rule 2)", follower, term,
          prevLogIndex, prevLogTerm);
    }
  }

  /** Sends an InstallSnapshot of the service's state after {@code commands} (indexes 1..size), last entry of {@code lastTerm}. */
  void installSnapshot(int lastTerm, List<Object> commands) {
    var args = new InstallSnapshotArgs(term, leaderId, commands.size(), lastTerm, RaftTester.serviceSnapshot(commands));
    RaftRpc.InstallSnapshotReply reply = t.installSnapshot(follower, args);
    if (reply == null) {
      throw fail("server %d crashed while handling %s", follower, args);
    }
    checkTerm(reply.term(), "InstallSnapshot");
    heartbeat = new AppendEntriesArgs(term, leaderId, commands.size(), lastTerm, List.of(), commands.size());
  }

  /** Waits {@code ms}, sending the last accepted message again (as a heartbeat) every 50 ms. */
  void idle(long ms) {
    for (long waited = 0; waited < ms; waited += 10) {
      if (heartbeat != null && waited % 50 == 0 && waited > 0) {
        append(heartbeat.prevLogIndex(), heartbeat.prevLogTerm(), List.of(), heartbeat.leaderCommit());
      }
      Env.sleep(10);
    }
  }

  /** Waits (up to ~1 s) until the follower has applied {@code index}; fails if it does not. */
  void awaitApplied(int index) {
    for (int i = 0; i < 20 && t.lastApplied(follower) < index; i++) {
      idle(50);
    }
    if (t.lastApplied(follower) < index) {
      throw fail("server %d applied only up to index %d within 1 s, but the tester, as leader, had told it that "
          + "index %d is committed: a follower applies every entry up to min(leaderCommit, index of the last new "
          + "entry), and a snapshot it installs", follower, t.lastApplied(follower), index);
    }
  }

  /** Fails unless the follower applied {@code command} at {@code index}. */
  void checkApplied(int index, Object command, String rule) {
    Object got = t.appliedAt(follower, index);
    if (!Objects.equals(got, command)) {
      throw fail("server %d applied %s at index %d, where the tester's leader holds %s: %s", follower,
          got == null ? "nothing" : RaftTester.brief(got), index, RaftTester.brief(command), rule);
    }
  }

  private void checkTerm(int replyTerm, String rpc) {
    if (replyTerm != term) {
      throw fail("server %d answered an %s of term %d with term %d. The tester, as leader of term %d, talks to it "
          + "at least every 100 ms: %s", follower, rpc, term, replyTerm, term, replyTerm > term
          ? "a follower that hears from the current leader resets its election timer and does not start elections"
          : "a server adopts any newer term it sees (Figure 2, all servers) and answers with it");
    }
  }
}
