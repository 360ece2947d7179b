package rsm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Channel;
import labs.runtime.Env;
import raft.ApplyMsg;
import raft.RaftApi;

/**
 * The reference replicated state machine: runs a service's commands through Raft and applies the
 * committed ones, in log order, on every replica (part 3A), snapshotting the service when Raft's
 * state grows too large (part 3C).
 *
 * <p>Design, in one paragraph. {@link #submit} wraps the command in an {@link Op} that names this
 * replica and a fresh id, hands it to Raft, and parks on a {@link Waiter} filed under the log
 * index Raft promised. One <em>applier</em> thread reads the apply channel, applies each committed
 * command to the service, and, if a waiter is filed under that index, tells it the result, or
 * "wrong leader" when the entry committed there is not the waiter's own. A waiter also gives up
 * when Raft's term or leadership changes, after {@value #SUBMIT_TIMEOUT_MS} ms, and when the
 * replica is killed.
 *
 * <p><b>Lock order</b> (four parties: the service, this rsm, Raft, the apply channel). The only
 * nesting is rsm lock → Raft's lock (submit calls {@code raft.start} under {@link #lock}), and
 * Raft's lock → apply channel (Raft sends while holding its lock, which is safe only because a
 * {@link Channel} send never blocks). The service's lock is never held while calling into the rsm
 * (a handler that held it across {@code submit} would wait for an applier that needs it), and the
 * applier calls the service and {@code raft.snapshot} without holding {@link #lock}. No cycle, so
 * no deadlock.
 */
public class Rsm {
  /** A submit that has not seen its command applied after this long gives up (wrong leader). */
  public static final long SUBMIT_TIMEOUT_MS = 2000;
  /** How often a waiting submit checks that Raft still leads the term it started in. */
  static final long CHECK_INTERVAL_MS = 50;

  /**
   * What goes into the Raft log: the service's command, tagged with the replica that submitted it
   * and an id unique to that submit, so the submitter can tell its own entry from another one that
   * a newer leader committed at the same index.
   */
  record Op(int server, long id, Object command) {}

  /** One submit waiting for its index to be applied. */
  private record Waiter(long id, int term, Channel<SubmitResult> done) {}

  private static final SubmitResult WRONG_LEADER = new SubmitResult.WrongLeader();

  private final ReentrantLock lock = new ReentrantLock(); // guards waiting and nextId
  private final int me;
  private final int maxRaftState;
  private final Persister persister;
  private final StateMachine service;
  private final Channel<ApplyMsg> applyCh = new Channel<>();
  private final RaftApi raft;
  private final Map<Integer, Waiter> waiting = new HashMap<>(); // log index -> the submit waiting for it
  private long nextId;
  private volatile boolean dead;
  private int lastApplied; // the applier thread's own: the last index applied to the service

  /**
   * Starts a replica: restores the service from the last snapshot, starts its Raft peer and the
   * applier thread. Returns at once.
   *
   * @param peers one end per replica of the group, this one's own included (at {@code me})
   * @param me this replica's index in {@code peers}
   * @param persister this replica's stable storage (its Raft state and snapshot)
   * @param maxRaftState snapshot when Raft's persisted state reaches about this many bytes; -1: never
   * @param service the state machine to replicate
   * @param raftFactory makes the Raft peer ({@link RaftFactory#LAB2} normally)
   */
  public Rsm(List<Peer> peers, int me, Persister persister, int maxRaftState, StateMachine service,
      RaftFactory raftFactory) {
    this.me = me;
    this.maxRaftState = maxRaftState;
    this.persister = persister;
    this.service = service;
    // Restore before Raft starts: Raft resumes applying right after the snapshot's last index.
    byte[] snapshot = persister.readSnapshot();
    if (snapshot.length > 0) {
      service.restoreSnapshot(snapshot);
    }
    // Ids start at a random point (from the run's seed), so a restarted replica never reuses the
    // id of an entry its previous life left in the log.
    this.nextId = Env.random().nextLong();
    this.raft = raftFactory.start(peers, me, persister, applyCh);
    Env.go("rsm-applier", this::applier);
  }

  /** The Raft peer under this replica (the tester registers its RPC handlers). */
  public RaftApi raft() {
    return raft;
  }

