package raft;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
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
 * The reference Raft peer: leader election (2A), log replication (2B), persistence (2C) and log
 * compaction (2D), following Figure 2 of the paper (extended Raft, Ongaro and Ousterhout).
 *
 * <p>Design, in one paragraph. One lock ({@code lock}) guards every field. Four kinds of
 * threads run: a <em>ticker</em> that starts an election when the election timer expires; on a
 * leader, a <em>heartbeat</em> thread that sends AppendEntries every {@value #HEARTBEAT_MS} ms;
 * an <em>applier</em> that hands committed entries (and installed snapshots) to the service in
 * log order; and one short-lived thread per outgoing RPC, so a slow or dead peer never holds up
 * the others. No thread holds the lock while waiting for an RPC: arguments are built under the
 * lock, the call is made without it, and the reply is checked again under the lock against the
 * state at that moment (the term may have changed meanwhile).
 */
public class Raft implements RaftApi {
  /** Heartbeats at most ten times a second (the tests count RPCs). */
  static final int HEARTBEAT_MS = 100;
  /** Election timeouts are drawn from [MIN, MIN + SPREAD): well above the heartbeat interval. */
  static final int ELECTION_TIMEOUT_MIN_MS = 300;
  static final int ELECTION_TIMEOUT_SPREAD_MS = 300;
  /** At most this many entries per AppendEntries, so a far-behind follower costs bounded work per message. */
  static final int MAX_ENTRIES_PER_MESSAGE = 100;

  private enum Role { FOLLOWER, CANDIDATE, LEADER }

  /**
   * What survives a crash besides the log (Figure 2's persistent state, plus where the snapshot
   * ends). The log's entries follow it in the persisted bytes, see {@link RaftLog#persistentForm}.
   */
  private record PersistentState(int currentTerm, int votedFor, int snapshotIndex, int snapshotTerm) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition applierWakeUp = lock.newCondition();
  private final List<Peer> peers;
  private final int me;
  private final Persister persister;
  private final Channel<ApplyMsg> applyCh;
  private volatile boolean dead;

  // Persistent state on all servers (Figure 2): saved by persist() before answering any RPC.
  private int currentTerm;      // latest term this server has seen
  private int votedFor = -1;    // candidate that got our vote in currentTerm, or -1
  private RaftLog log = new RaftLog();
  private byte[] snapshot = new byte[0]; // the service's snapshot of entries up to log.snapshotIndex()

  // Volatile state on all servers.
  private int commitIndex;      // highest index known to be committed
  private int lastApplied;      // highest index handed to the service
  private boolean snapshotToApply; // an installed snapshot the applier has not delivered yet
  private Role role = Role.FOLLOWER;
  private long electionDeadlineMs;
  private int votes;            // votes received in the current election (candidates)

  // Volatile state on leaders, reinitialized after each election.
  private final int[] nextIndex;  // for each peer, the index of the next entry to send it
  private final int[] matchIndex; // for each peer, the highest index known to be replicated on it
  private final int[] inFlight;   // for each peer, our messages to it still awaiting an answer

  /**
   * Creates a peer and starts its threads; returns at once.
   *
   * @param peers one end per peer of the cluster, this one's own end included (at {@code me})
   * @param me this peer's index in {@code peers}
   * @param persister where this peer saves its state; holds the state of its previous life, if any
   * @param applyCh where committed commands and installed snapshots go, in log order
   */
  public Raft(List<Peer> peers, int me, Persister persister, Channel<ApplyMsg> applyCh) {
    this.peers = List.copyOf(peers);
    this.me = me;
    this.persister = persister;
    this.applyCh = applyCh;
    this.nextIndex = new int[peers.size()];
    this.matchIndex = new int[peers.size()];
    this.inFlight = new int[peers.size()];
    readPersist(persister.readRaftState(), persister.readSnapshot());
    // The service restores its own state from the same snapshot, so the log is "applied" up to it.
    commitIndex = log.snapshotIndex();
    lastApplied = log.snapshotIndex();
    resetElectionTimer();
    Env.go("ticker", this::ticker);
    Env.go("applier", this::applier);
  }

  // ------------------------------------------------------------------ the service's calls

  @Override
  public State getState() {
    lock.lock();
    try {
      return new State(currentTerm, role == Role.LEADER);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public StartResult start(Object command) {
    lock.lock();
    try {
      if (role != Role.LEADER || killed()) {
        return new StartResult(-1, currentTerm, false);
      }
      log.append(new LogEntry(currentTerm, command));
      persist();
      matchIndex[me] = log.lastIndex();
      advanceCommitIndex(); // commits at once only in a cluster of one
      // Replicate now rather than at the next heartbeat, to followers that have nothing on its way
      // to them. The others get the new entry as soon as their answer comes back: under load,
      // one message then carries the entries of many start() calls.
      for (int p = 0; p < peers.size(); p++) {
        if (p != me && inFlight[p] == 0) {
          sendTo(p);
        }
      }
      return new StartResult(log.lastIndex(), currentTerm, true);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void snapshot(int index, byte[] data) {
    lock.lock();
    try {
      // Ignore a snapshot older than ours (we may have installed a newer one from the leader), and
      // one that covers entries the service cannot have applied yet.
      if (index <= log.snapshotIndex() || index > lastApplied) {
        return;
      }
      log.compactTo(index, log.term(index));
      snapshot = data.clone();
      persist();
      debug("snapshot through %d, %s", index, log);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void kill() {
    dead = true;
    lock.lock();
    try {
      applierWakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean killed() {
    return dead;
  }

  // ------------------------------------------------------------------ persistence (2C)

  /** Saves the persistent state and the snapshot together. Call with the lock held. */
  private void persist() {
    var state = new PersistentState(currentTerm, votedFor, log.snapshotIndex(), log.snapshotTerm());
    persister.save(log.persistentForm(Codec.encode(state)), snapshot);
  }

  private void readPersist(byte[] state, byte[] savedSnapshot) {
    if (state.length == 0) {
      return; // first boot
    }
    RaftLog.Persisted saved = RaftLog.read(state);
    PersistentState s = Codec.decode(saved.header(), PersistentState.class);
    currentTerm = s.currentTerm();
    votedFor = s.votedFor();
    log = new RaftLog(s.snapshotIndex(), s.snapshotTerm(), saved.entries());
    // Keep the snapshot in memory: every later persist() must save it again (2D "snapshot init").
    snapshot = savedSnapshot;
  }

  // ------------------------------------------------------------------ roles and terms

  /** Adopts {@code term} if it is newer, and becomes a follower. Call with the lock held. */
  private void stepDown(int term) {
    if (term > currentTerm) {
      currentTerm = term;
      votedFor = -1;
      persist();
    }
    if (role == Role.LEADER) {
      resetElectionTimer(); // a leader's timer was not running
    }
    if (role != Role.FOLLOWER) {
      debug("becomes follower");
    }
    role = Role.FOLLOWER;
  }

  private void resetElectionTimer() {
    electionDeadlineMs = Env.nowMillis() + ELECTION_TIMEOUT_MIN_MS + Env.random().nextInt(ELECTION_TIMEOUT_SPREAD_MS);
  }

  /** Starts an election whenever the election timer runs out (followers and candidates). */
  private void ticker() {
    while (!killed()) {
      long pauseMs;
      lock.lock();
      try {
        if (role != Role.LEADER && Env.nowMillis() >= electionDeadlineMs) {
          startElection();
        }
        pauseMs = role == Role.LEADER ? ELECTION_TIMEOUT_MIN_MS : Math.max(1, electionDeadlineMs - Env.nowMillis());
      } finally {
        lock.unlock();
      }
      Env.sleep(pauseMs);
    }
  }

  /** Leader of {@code term}: heartbeats (carrying whatever entries a follower lacks), until deposed. */
  private void heartbeats(int term) {
    while (!killed()) {
      lock.lock();
      try {
        if (role != Role.LEADER || currentTerm != term) {
          return;
        }
        sendToAll();
      } finally {
        lock.unlock();
      }
      Env.sleep(HEARTBEAT_MS);
    }
  }

  // ------------------------------------------------------------------ leader election (2A)

  private void startElection() {
    currentTerm++;
    role = Role.CANDIDATE;
    votedFor = me;
    votes = 1;
    persist();
    resetElectionTimer(); // if this election splits, the next one starts after a new timeout
    debug("starts an election, %s", log);
    var args = new RequestVoteArgs(currentTerm, me, log.lastIndex(), log.lastTerm());
    for (int p = 0; p < peers.size(); p++) {
      if (p != me) {
        int peer = p;
        Env.go("vote→" + peer, () -> askForVote(peer, args));
      }
    }
    if (votes * 2 > peers.size()) {
      becomeLeader(); // a cluster of one
    }
  }

  private void askForVote(int peer, RequestVoteArgs args) {
    Optional<RequestVoteReply> answer = peers.get(peer).call(RaftRpc.REQUEST_VOTE, args);
    if (answer.isEmpty()) {
      return; // no answer: the election timer will start another round if needed
    }
    RequestVoteReply reply = answer.get();
    lock.lock();
    try {
      if (reply.term() > currentTerm) {
        stepDown(reply.term());
        return;
      }
      // Count the vote only for the election it was cast in.
      if (role == Role.CANDIDATE && currentTerm == args.term() && reply.voteGranted()) {
        votes++;
        if (votes * 2 > peers.size()) {
          becomeLeader();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void becomeLeader() {
    role = Role.LEADER;
    Arrays.fill(nextIndex, log.lastIndex() + 1);
    Arrays.fill(matchIndex, 0);
    matchIndex[me] = log.lastIndex();
    debug("becomes leader with %d votes, %s", votes, log);
    int term = currentTerm;
    Env.go("heartbeats", () -> heartbeats(term)); // the first one at once, before anyone else times out
  }

  @Override
  public RequestVoteReply requestVote(RequestVoteArgs args) {
    lock.lock();
    try {
      if (args.term() > currentTerm) {
        stepDown(args.term());
      }
      boolean grant = args.term() == currentTerm
          && (votedFor == -1 || votedFor == args.candidateId())
          && candidateIsUpToDate(args.lastLogIndex(), args.lastLogTerm());
      if (grant) {
        votedFor = args.candidateId();
        persist(); // before the reply leaves: a restarted peer must not vote twice in one term
        resetElectionTimer();
        debug("votes for %d", args.candidateId());
      }
      return new RequestVoteReply(currentTerm, grant);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The election restriction (section 5.4.1): vote only for a candidate whose log is at least as
   * up-to-date as ours, comparing the last entries' terms first and then the logs' lengths. This
   * is what guarantees that every leader holds every committed entry.
   */
  private boolean candidateIsUpToDate(int lastLogIndex, int lastLogTerm) {
    return lastLogTerm > log.lastTerm() || (lastLogTerm == log.lastTerm() && lastLogIndex >= log.lastIndex());
  }

  // ------------------------------------------------------------------ log replication (2B)

  /** Leader: sends every follower what it lacks, or a heartbeat. Call with the lock held. */
  private void sendToAll() {
    for (int p = 0; p < peers.size(); p++) {
      if (p != me) {
        sendTo(p);
      }
    }
  }

  /**
   * Leader: sends {@code peer} the entries from its nextIndex on, or the snapshot if those
   * entries were discarded (2D). The arguments are taken now, under the lock; the call runs on
   * its own thread.
   */
  private void sendTo(int peer) {
    inFlight[peer]++;
    int next = nextIndex[peer];
    if (next <= log.snapshotIndex()) {
      var args = new InstallSnapshotArgs(currentTerm, me, log.snapshotIndex(), log.snapshotTerm(), snapshot);
      Env.go("snapshot→" + peer, () -> sendSnapshot(peer, args));
    } else {
      int prev = next - 1;
      List<LogEntry> entries = log.from(next, MAX_ENTRIES_PER_MESSAGE);
      var args = new AppendEntriesArgs(currentTerm, me, prev, log.term(prev), entries, commitIndex);
      Env.go("append→" + peer, () -> sendEntries(peer, args));
    }
  }

  private void sendEntries(int peer, AppendEntriesArgs args) {
    Optional<AppendEntriesReply> answer = peers.get(peer).call(RaftRpc.APPEND_ENTRIES, args);
    lock.lock();
    try {
      inFlight[peer]--;
      if (answer.isEmpty()) {
        return; // the next heartbeat retries
      }
      AppendEntriesReply reply = answer.get();
      if (reply.term() > currentTerm) {
        stepDown(reply.term());
        return;
      }
      if (role != Role.LEADER || currentTerm != args.term()) {
        return; // an answer from an older term: the world has moved on
      }
      if (reply.success()) {
        // Replies may arrive out of order: only ever move matchIndex forward.
        int match = args.prevLogIndex() + args.entries().size();
        if (match > matchIndex[peer]) {
          matchIndex[peer] = match;
          advanceCommitIndex();
        }
        nextIndex[peer] = Math.max(nextIndex[peer], match + 1);
        boolean full = args.entries().size() == MAX_ENTRIES_PER_MESSAGE;
        if (nextIndex[peer] <= log.lastIndex() && (inFlight[peer] == 0 || full)) {
          sendTo(peer); // entries that came meanwhile, or the next part of a long catch-up
        }
      } else if (nextIndex[peer] == args.prevLogIndex() + 1) { // not a stale rejection
        nextIndex[peer] = Math.max(matchIndex[peer] + 1, backUp(reply));
        debug("peer %d rejected prev %d (conflict term %d at %d): next %d", peer, args.prevLogIndex(),
            reply.conflictTerm(), reply.conflictIndex(), nextIndex[peer]);
        sendTo(peer); // retry at once, not at the next heartbeat
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fast log backtracking: where to retry after a follower rejected our entries. Instead of
   * stepping back one entry per round trip (which takes minutes over a long divergent log), skip
   * the follower's whole conflicting term:
   *
   * <ul>
   *   <li>its log is too short (conflictTerm -1): continue right after its last entry;
   *   <li>we have entries of the conflicting term too: continue after our last one of them, since
   *       the logs agree up to there;
   *   <li>we never had that term: none of the follower's entries of that term can be kept, so
   *       continue at the first of them.
   * </ul>
   */
  private int backUp(AppendEntriesReply reply) {
    if (reply.conflictTerm() == -1) {
      return reply.conflictIndex();
    }
    int last = log.lastIndexOfTerm(reply.conflictTerm());
    return last > 0 ? last + 1 : reply.conflictIndex();
  }

  /**
   * Leader: commits the highest index stored on a majority, but only if that entry is from the
   * current term (section 5.4.2, Figure 8). An entry from an earlier term may be on a majority
   * and still be overwritten by a later leader; it becomes committed only indirectly, once an
   * entry of the current term after it is committed. Call with the lock held.
   */
  private void advanceCommitIndex() {
    for (int n = log.lastIndex(); n > commitIndex && n > log.snapshotIndex(); n--) {
      if (log.term(n) != currentTerm) {
        return; // terms only decrease from here back: nothing older may be counted
      }
      int replicas = 1; // ourselves
      for (int p = 0; p < peers.size(); p++) {
        if (p != me && matchIndex[p] >= n) {
          replicas++;
        }
      }
      if (replicas * 2 > peers.size()) {
        commitIndex = n;
        applierWakeUp.signal();
        return;
      }
    }
  }

  @Override
  public AppendEntriesReply appendEntries(AppendEntriesArgs args) {
    lock.lock();
    try {
      if (args.term() < currentTerm) {
        return new AppendEntriesReply(currentTerm, false, -1, -1); // a stale leader
      }
      stepDown(args.term()); // a candidate of this term gives up: there is a leader
      resetElectionTimer();
      int prev = args.prevLogIndex();
      List<LogEntry> entries = args.entries();
      if (prev < log.snapshotIndex()) {
        // The first entries are already in our snapshot: committed, so equal everywhere. Skip them.
        int skip = log.snapshotIndex() - prev;
        entries = skip >= entries.size() ? List.of() : entries.subList(skip, entries.size());
        prev = log.snapshotIndex();
      } else if (prev > log.lastIndex()) {
        return new AppendEntriesReply(currentTerm, false, -1, log.lastIndex() + 1);
      } else if (log.term(prev) != args.prevLogTerm()) {
        int conflictTerm = log.term(prev);
        return new AppendEntriesReply(currentTerm, false, conflictTerm, log.firstIndexOfTermAt(prev));
      }
      // Our log matches the leader's up to prev. Add the new entries, deleting our own suffix
      // only where it really conflicts: a delayed, older AppendEntries must never remove entries
      // that a newer one already added.
      boolean changed = false;
      for (int i = 0; i < entries.size(); i++) {
        int index = prev + 1 + i;
        if (index <= log.lastIndex()) {
          if (log.term(index) == entries.get(i).term()) {
            continue;
          }
          log.truncateFrom(index);
        }
        log.append(entries.get(i));
        changed = true;
      }
      if (changed) {
        persist();
      }
      // Commit what the leader has committed, but only as far as this message proves we match it.
      int newCommit = Math.min(args.leaderCommit(), prev + entries.size());
      if (newCommit > commitIndex) {
        commitIndex = newCommit;
        applierWakeUp.signal();
      }
      return new AppendEntriesReply(currentTerm, true, -1, -1);
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ snapshots (2D)

  private void sendSnapshot(int peer, InstallSnapshotArgs args) {
    Optional<InstallSnapshotReply> answer = peers.get(peer).call(RaftRpc.INSTALL_SNAPSHOT, args);
    lock.lock();
    try {
      inFlight[peer]--;
      if (answer.isEmpty()) {
        return;
      }
      if (answer.get().term() > currentTerm) {
        stepDown(answer.get().term());
        return;
      }
      if (role != Role.LEADER || currentTerm != args.term()) {
        return;
      }
      matchIndex[peer] = Math.max(matchIndex[peer], args.lastIncludedIndex());
      nextIndex[peer] = Math.max(nextIndex[peer], args.lastIncludedIndex() + 1);
      if (nextIndex[peer] <= log.lastIndex()) {
        sendTo(peer); // and now the entries after the snapshot
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public InstallSnapshotReply installSnapshot(InstallSnapshotArgs args) {
    lock.lock();
    try {
      if (args.term() < currentTerm) {
        return new InstallSnapshotReply(currentTerm);
      }
      stepDown(args.term());
      resetElectionTimer();
      if (args.lastIncludedIndex() <= commitIndex) {
        return new InstallSnapshotReply(currentTerm); // we already have all of it (a late duplicate)
      }
      log.compactTo(args.lastIncludedIndex(), args.lastIncludedTerm());
      snapshot = args.data();
      commitIndex = args.lastIncludedIndex();
      snapshotToApply = true; // lastApplied moves when the applier delivers it, in order
      persist();
      applierWakeUp.signal();
      debug("installed snapshot from %d, %s", args.leaderId(), log);
      return new InstallSnapshotReply(currentTerm);
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ applying

  /**
   * Hands the service, in log order, an installed snapshot or the next committed command. It
   * sends while holding the lock, which keeps the order trivially right; that is safe only
   * because {@link Channel#send} never blocks.
   */
  private void applier() {
    lock.lock();
    try {
      while (!killed()) {
        if (snapshotToApply) {
          snapshotToApply = false;
          lastApplied = log.snapshotIndex();
          applyCh.send(new ApplyMsg.Snapshot(log.snapshotIndex(), log.snapshotTerm(), snapshot));
        } else if (lastApplied < commitIndex) {
          lastApplied++;
          applyCh.send(new ApplyMsg.Command(lastApplied, log.entry(lastApplied).command()));
        } else {
          applierWakeUp.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** A debug line in the trace (printed with -Dlabs.debug=true), tagged with term and role. */
  private void debug(String format, Object... args) {
    Env.log("T" + currentTerm + " " + role.name().toLowerCase() + ": " + format, args);
  }
}
