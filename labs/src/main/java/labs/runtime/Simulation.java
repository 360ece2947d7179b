package labs.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The deterministic backend: every thread of a run is a virtual thread scheduled by this
 * executor on one carrier (the thread that called {@link #runMain}). The loop picks a runnable
 * thread with the run's seeded random, runs it until it blocks, and when nothing can run moves
 * virtual time to the next timer. Same seed, same run.
 *
 * <p>It stops the run with a {@link RunFailure} on a deadlock, a livelock, a JDK timed wait, an
 * uncaught exception, or a time limit; the {@link Watchdog} halts the JVM on a busy loop.
 */
final class Simulation implements Backend, Executor {
  private static final ThreadLocal<Simulation> ON_CARRIER = new ThreadLocal<>();
  static final long YIELD_COST_NANOS = 10_000;

  private final World world;
  private final RunLimits limits;
  private final Random scheduling;
  private final TimerQueue timers = new TimerQueue();
  private final ArrayList<SimThread> runQueue = new ArrayList<>();
  private final ArrayList<SimThread> monitorWaiters = new ArrayList<>();
  private final ArrayList<SimThread> threads = new ArrayList<>();
  private final IdentityHashMap<Runnable, SimThread> byTask = new IdentityHashMap<>();
  private Thread.Builder.OfVirtual builder;
  private Thread carrier;
  private SimThread running;
  private long now;
  private long ids;
  private long steps;
  private long stepsAtThisInstant;
  private long terminatedSinceCompaction;
  private long scheduleHash = 0xcbf29ce484222325L;
  private RunFailure failure;
  private volatile long stepStartedRealNanos;
  private volatile String abortReason;
  private long forbiddenParkNanos = -1;

  Simulation(World world, long seed, RunLimits limits) {
    this.world = world;
    this.limits = limits;
    this.scheduling = new Random(seed ^ 0x5DEECE66DL);
  }

  /** The simulation whose carrier is the calling thread, or null. */
  static Simulation onThisCarrier() {
    return ON_CARRIER.get();
  }

  // ---------------------------------------------------------------- Backend

  @Override
  public boolean isSimulated() {
    return true;
  }

  @Override
  public Thread start(Node node, String name, Runnable body) {
    checkOwnThread("start a thread");
    Context context = new Context(world, node);
    Thread vt = builder.name(node.name() + "/" + name).unstarted(context.bind(body));
    SimThread st = register(vt, JdkHooks.runContinuation(vt), node);
    if (node.isAlive()) {
      vt.start();
    } else {
      st.terminated = true;
    }
    return vt;
  }

  @Override
  public void sleepNanos(Node node, long nanos) {
    long deadline = now + Math.max(0, nanos);
    do {
      parkNanos(this, Math.max(1, deadline - now));
    } while (now < deadline);
  }

  @Override
  public long nowNanos() {
    return now;
  }

  @Override
  public void parkNanos(Object blocker, long nanos) {
    SimThread me = running;
    if (me == null || Thread.currentThread() != me.thread) {
      throw new IllegalStateException("a simulated wait was called outside the simulation's threads (from "
          + Thread.currentThread() + "): start threads with Env.go or Node.start");
    }
    if (nanos <= 0) {
      LockSupport.park(blocker);
      return;
    }
    TimerQueue.Timer timer = timers.add(now + nanos, () -> LockSupport.unpark(me.thread));
    LockSupport.park(blocker);
    timer.cancel();
  }

  @Override
  public void crashed(Node node) {
    runQueue.removeIf(st -> {
      if (st.node == node) {
        st.queued = false;
        return true;
      }
      return false;
    });
    monitorWaiters.removeIf(st -> st.node == node);
  }

  // ---------------------------------------------------------------- Executor (called by the JDK)

  @Override
  public void execute(Runnable task) {
    Thread caller = Thread.currentThread();
    if (caller != carrier && (running == null || caller != running.thread)) {
      abortReason = "NONDETERMINISM: thread '" + caller.getName() + "' (not one of the simulation's) woke a "
          + "simulated thread. Real I/O, JDK thread pools, timers or platform threads make a run depend on "
          + "real timing; use Env.go, Env.sleep and the simulated network instead.";
      return;
    }
    SimThread st = byTask.get(task);
    if (st == null) {
      st = adopt(task);
    }
    if (!st.canRun()) {
      return;
    }
    if (JdkHooks.state(st.thread) == JdkHooks.YIELDED) {
      SimThread yielded = st;
      timers.add(now + YIELD_COST_NANOS, () -> enqueue(yielded));
      return;
    }
    enqueue(st);
  }

  private void enqueue(SimThread st) {
    if (!st.queued && st.canRun()) {
      st.queued = true;
      runQueue.add(st);
    }
  }

  /** A virtual thread created without the runtime (Thread.ofVirtual() inside a simulated thread). */
  private SimThread adopt(Runnable task) {
    Thread vt = JdkHooks.threadOf(task);
    if (vt == null) {
      throw new IllegalStateException("the simulation was handed a task it cannot identify: " + task);
    }
    Node node = running != null ? running.node : world.testerNode();
    return register(vt, task, node);
  }

  private SimThread register(Thread vt, Runnable task, Node node) {
    SimThread st = new SimThread(++ids, node, vt, task);
    byTask.put(task, st);
    threads.add(st);
    return st;
  }

  // ---------------------------------------------------------------- the run

  <T> T runMain(Node tester, Callable<T> main) throws Exception {
    JdkHooks.check();
    SelfTest.runOnce();
    carrier = Thread.currentThread();
    if (carrier.isVirtual()) {
      throw new IllegalStateException("start a simulation from a platform thread, not a virtual thread");
    }
    if (ON_CARRIER.get() != null) {
      throw new IllegalStateException("a simulation is already running on this thread");
    }
    builder = JdkHooks.builder(this).uncaughtExceptionHandler(this::uncaught);
    Object[] outcome = new Object[2];
    boolean[] mainDone = new boolean[1];
    ON_CARRIER.set(this);
    Watchdog.watch(this);
    try {
      start(tester, "main", () -> {
        try {
          outcome[0] = main.call();
        } catch (Throwable t) {
          outcome[1] = t;
        } finally {
          mainDone[0] = true;
        }
      });
      loop(mainDone);
    } finally {
      Watchdog.unwatch(this);
      ON_CARRIER.remove();
    }
    if (failure != null) {
      if (outcome[1] instanceof Throwable t && t != failure) {
        failure.addSuppressed(t);
      }
      throw failure;
    }
    if (outcome[1] instanceof Throwable t) {
      if (t instanceof Exception e) {
        throw e;
      }
      throw (Error) t;
    }
    @SuppressWarnings("unchecked")
    T value = (T) outcome[0];
    return value;
  }

  private void loop(boolean[] mainDone) {
    long virtualLimit = limits.virtualTime().toNanos();
    while (!mainDone[0] && failure == null) {
      if (abortReason != null) {
        fail(abortReason.startsWith("NONDETERMINISM") ? RunFailure.Kind.NONDETERMINISM : RunFailure.Kind.REAL_TIME_LIMIT,
            abortReason + "\n" + ThreadReport.describe(liveThreads(), now));
        break;
      }
      fireTimersDueBy(now);
      if (runQueue.isEmpty()) {
        TimerQueue.Timer next = timers.peek();
        if (next == null) {
          fail(RunFailure.Kind.DEADLOCK, ThreadReport.deadlock(liveThreads(), now));
          break;
        }
        if (next.deadline > virtualLimit) {
          fail(RunFailure.Kind.VIRTUAL_TIME_LIMIT, "the test ran for more than " + limits.virtualTime().toSeconds()
              + " s of virtual time (the per-test limit) without finishing.\n" + ThreadReport.describe(liveThreads(), now));
          break;
        }
        now = next.deadline;
        stepsAtThisInstant = 0;
        scheduleHash = mix(scheduleHash, now);
        continue;
      }
      int i = runQueue.size() == 1 ? 0 : scheduling.nextInt(runQueue.size());
      SimThread st = runQueue.get(i);
      runQueue.set(i, runQueue.getLast());
      runQueue.removeLast();
      st.queued = false;
      if (!st.canRun()) {
        continue;
      }
      step(st);
      if (++stepsAtThisInstant > limits.maxStepsWithoutTimeProgress()) {
        fail(RunFailure.Kind.LIVELOCK, ThreadReport.livelock(liveThreads(), now, stepsAtThisInstant));
      }
    }
  }

  private void step(SimThread st) {
    running = st;
    stepStartedRealNanos = System.nanoTime();
    try {
      st.task.run();
    } finally {
      stepStartedRealNanos = 0;
      running = null;
    }
    steps++;
    scheduleHash = mix(scheduleHash, st.id);
    if (forbiddenParkNanos >= 0) {
      fail(RunFailure.Kind.FORBIDDEN_CALL, ForbiddenCalls.explain(st.thread, st.label(), forbiddenParkNanos, now));
      forbiddenParkNanos = -1;
    }
    int state = JdkHooks.state(st.thread);
    if (state == JdkHooks.TERMINATED) {
      st.terminated = true;
      byTask.remove(st.task);
      if (++terminatedSinceCompaction > 1024 && terminatedSinceCompaction > threads.size() / 2) {
        threads.removeIf(t -> t.terminated);
        terminatedSinceCompaction = 0;
      }
    } else if (isMonitorWait(state) && !st.watchingMonitor) {
      st.watchingMonitor = true;
      monitorWaiters.add(st);
    }
    if (!monitorWaiters.isEmpty()) {
      handOffMonitors();
    }
  }

  private static boolean isMonitorWait(int state) {
    return state == JdkHooks.BLOCKED || state == JdkHooks.WAIT || state == JdkHooks.TIMED_WAIT;
  }

  /** Does what the JDK's unblocker thread would do, deterministically, on the carrier. */
  private void handOffMonitors() {
    for (int k = 0; k < monitorWaiters.size(); ) {
      SimThread w = monitorWaiters.get(k);
      JdkHooks.unblockIfListed(w.thread);
      if (!w.canRun() || !isMonitorWait(JdkHooks.state(w.thread))) {
        w.watchingMonitor = false;
        monitorWaiters.remove(k);
      } else {
        k++;
      }
    }
  }

  private void fireTimersDueBy(long time) {
    TimerQueue.Timer t;
    while ((t = timers.peek()) != null && t.deadline <= time) {
      timers.poll();
      t.action.run();
    }
  }

  private void uncaught(Thread t, Throwable e) {
    if (e instanceof NodeCrashedError) {
      return;
    }
    if (e instanceof RunFailure rf) {
      fail(rf);
      return;
    }
    fail(RunFailure.Kind.UNCAUGHT_EXCEPTION, "thread " + t.getName() + " threw " + e
        + " at virtual time " + ThreadReport.seconds(now) + "; an exception that escapes a thread fails the run", e);
  }

  /**
   * Called by {@link VirtualTimers} when the running thread made a JDK timed park. The thread is
   * still unmounting, so its stack is read after the step ({@link #step}).
   */
  void forbiddenTimedPark(long nanos) {
    forbiddenParkNanos = nanos;
  }

  private void fail(RunFailure.Kind kind, String message) {
    fail(kind, message, null);
  }

  private void fail(RunFailure.Kind kind, String message, Throwable cause) {
    fail(new RunFailure(kind, message, cause));
  }

  private void fail(RunFailure f) {
    if (failure == null) {
      failure = f;
      world.trace().record("sim", "failure", f.getMessage().lines().findFirst().orElse(""));
    }
  }

  private List<SimThread> liveThreads() {
    List<SimThread> live = new ArrayList<>();
    for (SimThread t : threads) {
      if (t.canRun() && JdkHooks.state(t.thread) != JdkHooks.TERMINATED) {
        live.add(t);
      }
    }
    return live;
  }

  private void checkOwnThread(String what) {
    Thread c = Thread.currentThread();
    if (carrier != null && c != carrier && (running == null || c != running.thread)) {
      throw new IllegalStateException("cannot " + what + " from thread " + c.getName()
          + ", which is not part of the simulation");
    }
  }

  private static long mix(long h, long v) {
    h ^= v;
    h *= 0x100000001b3L;
    return h ^ (h >>> 31);
  }

  // ---------------------------------------------------------------- for the watchdog and tests

  /** A hash of every scheduling decision and time jump so far. */
  long scheduleHash() {
    return scheduleHash;
  }

  long steps() {
    return steps;
  }

  RunLimits limits() {
    return limits;
  }

  long stepStartedRealNanos() {
    return stepStartedRealNanos;
  }

  /** The thread running right now (read by the watchdog from its own thread). */
  SimThread runningThread() {
    return running;
  }

  long now() {
    return now;
  }

  void abort(String reason) {
    abortReason = reason;
  }
}
