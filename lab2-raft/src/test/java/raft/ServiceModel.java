package raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Codec;
import labs.runtime.World;

/**
 * The tester's model of the service on each server: what it applied at each index, and the
 * invariants Raft owes it. Fed by the appliers ({@link #apply}), read by the checks
 * ({@link #nCommitted}). A broken invariant is recorded once, with a message for the student, and
 * thrown by the next {@link #check()}.
 *
 * <p>Invariants: all servers apply the same command at each index; each life of a server applies
 * index {@code lastApplied + 1} next (no gaps, no repeats); a snapshot never takes a service back
 * in time; a term has at most one leader, ever.
 */
final class ServiceModel {
  /** The snapshot the service makes: the commands at indexes 1..lastIndex. */
  record ServiceSnapshot(int lastIndex, List<Object> commands) {}

  /** How many servers hold a log index, and the command they hold there. */
  record Committed(int count, Object command) {}

  /** What most often gives a term two leaders, most common first. */
  static final String TWO_LEADERS_CAUSES = "Likely causes, most common first: (1) a leader or candidate that "
      + "sees a newer term (in a request or in a reply) adopts it but does not become a follower, so it goes on "
      + "leading in the new term; (2) a second vote in one term: check votedFor, and a candidate's vote for "
      + "itself counts; (3) a vote counted for the wrong election: a late reply granted in an earlier term; (4) a "
      + "restarted server that forgot its vote (persist votedFor and currentTerm before replying)";

  /** What most often makes two servers apply different commands at one index, most common first. */
  private static final String DIVERGENCE_CAUSES = "Likely causes, most common first: (1) a leader commits an "
      + "entry of an earlier term by counting replicas (only entries of its current term are counted; §5.4.2, "
      + "Figure 8); (2) a follower sets commitIndex past what the leader's message proved it holds: "
      + "min(leaderCommit, index of the last new entry); (3) a vote for a candidate whose log is less up-to-date "
      + "(§5.4.1); (4) a follower that truncates its log on a stale or repeated AppendEntries, or keeps a "
      + "conflicting entry; (5) the log or term not persisted before answering";

  private final World world = World.current();
  private final int n;
  private final ReentrantLock mu = new ReentrantLock(); // guards everything below; taken by tester threads only
  private final List<Map<Integer, Object>> logs = new ArrayList<>(); // index -> command, per server
  private final int[] lastApplied;
  private final int[] life;            // bumped at every crash and restart: older appliers are ignored
  private final Map<Integer, Integer> leaders = new HashMap<>(); // term -> the leader seen in it
  private String error;                // the first broken invariant
  private int maxIndex;

  ServiceModel(int servers) {
    this.n = servers;
    this.lastApplied = new int[n];
    this.life = new int[n];
    for (int i = 0; i < n; i++) {
      logs.add(new HashMap<>());
    }
  }

  /** Server {@code i} crashed: what its current life still sends is ignored. */
  void crashed(int i) {
    mu.lock();
    try {
      life[i]++;
    } finally {
      mu.unlock();
    }
  }

  /**
   * Server {@code i} starts a new life from {@code snapshot} (empty: none), like a key/value
   * server restoring itself; returns the life token its applier passes to {@link #apply}.
   */
  int restarted(int i, byte[] snapshot) {
    mu.lock();
    try {
      life[i]++;
      lastApplied[i] = 0;
      if (snapshot.length > 0) {
        install(i, snapshot, -1);
      }
      return life[i];
    } finally {
      mu.unlock();
    }
  }

  /**
   * Checks and records one message of server {@code i}'s life {@code token}. Returns the snapshot
   * the service makes after this command if {@code makeSnapshots} and one is due (every
   * {@value RaftTester#SNAPSHOT_INTERVAL} commands), else null.
   */
  byte[] apply(int i, int token, ApplyMsg msg, boolean makeSnapshots) {
    mu.lock();
    try {
      if (error != null) {
        return null;
      }
      if (life[i] != token) {
        checkBeforeCrash(i, msg); // read just before the crash: the service did apply it
        return null;
      }
      switch (msg) {
        case ApplyMsg.Command c -> {
          applyCommand(i, c);
          boolean due = (c.index() + 1) % RaftTester.SNAPSHOT_INTERVAL == 0;
          return makeSnapshots && due && error == null ? snapshot(i, c.index()) : null;
        }
        case ApplyMsg.Snapshot s -> {
          install(i, s.data(), s.index());
          return null;
        }
      }
    } finally {
      mu.unlock();
    }
  }

  /**
   * A message server {@code i} sent on its apply channel just before it crashed, which its applier
   * had not read: its service applied it, so it must agree with what the others applied.
   */
  void appliedBeforeCrash(int i, ApplyMsg msg) {
    mu.lock();
    try {
      if (error == null) {
        checkBeforeCrash(i, msg);
      }
    } finally {
      mu.unlock();
    }
  }

  private void checkBeforeCrash(int i, ApplyMsg msg) {
    if (msg instanceof ApplyMsg.Command c && c.command() != null && agrees(i, c)) {
      logs.get(i).putIfAbsent(c.index(), c.command());
      maxIndex = Math.max(maxIndex, c.index());
    }
  }

