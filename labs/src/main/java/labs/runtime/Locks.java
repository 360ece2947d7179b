package labs.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;

/**
 * Who holds a lock, read from JDK internals: the owner of a {@code java.util.concurrent} lock
 * ({@code ReentrantLock}, a {@code TimedLock}, the write lock of a {@code ReentrantReadWriteLock})
 * and the monitors ({@code synchronized}) a thread holds or waits to enter. Used only for reports
 * and deadlock detection; without the JVM flags below a report just says "held by (unknown)".
 */
final class Locks {
  /** The flags that open the internals (in the build's surefire argLine). */
  static final String FLAGS =
      "--add-opens java.base/java.util.concurrent.locks=ALL-UNNAMED --add-opens java.base/jdk.internal.vm=ALL-UNNAMED";

  private static final VarHandle OWNER;
  private static final MethodHandle SNAPSHOT;
  private static final MethodHandle BLOCKED_ON;
  private static final VarHandle OWNED;
  private static final VarHandle OWNED_OBJECT;

  static {
    VarHandle owner = null;
    MethodHandle snapshot = null;
    MethodHandle blockedOn = null;
    VarHandle owned = null;
    VarHandle ownedObject = null;
    try {
      owner = MethodHandles.privateLookupIn(AbstractOwnableSynchronizer.class, MethodHandles.lookup())
          .findVarHandle(AbstractOwnableSynchronizer.class, "exclusiveOwnerThread", Thread.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      owner = null;
    }
    try {
      Class<?> ts = Class.forName("jdk.internal.vm.ThreadSnapshot");
      Class<?> lock = Class.forName("jdk.internal.vm.ThreadSnapshot$ThreadLock");
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(ts, MethodHandles.lookup());
      snapshot = l.findStatic(ts, "of", MethodType.methodType(ts, Thread.class))
          .asType(MethodType.methodType(Object.class, Thread.class));
      blockedOn = l.findVirtual(ts, "blockedOn", MethodType.methodType(Object.class))
          .asType(MethodType.methodType(Object.class, Object.class));
      owned = l.findVarHandle(ts, "locks", lock.arrayType());
      ownedObject = MethodHandles.privateLookupIn(lock, MethodHandles.lookup()).findVarHandle(lock, "obj", Object.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      snapshot = null;
    }
    OWNER = owner;
    SNAPSHOT = snapshot;
    BLOCKED_ON = blockedOn;
    OWNED = owned;
    OWNED_OBJECT = ownedObject;
  }

  private Locks() {}

  /** True if {@code blocker} (a park blocker) is a lock that a thread waits to acquire. */
  static boolean isLock(Object blocker) {
    return blocker instanceof AbstractOwnableSynchronizer;
  }

  /** The thread holding {@code lock} exclusively, or null (free, shared, or unknown). */
  static Thread ownerOf(Object lock) {
    if (OWNER == null || !(lock instanceof AbstractOwnableSynchronizer)) {
      return null;
    }
    return (Thread) OWNER.getVolatile(lock);
  }

  /** Whether monitor owners can be found (the JDK's thread snapshots are open to us). */
  static boolean monitorsKnown() {
    return SNAPSHOT != null;
  }

  /** Whether the owners of java.util.concurrent locks can be read. */
  static boolean ownersKnown() {
    return OWNER != null;
  }

  /** What a stopped thread holds and waits for: the monitor it waits to enter, the monitors it holds. */
  record Monitors(Object blockedOn, List<Object> held) {
    static final Monitors UNKNOWN = new Monitors(null, List.of());
  }

  /** The monitors of {@code thread}, or {@link Monitors#UNKNOWN} if they cannot be read. */
  static Monitors monitors(Thread thread) {
    if (SNAPSHOT == null) {
      return Monitors.UNKNOWN;
    }
    try {
      Object snap = SNAPSHOT.invokeExact(thread);
      if (snap == null) {
        return Monitors.UNKNOWN;
      }
      Object waitingFor = null;
      if (thread.getState() == Thread.State.BLOCKED) {
        try {
          waitingFor = BLOCKED_ON.invokeExact(snap);
        } catch (IllegalStateException notBlockedAnyMore) {
          waitingFor = null;
        }
      }
      List<Object> held = new ArrayList<>();
      for (Object lock : (Object[]) OWNED.get(snap)) {
        Object o = OWNED_OBJECT.get(lock);
        if (o != null && !held.contains(o)) {
          held.add(o);
        }
      }
      return new Monitors(waitingFor, held);
    } catch (Throwable t) {
      return Monitors.UNKNOWN;
    }
  }

  /** A short name for a lock: "ReentrantLock", "ReentrantReadWriteLock", "monitor of Raft". */
  static String kindOf(Object lock, boolean monitor) {
    if (monitor) {
      return "monitor of " + simpleName(lock.getClass());
    }
    Class<?> c = lock.getClass();
    Class<?> outer = c.getEnclosingClass();
    return simpleName(outer != null ? outer : c);
  }

  private static String simpleName(Class<?> c) {
    String n = c.getName();
    return n.substring(n.lastIndexOf('.') + 1);
  }
}
