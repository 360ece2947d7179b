package labs.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * What one simulated thread is doing at the moment of a report: running, sleeping, waiting for a
 * lock (and which thread holds it), for an RPC reply, on a condition or a channel, and since when.
 *
 * @param lock the lock or monitor it waits for (LOCK, MONITOR), else null
 * @param holder the thread holding that lock, or null if unknown
 * @param owner the JDK thread holding that lock (also when it has ended), or null if unknown
 * @param sinceNanos virtual time since which it has not run
 */
record ThreadStatus(SimThread thread, Activity activity, Object lock, SimThread holder, Thread owner, long sinceNanos,
    StackTraceElement[] stack) {

  /** How a report names the holder of the lock this thread waits for. */
  String holderName() {
    if (holder != null) {
      return holder.label();
    }
    if (owner != null) {
      return owner.getName() + (owner.getState() == Thread.State.TERMINATED ? " (which ended without unlocking it)" : "");
    }
    return "(unknown)";
  }

  /** What a thread is doing, as a report says it. */
  enum Activity {
    RUNNING("running"),
    RUNNABLE("ready to run"),
    LOCK("waiting for"),
    MONITOR("waiting to enter"),
    RPC("waiting for an RPC reply (Peer.call)"),
    SLEEP("sleeping (Env.sleep)"),
    CONDITION("waiting on a condition"),
    OBJECT_WAIT("waiting in Object.wait"),
    CHANNEL("waiting for a Channel message"),
    NODE_CALL("waiting for a call into a node"),
    PARKED("parked");

    final String words;

    Activity(String words) {
      this.words = words;
    }

    boolean waitsForLock() {
      return this == LOCK || this == MONITOR;
    }
  }

  /** The status of every thread in {@code live}, with the holders of the locks they wait for. */
  static List<ThreadStatus> of(List<SimThread> live, SimThread running, Function<Thread, SimThread> lookup) {
    List<ThreadStatus> out = new ArrayList<>();
    Map<Object, SimThread> monitorHolders = null;
    for (SimThread t : live) {
      if (t != running && JdkHooks.state(t.thread) == JdkHooks.BLOCKED && Locks.monitorsKnown()) {
        monitorHolders = monitorHolders(live, running);
        break;
      }
    }
    for (SimThread t : live) {
      out.add(of(t, t == running, lookup, monitorHolders));
    }
    return out;
  }

  /** Which thread holds each monitor, from the snapshots of every stopped thread. */
  private static Map<Object, SimThread> monitorHolders(List<SimThread> live, SimThread running) {
    Map<Object, SimThread> holders = new IdentityHashMap<>();
    for (SimThread t : live) {
      if (t != running) {
        for (Object m : t.monitors().held()) {
          holders.put(m, t);
        }
      }
    }
    return holders;
  }

  static ThreadStatus of(SimThread t, boolean isRunning, Function<Thread, SimThread> lookup,
      Map<Object, SimThread> monitorHolders) {
    StackTraceElement[] stack = t.thread.getStackTrace();
    if (isRunning) {
      return new ThreadStatus(t, Activity.RUNNING, null, null, null, t.stoppedAt, stack);
    }
    int state = JdkHooks.state(t.thread);
    Object blocker = LockSupport.getBlocker(t.thread);
    if (state == JdkHooks.BLOCKED) {
      Object monitor = t.monitors().blockedOn();
      SimThread holder = monitor == null || monitorHolders == null ? null : monitorHolders.get(monitor);
      return new ThreadStatus(t, Activity.MONITOR, monitor, holder, holder == null ? null : holder.thread, t.stoppedAt,
          stack);
    }
    if (t.queued || state == JdkHooks.UNPARKED || state == JdkHooks.YIELDED || state == JdkHooks.UNBLOCKED) {
      return new ThreadStatus(t, Activity.RUNNABLE, null, null, null, t.stoppedAt, stack);
    }
    if (Locks.isLock(blocker)) {
      Thread owner = Locks.ownerOf(blocker);
      return new ThreadStatus(t, Activity.LOCK, blocker, owner == null ? null : lookup.apply(owner), owner, t.stoppedAt,
          stack);
    }
    return new ThreadStatus(t, activityOf(state, blocker, stack), null, null, null, t.stoppedAt, stack);
  }

  private static Activity activityOf(int state, Object blocker, StackTraceElement[] stack) {
    if (calls(stack, "labs.net.Network", "call")) {
      return Activity.RPC;
    }
    if (calls(stack, "labs.runtime.Env", "sleep")) {
      return Activity.SLEEP;
    }
    if (state == JdkHooks.WAIT || state == JdkHooks.TIMED_WAIT) {
      return Activity.OBJECT_WAIT;
    }
    if (blocker instanceof Channel<?>) {
      return Activity.CHANNEL;
    }
    if (blocker instanceof Condition) {
      return Activity.CONDITION;
    }
    if (blocker instanceof Node) {
      return Activity.NODE_CALL;
    }
    return Activity.PARKED;
  }

  private static boolean calls(StackTraceElement[] stack, String className, String method) {
    for (StackTraceElement f : stack) {
      if (f.getClassName().equals(className) && f.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /** The first frame of the thread's own code (not the JDK's or the runtime's), or null. */
  StackTraceElement where() {
    for (StackTraceElement f : stack) {
      if (!ThreadReport.isJdk(f) && !f.getClassName().startsWith("labs.net.")) {
        return f;
      }
    }
    return null;
  }
}