  /**
   * Runs {@code command} through Raft and returns the service's result once this replica has
   * applied it, or {@link SubmitResult.WrongLeader} if it cannot say. Blocks; call it from an RPC
   * handler, never while holding the service's lock.
   */
  public SubmitResult submit(Object command) {
    Waiter waiter;
    int index;
    lock.lock();
    try {
      if (dead) {
        return WRONG_LEADER;
      }
      Op op = new Op(me, nextId++, command);
      RaftApi.StartResult started = raft.start(op);
      if (!started.isLeader()) {
        return WRONG_LEADER;
      }
      // The hand-off: the waiter is filed before the lock is released, and the applier needs the
      // lock to look it up, so even an entry that commits and applies at once (a one-server group,
      // a fast network) finds its waiter. Filed after unlocking, the result could be missed.
      index = started.index();
      waiter = new Waiter(op.id(), started.term(), new Channel<>());
      Waiter older = waiting.put(index, waiter);
      if (older != null) {
        older.done().send(WRONG_LEADER); // its entry at this index was overwritten by ours
      }
    } finally {
      lock.unlock();
    }
    return await(index, waiter);
  }

  /** Waits for the applier's answer, giving up when leadership or the term changes, or in time. */
  private SubmitResult await(int index, Waiter waiter) {
    long deadline = Env.nowMillis() + SUBMIT_TIMEOUT_MS;
    while (true) {
      Optional<SubmitResult> answer = waiter.done().receive(Duration.ofMillis(CHECK_INTERVAL_MS));
      if (answer.isPresent()) {
        return answer.get();
      }
      RaftApi.State state = raft.getState();
      // A new term may have a new leader that overwrites our entry, and a leader cut off in a
      // minority never learns it lost: the deadline lets the clerk try elsewhere.
      if (dead || !state.isLeader() || state.term() != waiter.term() || Env.nowMillis() >= deadline) {
        lock.lock();
        try {
          waiting.remove(index, waiter);
        } finally {
          lock.unlock();
        }
        // The applier answers under the lock: if it answered before we removed the waiter, the
        // answer is in the channel now.
        return waiter.done().poll().orElse(WRONG_LEADER);
      }
    }
  }

  /**
   * Stops this replica: kills its Raft peer and closes the apply channel, which ends the applier;
   * the applier then tells every waiting submit "wrong leader". Called by the tester (the real
   * runtime's crash, or a test of shutdown).
   */
  public void kill() {
    dead = true;
    raft.kill();
    applyCh.close();
  }

  // ------------------------------------------------------------------ the applier

  /** Applies what Raft commits, in order, until the channel closes. */
  private void applier() {
    while (true) {
      Optional<ApplyMsg> next = applyCh.receive();
      if (next.isEmpty()) {
        break; // closed by kill()
      }
      switch (next.get()) {
        case ApplyMsg.Command c -> applyCommand(c.index(), c.command());
        case ApplyMsg.Snapshot s -> installSnapshot(s.index(), s.data());
      }
    }
    answerWaitersUpTo(Integer.MAX_VALUE);
  }

  private void applyCommand(int index, Object entry) {
    if (index <= lastApplied) {
      return; // already part of the state (a Raft that resends must not make us apply twice)
    }
    Op op = entry instanceof Op o ? o : null;
    Object result = op == null ? null : service.apply(op.command());
    lastApplied = index;
    lock.lock();
    try {
      Waiter waiter = waiting.remove(index);
      if (waiter != null) {
        // Detecting a lost entry: the waiter's Op may have been replaced at this index by a newer
        // leader's entry. Only its own id proves that what was applied is what it submitted.
        boolean own = op != null && op.server() == me && op.id() == waiter.id();
        waiter.done().send(own ? new SubmitResult.Applied(result) : WRONG_LEADER);
      }
    } finally {
      lock.unlock();
    }
    snapshotIfLarge(index);
  }

  /**
   * Part 3C: once Raft's persisted state nears maxRaftState, hands Raft a snapshot of the service
   * through {@code index}, so Raft may drop those entries from its log. Call it only after {@code
   * index} is applied: the snapshot must hold exactly the effects of the entries up to it, or a
   * replica restored from it would lose (or repeat) one.
   */
  private void snapshotIfLarge(int index) {
    if (maxRaftState > 0 && persister.raftStateSize() >= maxRaftState * 9L / 10) {
      raft.snapshot(index, service.takeSnapshot());
    }
  }

  private void installSnapshot(int index, byte[] data) {
    if (index <= lastApplied) {
      return; // never take the service back to an older state than it has
    }
    service.restoreSnapshot(data);
    lastApplied = index;
    // The entries of waiting submits up to here are inside the snapshot: whether they are the
    // submits' own, and what they returned, is unknown here.
    answerWaitersUpTo(index);
  }

  /** Tells every submit waiting on an index up to {@code index} "wrong leader". */
  private void answerWaitersUpTo(int index) {
    lock.lock();
    try {
      List<Integer> done = new ArrayList<>();
      waiting.forEach((i, waiter) -> {
        if (i <= index) {
          waiter.done().send(WRONG_LEADER);
          done.add(i);
        }
      });
      done.forEach(waiting::remove);
    } finally {
      lock.unlock();
    }
  }
}