  private void applyCommand(int i, ApplyMsg.Command c) {
    int index = c.index();
    if (c.command() == null) {
      fail("server %d applied index %d with a null command", i, index);
      return;
    }
    if (index != lastApplied[i] + 1) {
      fail("server %d applied index %d right after index %d: each server must apply every index once, in "
          + "order, starting at 1 (or after its snapshot). Likely causes: (1) lastApplied not moved to the "
          + "snapshot's index when one is installed, or moved before it is delivered; (2) two threads that both "
          + "send on applyCh, or a lastApplied read and updated outside the lock; (3) commitIndex moved backwards",
          i, index, lastApplied[i]);
      return;
    }
    if (!agrees(i, c)) {
      return;
    }
    logs.get(i).put(index, c.command());
    lastApplied[i] = index;
    maxIndex = Math.max(maxIndex, index);
  }

  /** Whether {@code c} agrees with what every server applied at its index; records the failure if not. */
  private boolean agrees(int i, ApplyMsg.Command c) {
    for (int j = 0; j < n; j++) {
      Object other = logs.get(j).get(c.index());
      if (other != null && !other.equals(c.command())) {
        fail("servers %d and %d applied different commands at index %d (%s and %s): a committed entry must never "
            + "change. %s", i, j, c.index(), RaftTester.brief(c.command()), RaftTester.brief(other),
            DIVERGENCE_CAUSES);
        return false;
      }
    }
    return true;
  }

  /** Replaces server {@code i}'s state with a snapshot ({@code index} -1: the one it restarts from). */
  private void install(int i, byte[] data, int index) {
    ServiceSnapshot s;
    try {
      s = Codec.decode(data, ServiceSnapshot.class);
    } catch (RuntimeException e) {
      fail("server %d: the service cannot read its snapshot (%s); Raft must store and hand back the exact bytes "
          + "it got from snapshot()", i, e.getMessage());
      return;
    }
    if (index != -1 && s.lastIndex() != index) {
      fail("server %d: ApplyMsg.Snapshot says index %d, but the snapshot holds the state up to index %d", i, index,
          s.lastIndex());
      return;
    }
    if (s.lastIndex() < lastApplied[i]) {
      fail("server %d installed a snapshot up to index %d after applying up to index %d: the service would go back "
          + "in time. Likely causes: (1) an InstallSnapshot that covers no more than commitIndex (a late or repeated "
          + "one) is not ignored; (2) the snapshot goes on applyCh after commands it covers, from another thread "
          + "than the one applying them", i, s.lastIndex(), lastApplied[i]);
      return;
    }
    Map<Integer, Object> log = new HashMap<>();
    for (int k = 1; k <= s.lastIndex(); k++) {
      log.put(k, s.commands().get(k - 1));
    }
    logs.set(i, log);
    lastApplied[i] = s.lastIndex();
  }

  private byte[] snapshot(int i, int lastIndex) {
    List<Object> commands = new ArrayList<>(lastIndex);
    for (int k = 1; k <= lastIndex; k++) {
      commands.add(logs.get(i).get(k));
    }
    return snapshotOf(commands);
  }

  /** The service's snapshot after applying {@code commands} at indexes 1, 2, ... */
  static byte[] snapshotOf(List<Object> commands) {
    return Codec.encode(new ServiceSnapshot(commands.size(), commands));
  }

  /**
   * Election Safety (Figure 3): at most one leader per term, ever. Checked against every answer
   * of getState() and start() the tester sees, even at different times (the first leader may
   * have crashed since): two leaders in one term mean that some server voted twice in that term.
   */
  void sawLeader(int term, int server) {
    mu.lock();
    try {
      Integer other = leaders.putIfAbsent(term, server);
      if (other != null && other != server) {
        fail("term %d had two leaders: servers %d and %d (each said so to the tester, perhaps at different "
            + "times). %s", term, other, server, TWO_LEADERS_CAUSES);
      }
    } finally {
      mu.unlock();
    }
  }

  /** How many servers have applied {@code index}, and the command there; fails if they differ. */
  Committed nCommitted(int index) {
    mu.lock();
    try {
      checkLocked();
      int count = 0;
      Object command = null;
      for (int i = 0; i < n; i++) {
        Object c = logs.get(i).get(index);
        if (c != null) {
          if (count > 0 && !Objects.equals(command, c)) {
            throw RaftTester.fail("index %d holds %s on one server but %s on server %d: a committed entry must "
                + "never change", index, RaftTester.brief(command), RaftTester.brief(c), i);
          }
          count++;
          command = c;
        }
      }
      return new Committed(count, command);
    } finally {
      mu.unlock();
    }
  }

  /** The highest index server {@code i} applied in its current life (a snapshot counts as applied). */
  int lastApplied(int i) {
    mu.lock();
    try {
      checkLocked();
      return lastApplied[i];
    } finally {
      mu.unlock();
    }
  }

  /** The command server {@code i} applied at {@code index} (in any life), or null. */
  Object appliedAt(int i, int index) {
    mu.lock();
    try {
      checkLocked();
      return logs.get(i).get(index);
    } finally {
      mu.unlock();
    }
  }

  /** The highest index any server applied. */
  int maxIndex() {
    mu.lock();
    try {
      return maxIndex;
    } finally {
      mu.unlock();
    }
  }

  /** Throws the first broken invariant, if any. */
  void check() {
    mu.lock();
    try {
      checkLocked();
    } finally {
      mu.unlock();
    }
  }

  private void checkLocked() {
    if (error != null) {
      throw new AssertionError(error);
    }
  }

  private void fail(String format, Object... args) {
    if (error == null) {
      error = String.format(format, args);
      world.trace().record("tester", "check-failed", error);
    }
  }
}
