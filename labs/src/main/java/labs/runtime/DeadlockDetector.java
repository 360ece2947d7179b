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
 * thread that has just stopped on a lock, and only those.
 */
final class DeadlockDetector {
  /** Longer chains than this are not followed (a cycle in a node is short). */
  private static final int MAX_CHAIN = 64;

  private final Function<Thread, SimThread> lookup;
  private final Supplier<List<SimThread>> threads;

  DeadlockDetector(Function<Thread, SimThread> lookup, Supplier<List<SimThread>> threads) {
    this.lookup = lookup;
    this.threads = threads;
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
