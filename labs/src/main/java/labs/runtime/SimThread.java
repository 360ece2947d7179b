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
}
