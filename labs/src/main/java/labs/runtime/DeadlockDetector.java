package labs.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds wait-for cycles as they form: threads that each wait for a lock (a
 * {@code java.util.concurrent} lock or a monitor) held by the next, the last by the first. None of
 * them can ever run again, whatever the rest of the world does, so the simulation reports the
 * deadlock at once instead of waiting for every other node to stop too.
 *
 * <p>A cycle can only close when a thread starts to wait, so the simulation hands this class each
 * thread that has just stopped on a lock ({@link #stoppedOnALock}), and each time a thread ends
 * ({@link #threadEnded}); it looks when nothing is left to run at the current instant.
 */
final class DeadlockDetector {
  /** Longer chains than this are not followed (a cycle in a node is short). */
  private static final int MAX_CHAIN = 64;

  private final Function<Thread, SimThread> lookup;
  private final Supplier<List<SimThread>> threads;
  /** Threads that stopped on a lock since the last look: only they can close a cycle. */
  private final List<SimThread> newWaiters = new ArrayList<>();
  /** Threads that stopped on a lock and may still wait (pruned at each look). */
  private final List<SimThread> waiters = new ArrayList<>();
  private boolean endedSinceLastLook;

  DeadlockDetector(Function<Thread, SimThread> lookup, Supplier<List<SimThread>> threads) {
    this.lookup = lookup;
    this.threads = threads;
  }

  /** {@code t} has just stopped waiting to acquire a lock. */
  void stoppedOnALock(SimThread t) {
    newWaiters.add(t);
    if (!t.inLockWaiters) {
      t.inLockWaiters = true;
      waiters.add(t);
    }
  }

  /** A thread has ended: it may have held a lock that waiting threads now wait for in vain. */
  void threadEnded() {
    endedSinceLastLook = true;
  }

  /** Whether {@link #look} has anything to check. */
  boolean hasNews() {
    return !newWaiters.isEmpty() || (endedSinceLastLook && !waiters.isEmpty());
  }

  /**
   * Looks for a deadlock that formed since the last look: a thread waiting for a lock whose holder
   * has ended, or a wait-for cycle through a thread that has just stopped on a lock. Returns the
   * failure to end the run with, or null.
   */
  RunFailure look(long now, Supplier<List<ThreadStatus>> statuses) {
    waiters.removeIf(t -> {
      boolean gone = !t.canRun() || !waitsForALock(t);
      t.inLockWaiters &= !gone;
      return gone;
    });
    List<SimThread> candidates = new ArrayList<>(endedSinceLastLook ? waiters : List.of());
    candidates.addAll(newWaiters);
    endedSinceLastLook = false;
    newWaiters.clear();
    for (SimThread t : candidates) {
      Thread ended = endedOwner(t);
      if (ended != null) {
        return orphaned(t, ended, now, statuses.get());
      }
    }
    for (SimThread t : candidates) {
      List<SimThread> cycle = cycleThrough(t);
      if (cycle != null) {
        return cycle(cycle, now, statuses.get());
      }
    }
    return null;
  }

  private static RunFailure orphaned(SimThread waiter, Thread ended, long now, List<ThreadStatus> statuses) {
    ThreadReport r = new ThreadReport(statuses);
    String head = "in node " + waiter.node.name() + " at virtual time " + ThreadReport.seconds(now) + ", thread "
        + ended.getName() + " ended while it held a lock, so the lock will never be released. Waiting for it:\n"
        + r.orphans(ended) + "Unlock in a finally block, so that every path out (a return, an exception) "
        + "releases the lock: lock.lock(); try { ... } finally { lock.unlock(); }\n";
    ThreadReport.Text t = r.threads(head, now, List.of(waiter));
    return new RunFailure(RunFailure.Kind.DEADLOCK, t.console(), t.full(), null);
  }

  private static RunFailure cycle(List<SimThread> cycle, long now, List<ThreadStatus> statuses) {
    List<String> nodes = new ArrayList<>();
    List<ThreadStatus> members = new ArrayList<>();
    for (SimThread t : cycle) {
      if (!nodes.contains(t.node.name())) {
        nodes.add(t.node.name());
      }
      statuses.stream().filter(s -> s.thread() == t).forEach(members::add);
    }
    ThreadReport r = new ThreadReport(statuses);
    String head = "in node " + String.join(" and ", nodes) + " at virtual time " + ThreadReport.seconds(now) + ", "
        + cycle.size() + " threads wait for each other's locks, so none of them can ever run again (the other "
        + "nodes may run on):\n" + r.cycle(members) + "Take the locks in the same order everywhere, or use one lock.\n";
    ThreadReport.Text t = r.threads(head, now, cycle);
    return new RunFailure(RunFailure.Kind.DEADLOCK, t.console(), t.full(), null);
  }

  /** True if {@code t} stopped waiting to acquire a lock: the only way a cycle can close. */
  static boolean waitsForALock(SimThread t) {
    int state = JdkHooks.state(t.thread);
    return state == JdkHooks.BLOCKED || (state == JdkHooks.PARKED && Locks.isLock(LockSupport.getBlocker(t.thread)));
  }

  /**
   * The thread holding the lock {@code t} waits for if that thread has ended: nothing can release
   * the lock any more (only its owner may unlock a {@code ReentrantLock}). Null otherwise.
   */
  static Thread endedOwner(SimThread t) {
    if (!t.canRun() || t.queued || JdkHooks.state(t.thread) != JdkHooks.PARKED) {
      return null;
    }
    Object blocker = LockSupport.getBlocker(t.thread);
    Thread owner = Locks.isLock(blocker) ? Locks.ownerOf(blocker) : null;
    return owner != null && owner.getState() == Thread.State.TERMINATED ? owner : null;
  }

  /** The threads of a cycle through {@code start}, in wait order, or null if there is none. */
  List<SimThread> cycleThrough(SimThread start) {
    List<SimThread> path = new ArrayList<>();
    SimThread current = start;
    for (int i = 0; i < MAX_CHAIN; i++) {
      path.add(current);
      SimThread holder = holderOfWhatItWaitsFor(current);
      if (holder == null) {
        return null;
      }
      if (holder == start) {
        return path;
      }
      for (SimThread seen : path) {
        if (seen == holder) {
          return null; // a cycle that does not go through start: found when it closed
        }
      }
      current = holder;
    }
    return null;
  }

  /** The thread holding the lock {@code t} waits for, if {@code t} is stuck waiting for one. */
  private SimThread holderOfWhatItWaitsFor(SimThread t) {
    if (!t.canRun() || t.queued) {
      return null;
    }
    int state = JdkHooks.state(t.thread);
    if (state == JdkHooks.PARKED) {
      Object blocker = LockSupport.getBlocker(t.thread);
      Thread owner = Locks.isLock(blocker) ? Locks.ownerOf(blocker) : null;
      return owner == null ? null : lookup.apply(owner);
    }
    if (state == JdkHooks.BLOCKED && Locks.monitorsKnown()) {
      Object monitor = t.monitors().blockedOn();
      return monitor == null ? null : monitorHolder(t, monitor);
    }
    return null;
  }

  /**
   * The thread of {@code waiter}'s node that holds {@code monitor}, among those stuck on a lock
   * themselves (a holder that can still run is no part of a cycle).
   */
  private SimThread monitorHolder(SimThread waiter, Object monitor) {
    for (SimThread c : threads.get()) {
      if (c != waiter && c.node == waiter.node && c.canRun() && !c.queued && waitsForALock(c)) {
        for (Object held : c.monitors().held()) {
          if (held == monitor) {
            return c;
          }
        }
      }
    }
    return null;
  }
}
