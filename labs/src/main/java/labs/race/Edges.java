package labs.race;

/**
 * The happens-before edges the runtime knows, reported by {@code labs.runtime} where they happen:
 * a thread start ({@code Env.go}, {@code Node.start}, an RPC handler, a tester's call), a thread's
 * end, and hand-offs (a {@code Channel} send and receive, a {@code Node.call} result). Every
 * method costs one null check when the run has no detector.
 */
public final class Edges {
  private Edges() {}

  /**
   * Called by the thread that starts a new one, before the start: what the parent did so far
   * happens before the child. Returns the token the child passes to {@link #begin}, or null when
   * {@code run} is null (no detection).
   */
  public static Object fork(RaceRun run, Object node) {
    if (run == null) {
      return null;
    }
    ThreadState parent = ThreadState.current();
    return run.fork(parent != null && parent.run == run ? parent : null, node);
  }

  /** Called first thing by the new thread, with {@link #fork}'s token. */
  public static void begin(Object token) {
    if (token instanceof ThreadState t) {
      t.run.begin(t, Thread.currentThread());
      ThreadState.CURRENT.set(t);
    }
  }

  /** Called last thing by the thread (it is ending: a {@code join} of it learns what it did). */
  public static void end(Object token) {
    if (token instanceof ThreadState t) {
      ThreadState.CURRENT.remove();
      t.run.end(t);
    }
  }

  /** The current thread hands what it did so far to whoever later {@link #acquire acquires} {@code key}. */
  public static void release(Object key) {
    ThreadState t = ThreadState.current();
    if (t != null) {
      t.run.release(t, key);
    }
  }

  /** The current thread learns what was {@link #release released} to {@code key} so far. */
  public static void acquire(Object key) {
    ThreadState t = ThreadState.current();
    if (t != null) {
      t.run.acquire(t, key);
    }
  }
}
