package labs.race;

import java.util.List;

/**
 * The race detector of one run (a {@code labs.runtime.World} with detection on): happens-before
 * over the student code's accesses, with vector clocks in the style of FastTrack. The runtime
 * tells it about threads and hand-offs ({@link Edges}); the instrumented student code about its
 * accesses and locks ({@link Hooks}). Each pair of accesses to one location, at least one a
 * write, that no chain of those edges orders is a race; the first per location is kept.
 *
 * <p>All calls are serialized on this object: in the simulation one thread runs at a time (never
 * contended), on real threads they take turns.
 */
public final class RaceRun {
  private final IdentityWeakMap<Shadow> shadows = new IdentityWeakMap<>();
  private final IdentityWeakMap<Sync> syncs = new IdentityWeakMap<>();
  private final IdentityWeakMap<Object> conditionLocks = new IdentityWeakMap<>();
  private final IdentityWeakMap<ThreadState> byThread = new IdentityWeakMap<>();
  private final Slots slots = new Slots();
  private final Races races = new Races();
  private Object lastObject;
  private Shadow lastShadow;
  private int threads;
  volatile boolean closed;
  volatile boolean ranInstrumentedCode;

  private RaceRun() {}

  /** A detector for a new run. */
  public static RaceRun start() {
    return new RaceRun();
  }

  /**
   * Ends the run: later accesses are ignored. Returns the races found, one per location (field,
   * array, collection), in the order they were found.
   */
  public synchronized List<RaceReport> finish() {
    closed = true;
    return races.reports();
  }

  /** Whether any instrumented student code ran in this run (false: the student classes were not instrumented). */
  public boolean ranInstrumentedCode() {
    return ranInstrumentedCode;
  }

  /** How many threads the run started, and how many clock slots they needed (for benchmarks). */
  public synchronized String statistics() {
    return threads + " threads, " + slots.count() + " clock slots, " + races.count() + " races";
  }

  // ------------------------------------------------------------------ threads

  synchronized ThreadState fork(ThreadState parent, Object node) {
    int[] vc = parent == null ? VectorClocks.EMPTY : parent.vc.clone();
    int slot = slots.take(vc);
    vc = VectorClocks.with(vc, slot, slots.firstClock(slot));
    ThreadState child = new ThreadState(this, ++threads, node, parent, slot, vc);
    slots.own(slot, child);
    if (parent != null) {
      parent.tick();
    }
    return child;
  }

  synchronized void begin(ThreadState t, Thread thread) {
    t.name = thread.getName();
    byThread.computeIfAbsent(thread, () -> t);
  }

  synchronized void end(ThreadState t) {
    t.endVc = t.vc; // it no longer changes
    slots.free(t);
  }

  /** Every thread of {@code node} has stopped for good (a crash in the simulation): their clock slots may be reused. */
  public synchronized void nodeCrashed(Object node) {
    slots.freeAllOf(node);
  }

  // ------------------------------------------------------------------ synchronization

  synchronized void acquire(ThreadState t, Object key) {
    Sync s = syncs.get(key);
    if (s != null) {
      t.vc = VectorClocks.join(t.vc, s.vc);
    }
  }

  synchronized void release(ThreadState t, Object key) {
    Sync s = syncs.computeIfAbsent(key, Sync::new);
    s.vc = VectorClocks.join(s.vc, t.vc);
    t.tick();
  }

  synchronized void lockAcquired(ThreadState t, Object lock, String name) {
    Sync s = syncs.computeIfAbsent(lock, Sync::new);
    if (s.name == null) {
      s.name = name;
    }
    t.vc = VectorClocks.join(t.vc, s.vc);
    t.held = t.held.plus(lock, s.name);
  }

  synchronized void lockReleasing(ThreadState t, Object lock) {
    Sync s = syncs.computeIfAbsent(lock, Sync::new);
    s.vc = VectorClocks.join(s.vc, t.vc);
    t.tick();
    t.held = t.held.minus(lock);
  }

  /** A condition wait gives up its lock and takes it back: release before, acquire after. */
  synchronized void waitReleasing(ThreadState t, Object lock) {
    Sync s = syncs.computeIfAbsent(lock, Sync::new);
    s.vc = VectorClocks.join(s.vc, t.vc);
    t.tick();
  }

  synchronized void conditionCreated(Object condition, Object lock) {
    conditionLocks.computeIfAbsent(condition, () -> lock);
  }

  /** The lock of {@code condition}: as recorded at newCondition(), else the one lock the thread holds. */
  synchronized Object lockOf(ThreadState t, Object condition) {
    Object lock = conditionLocks.get(condition);
    if (lock == null) {
      lock = t.held.single();
    }
    return lock != null ? lock : condition;
  }

  synchronized void joined(ThreadState t, Thread thread) {
    ThreadState other = byThread.get(thread);
    if (other != null && other.endVc != null) {
      t.vc = VectorClocks.join(t.vc, other.endVc);
    }
  }

  // ------------------------------------------------------------------ accesses

  synchronized void volatileAccess(ThreadState t, Object obj, int key, boolean write) {
    Cell c = shadowOf(obj).cell(key);
    if (c.sync == null) {
      c.sync = new Sync();
    }
    if (write) {
      c.sync.vc = VectorClocks.join(c.sync.vc, t.vc);
      t.tick();
    } else {
      t.vc = VectorClocks.join(t.vc, c.sync.vc);
    }
  }

  /** A read or write of location {@code key} of {@code obj} (a field id, an index, the contents). */
  synchronized void access(ThreadState t, Frame f, Object obj, int key, int site, boolean write) {
    if (closed) {
      return;
    }
    Cell c = shadowOf(obj).cell(key);
    int clock = t.clock();
    Access w = c.write;
    if (write) {
      if (w != null && w.thread == t && w.clock == clock && !c.hasReads()) {
        return; // this thread wrote it already in this epoch
      }
      Access a = new Access(t, f, site, true);
      t.lastAccessClock = clock;
      Access earlier = w != null && !w.happensBefore(t) ? w : c.firstConcurrentRead(t);
      if (earlier != null) {
        races.found(earlier, a);
      }
      c.write = a;
      c.clearReads();
      return;
    }
    Access r = c.readBy(t.slot);
    if (r != null && r.thread == t && r.clock == clock) {
      return; // read already in this epoch
    }
    if (w != null && w.thread == t && w.clock == clock) {
      return; // written by this thread in this epoch: that write stands for the read
    }
    Access a = new Access(t, f, site, false);
    t.lastAccessClock = clock;
    if (w != null && !w.happensBefore(t)) {
      races.found(w, a);
    }
    c.putRead(a, t);
  }

  /**
   * The shadow of {@code obj}. Student code touches the same object many times in a row (the
   * fields of {@code this}), so the last one is kept at hand; holding that one object strongly
   * keeps nothing else alive.
   */
  private Shadow shadowOf(Object obj) {
    if (obj != lastObject) {
      lastShadow = shadows.computeIfAbsent(obj, Shadow::new);
      lastObject = obj;
    }
    return lastShadow;
  }
}
