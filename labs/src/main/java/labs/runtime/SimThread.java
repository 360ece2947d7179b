package labs.runtime;

/** The simulation's record of one virtual thread: who it is, which node it belongs to. */
final class SimThread {
  final long id;
  final Node node;
  final Thread thread;
  final Runnable task;
  boolean queued;
  boolean watchingMonitor;
  boolean terminated;
  /** Its uncaught-exception handler is running: the thread is about to end. */
  boolean dying;
  /** It is on the simulation's list of threads that may be waiting for a lock. */
  boolean inLockWaiters;
  /** How many steps the thread has run. */
  long runs;
  /** Virtual time at which the thread last stopped running (it has waited since). */
  long stoppedAt;
  /** The thread's monitors as read after step {@link #monitorsAtRun} (a stopped thread's do not change). */
  Locks.Monitors monitors;
  long monitorsAtRun = -1;

  SimThread(long id, Node node, Thread thread, Runnable task) {
    this.id = id;
    this.node = node;
    this.thread = thread;
    this.task = task;
  }

  boolean canRun() {
    return !terminated && node.isAlive();
  }

  String label() {
    return thread.getName() + "#" + id;
  }

  /** The monitors this (stopped) thread holds and waits for, read once per stop. */
  Locks.Monitors monitors() {
    if (monitorsAtRun != runs) {
      monitors = Locks.monitors(thread);
      monitorsAtRun = runs;
    }
    return monitors;
  }
}
