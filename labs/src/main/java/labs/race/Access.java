package labs.race;

/**
 * One recorded read or write: who made it (thread, and the epoch {@code clock@slot} at the time),
 * where (the site and the frame of its method, hence its callers), and under which locks.
 */
final class Access {
  final ThreadState thread;
  final int slot;
  final int clock;
  final Frame frame;
  final int site;
  final Held held;
  final boolean write;

  Access(ThreadState thread, Frame frame, int site, boolean write) {
    this.thread = thread;
    this.slot = thread.slot;
    this.clock = thread.clock();
    this.frame = frame;
    this.site = site;
    this.held = thread.held;
    this.write = write;
  }

  /** Whether this access happens before everything thread {@code t} does from now on. */
  boolean happensBefore(ThreadState t) {
    return clock <= VectorClocks.get(t.vc, slot);
  }
}
