package labs.race;

import java.lang.reflect.Array;

/**
 * What instrumented student code calls (inserted by {@link Instrumenter}; never called by hand).
 * Every method starts with a null check of the frame: outside a run with detection, or after the
 * run ended, {@link #enter} returns null and the hooks do nothing. {@code site} numbers the
 * instruction (its class, method, line, and what it touches).
 */
public final class Hooks {
  private Hooks() {}

  /** At the start of every instrumented method: its frame, or null when nothing is recorded. */
  public static Frame enter() {
    ThreadState t = ThreadState.current();
    return t == null ? null : t.enter();
  }

  /** Before every call: the callee's frame will know it was called from here. */
  public static void call(Frame f, int site) {
    if (f != null) {
      f.thread.lastFrame = f;
      f.thread.lastSite = site;
    }
  }

  /**
   * Before every return: the caller's call is the thread's last one again. So when JDK code calls
   * student code back (a lambda in forEach, a comparator), the callee's frame names the student
   * method that called the JDK, not the callback's previous run, and one frame serves every call.
   */
  public static void exit(Frame f) {
    if (f != null) {
      f.thread.lastFrame = f.caller;
      f.thread.lastSite = f.callSite;
    }
  }

  // ------------------------------------------------------------------ fields and arrays

  public static void read(Object o, Frame f, int site) {
    if (f != null && o != null) {
      f.thread.run.access(f.thread, f, o, Sites.get(site).fieldKey, site, false);
    }
  }

  public static void write(Object o, Frame f, int site) {
    if (f != null && o != null) {
      f.thread.run.access(f.thread, f, o, Sites.get(site).fieldKey, site, true);
    }
  }

  public static void readStatic(Frame f, int site) {
    staticAccess(f, site, false);
  }

  public static void writeStatic(Frame f, int site) {
    staticAccess(f, site, true);
  }

  private static void staticAccess(Frame f, int site, boolean write) {
    if (f != null) {
      Site s = Sites.get(site);
      Object owner = s.staticKey();
      if (owner != null) {
        f.thread.run.access(f.thread, f, owner, s.fieldKey, site, write);
      }
    }
  }

  /** After a volatile read: it acquires what the writes of the field released. */
  public static void volatileRead(Object o, Frame f, int site) {
    if (f != null && o != null) {
      f.thread.run.volatileAccess(f.thread, o, Sites.get(site).fieldKey, false);
    }
  }

  /** Before a volatile write: it releases what this thread did so far. */
  public static void volatileWrite(Object o, Frame f, int site) {
    if (f != null && o != null) {
      f.thread.run.volatileAccess(f.thread, o, Sites.get(site).fieldKey, true);
    }
  }

  public static void volatileReadStatic(Frame f, int site) {
    volatileStatic(f, site, false);
  }

  public static void volatileWriteStatic(Frame f, int site) {
    volatileStatic(f, site, true);
  }

  private static void volatileStatic(Frame f, int site, boolean write) {
    if (f != null) {
      Site s = Sites.get(site);
      Object owner = s.staticKey();
      if (owner != null) {
        f.thread.run.volatileAccess(f.thread, owner, s.fieldKey, write);
      }
    }
  }

  public static void readArray(Object a, int index, Frame f, int site) {
    arrayAccess(a, index, f, site, false);
  }

  public static void writeArray(Object a, int index, Frame f, int site) {
    arrayAccess(a, index, f, site, true);
  }

  private static void arrayAccess(Object a, int index, Frame f, int site, boolean write) {
    if (f != null && a != null && index >= 0 && index < Array.getLength(a)) {
      f.thread.run.access(f.thread, f, a, index, site, write);
    }
  }

  // ------------------------------------------------------------------ locks, monitors, conditions

  /** After {@code lock()}, {@code lockInterruptibly()}, a monitor enter, a synchronized method's start. */
  public static void locked(Object lock, Frame f, int site) {
    if (f != null && lock != null) {
      f.thread.run.lockAcquired(f.thread, LockKeys.of(lock), nameOf(site));
    }
  }

  /** After {@code tryLock()}: an acquire if it succeeded. */
  public static void tryLocked(boolean acquired, Object lock, Frame f, int site) {
    if (acquired) {
      locked(lock, f, site);
    }
  }

  /** Before {@code unlock()}, a monitor exit, a synchronized method's end. */
  public static void unlocking(Object lock, Frame f, int site) {
    if (f != null && lock != null) {
      f.thread.run.lockReleasing(f.thread, LockKeys.of(lock));
    }
  }

  /** After {@code lock.newCondition()}: waits on the condition give up and take back that lock. */
  public static void conditionCreated(Object condition, Object lock, Frame f, int site) {
    if (f != null && condition != null && lock != null) {
      f.thread.run.conditionCreated(condition, LockKeys.of(lock));
    }
  }

  /** Before a condition's {@code await}: the wait releases the lock. */
  public static void awaiting(Object condition, Frame f, int site) {
    if (f != null && condition != null) {
      f.thread.run.waitReleasing(f.thread, f.thread.run.lockOf(f.thread, condition));
    }
  }

  /** After a condition's {@code await}: the lock is held again. */
  public static void awoken(Object condition, Frame f, int site) {
    if (f != null && condition != null) {
      f.thread.run.acquire(f.thread, f.thread.run.lockOf(f.thread, condition));
    }
  }

  /** Before {@code Object.wait}: it gives up the monitor. */
  public static void waiting(Object monitor, Frame f, int site) {
    if (f != null && monitor != null) {
      f.thread.run.waitReleasing(f.thread, monitor);
    }
  }

  /** After {@code Object.wait}: the monitor is held again. */
  public static void woken(Object monitor, Frame f, int site) {
    if (f != null && monitor != null) {
      f.thread.run.acquire(f.thread, monitor);
    }
  }

  /** After {@code Thread.join}: what the thread did happens before. */
  public static void joined(Object thread, Frame f, int site) {
    if (f != null && thread instanceof Thread t) {
      f.thread.run.joined(f.thread, t);
    }
  }

  private static String nameOf(int site) {
    String hint = Sites.get(site).hint;
    return hint != null ? hint : "a lock at " + Sites.get(site).where();
  }

  // ------------------------------------------------------------------ thread-safe objects and collections

  /** Before a call on a {@code java.util.concurrent} object: the call may hand what we did to another thread. */
  public static void syncBefore(Object o, Frame f, int site) {
    if (f != null && o != null) {
      f.thread.run.release(f.thread, o);
    }
  }

  /** After a call on a {@code java.util.concurrent} object: we learn what others handed over. */
  public static void syncAfter(Object o, Frame f, int site) {
    if (f != null && o != null) {
      f.thread.run.acquire(f.thread, o);
    }
  }

  /** Before a call on a {@code java.util} collection: a release if it is thread-safe, else a read or write of its contents. */
  public static void collectionBefore(Object c, Frame f, int site) {
    if (f != null && c != null) {
      switch (CollectionKinds.of(c)) {
        case SYNCHRONIZED -> f.thread.run.release(f.thread, c);
        case PLAIN -> f.thread.run.access(f.thread, f, c, FieldIds.CONTENTS, site,
            Sites.get(site).kind == Site.Kind.COLLECTION_WRITE);
        case IGNORED -> { }
      }
    }
  }

  /** After a call on a {@code java.util} collection: an acquire if it is thread-safe. */
  public static void collectionAfter(Object c, Frame f, int site) {
    if (f != null && c != null && CollectionKinds.of(c) == CollectionKinds.SYNCHRONIZED) {
      f.thread.run.acquire(f.thread, c);
    }
  }
}
