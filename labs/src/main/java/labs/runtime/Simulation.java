package labs.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The deterministic backend: every thread of a run is a virtual thread scheduled by this
 * executor on one carrier, a platform thread of its own. The loop picks a runnable thread with the
 * run's seeded random, runs it until it blocks, and when nothing can run moves virtual time to
 * the next timer. Same seed, same run.
 *
 * <p>It stops the run with a {@link RunFailure} on a deadlock (no thread can run and no timer is
 * pending, or threads wait for each other's locks), a livelock, a JDK timed wait, a call from a
 * thread the runtime did not start, an uncaught exception, or a time limit. A busy loop is found
 * by the {@link Watchdog}: the spinning thread is stopped the next time it calls the runtime, or,
 * if it never does, abandoned on its carrier while the caller of {@link #runMain} gets the report.
 */
final class Simulation implements Backend, Executor {
  private static final ThreadLocal<Simulation> ON_CARRIER = new ThreadLocal<>();
  static final long YIELD_COST_NANOS = 10_000;
  /** Lock waits at least this long (virtual) are pointed out in reports. */
  static final long LOCK_WAIT_HINT_NANOS = 1_000_000_000L;

  private final World world;
  private final long seed;
  private final RunLimits limits;
  private final Random scheduling;
  private final TimerQueue timers = new TimerQueue();
  private final ArrayList<SimThread> runQueue = new ArrayList<>();
  private final ArrayList<SimThread> monitorWaiters = new ArrayList<>();
  private final ArrayList<SimThread> threads = new ArrayList<>();
  private final IdentityHashMap<Runnable, SimThread> byTask = new IdentityHashMap<>();
  private final IdentityHashMap<Thread, SimThread> byThread = new IdentityHashMap<>();
  private final DeadlockDetector deadlocks = new DeadlockDetector(byThread::get, () -> threads);
  private final CountDownLatch ended = new CountDownLatch(1);
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
  private Throwable carrierError;
  private long forbiddenParkNanos = -1;
  private volatile boolean active;
  private volatile long stepStartedRealNanos;
  private volatile RunFailure.Kind abortKind;
  private volatile String abortReason;
  private volatile RunFailure busyLoop;
  private volatile long busyLoopFoundAt;
  private volatile RunFailure abandoned;

  Simulation(World world, long seed, RunLimits limits) {
    this.world = world;
    this.seed = seed;
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
    checkpoint();
    if (!onOwnThread()) {
      throw foreignCall("started a thread with Env.go");
    }
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
    if (busyLoop != null) {
      checkpoint();
    }
    if (active && !onOwnThread()) {
      foreignCall("read the runtime's clock (Env.nowMillis, Env.log, a Channel or a TimedLock)");
    }
    return now;
  }

  @Override
  public void parkNanos(Object blocker, long nanos) {
    checkpoint();
    SimThread me = running;
    if (me == null || Thread.currentThread() != me.thread) {
      if (active) {
        throw foreignCall("waited in the runtime (Env.sleep, a Channel, a TimedLock condition or an RPC)");
      }
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

  /** Stops the running thread (it is the busy loop the watchdog found) when it calls the runtime. */
  @Override
  public void checkpoint() {
    RunFailure busy = busyLoop;
    SimThread r = running;
    if (busy != null && r != null && !r.dying && Thread.currentThread() == r.thread) {
      throw busy;
    }
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

  @Override
  public String lockWaits() {
    boolean anyWaits = false;
    for (SimThread t : threads) {
      anyWaits |= t.canRun() && now - t.stoppedAt >= LOCK_WAIT_HINT_NANOS && DeadlockDetector.waitsForALock(t);
    }
    return anyWaits ? new ThreadReport(statuses()).lockWaits(now, LOCK_WAIT_HINT_NANOS) : "";
  }

  @Override
  public long scheduleHash() {
    return scheduleHash;
  }

  private boolean onOwnThread() {
    Thread c = Thread.currentThread();
    return c == carrier || (running != null && c == running.thread);
  }

  /** A thread the runtime did not start called it: the run stops at its next step. */
  private IllegalStateException foreignCall(String what) {
    String why = ForbiddenCalls.foreignThread(Thread.currentThread(), what, now);
    abort(RunFailure.Kind.FORBIDDEN_CALL, why);
    return new IllegalStateException(why);
  }

  // ---------------------------------------------------------------- Executor (called by the JDK)

  @Override
  public void execute(Runnable task) {
    if (!onOwnThread()) {
      abort(RunFailure.Kind.NONDETERMINISM, ForbiddenCalls.foreignThread(Thread.currentThread(),
          "woke a simulated thread (a lock release, a signal or an unpark)", now));
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
    byThread.put(vt, st);
    threads.add(st);
    return st;
  }

  // ---------------------------------------------------------------- the run

  <T> T runMain(Node tester, Callable<T> main) throws Exception {
    JdkHooks.check();
    SelfTest.runOnce();
    Watchdog.refuseWhileSpinning();
    if (Thread.currentThread().isVirtual() || ON_CARRIER.get() != null) {
      throw new IllegalStateException("start a simulation from a platform thread, not from inside a simulation");
    }
    builder = JdkHooks.builder(this).uncaughtExceptionHandler(this::uncaught);
    Object[] outcome = new Object[2];
    boolean[] mainDone = new boolean[1];
    carrier = Thread.ofPlatform().daemon(true).name("labs-simulation-seed" + seed).unstarted(() -> {
      ON_CARRIER.set(this);
      active = true;
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
      } catch (Throwable t) {
        carrierError = t;
      } finally {
        active = false;
        ON_CARRIER.remove();
        ended.countDown();
      }
    });
    Watchdog.watch(this);
    try {
      carrier.start();
      awaitEnd();
    } finally {
      Watchdog.unwatch(this);
    }
    if (abandoned != null) {
      active = false;
      throw abandoned;
    }
    return outcome(outcome);
  }

  private void awaitEnd() {
    boolean interrupted = false;
    while (ended.getCount() > 0) {
      try {
        ended.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> T outcome(Object[] outcome) throws Exception {
    if (carrierError instanceof Exception e) {
      throw e;
    }
    if (carrierError != null) {
      throw (Error) carrierError;
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
        fail(report(abortKind, abortReason, List.of(), false));
        break;
      }
      fireTimersDueBy(now);
      if (runQueue.isEmpty()) {
        if (deadlocks.hasNews()) {
          RunFailure stuck = deadlocks.look(now, this::statuses);
          if (stuck != null) {
            fail(stuck);
            break;
          }
        }
        TimerQueue.Timer next = timers.peek();
        if (next == null) {
          fail(report(RunFailure.Kind.DEADLOCK, "at virtual time " + ThreadReport.seconds(now) + " no thread can "
              + "run and no timer is pending, so nothing will ever happen again.\nLook for two threads waiting for "
              + "each other's locks, a lock held while waiting for a reply, or a condition nobody will signal.",
              List.of(), true));
          break;
        }
        if (next.deadline > virtualLimit) {
          fail(report(RunFailure.Kind.VIRTUAL_TIME_LIMIT, "the test ran for more than "
              + limits.virtualTime().toSeconds() + " s of virtual time (the per-test limit) without finishing.",
              List.of(), true));
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
        fail(report(RunFailure.Kind.LIVELOCK, stepsAtThisInstant + " thread switches happened at virtual time "
            + ThreadReport.seconds(now) + " without time moving on: some thread keeps waking others (or yielding) "
            + "without ever sleeping.", List.of(), false));
      }
    }
  }

  private void step(SimThread st) {
    running = st;
    st.runs++;
    stepStartedRealNanos = System.nanoTime();
    try {
      st.task.run();
    } finally {
      stepStartedRealNanos = 0;
      running = null;
    }
    steps++;
    st.stoppedAt = now;
    scheduleHash = mix(scheduleHash, st.id);
    if (forbiddenParkNanos >= 0) {
      fail(RunFailure.Kind.FORBIDDEN_CALL, ForbiddenCalls.explain(st.thread, st.label(), forbiddenParkNanos, now));
      forbiddenParkNanos = -1;
    }
    int state = JdkHooks.state(st.thread);
    if (state == JdkHooks.TERMINATED) {
      st.terminated = true;
      deadlocks.threadEnded();
      byTask.remove(st.task);
      byThread.remove(st.thread);
      if (++terminatedSinceCompaction > 1024 && terminatedSinceCompaction > threads.size() / 2) {
        threads.removeIf(t -> t.terminated);
        terminatedSinceCompaction = 0;
      }
      return;
    }
    if (isMonitorWait(state) && !st.watchingMonitor) {
      st.watchingMonitor = true;
      monitorWaiters.add(st);
    }
    if (!monitorWaiters.isEmpty()) {
      handOffMonitors();
    }
    if (DeadlockDetector.waitsForALock(st)) {
      deadlocks.stoppedOnALock(st);
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
    if (running != null && running.thread == t) {
      running.dying = true; // its last words (this handler) may call the runtime
    }
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

  /** A failure whose message ends with the thread report ({@code first} listed first). */
  private RunFailure report(RunFailure.Kind kind, String headline, Collection<SimThread> first, boolean lockHints) {
    ThreadReport r = new ThreadReport(statuses());
    String hints = lockHints ? r.lockWaits(now, LOCK_WAIT_HINT_NANOS) : "";
    ThreadReport.Text t = r.threads(headline + "\n" + hints, now, first);
    return new RunFailure(kind, t.console(), t.full(), null);
  }

  private List<ThreadStatus> statuses() {
    return ThreadStatus.of(liveThreads(), running, byThread::get);
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

  private static long mix(long h, long v) {
    h ^= v;
    h *= 0x100000001b3L;
    return h ^ (h >>> 31);
  }

  // ---------------------------------------------------------------- for the watchdog and tests

  long steps() {
    return steps;
  }

  long seed() {
    return seed;
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

  Thread carrier() {
    return carrier;
  }

  long now() {
    return now;
  }

  /** Ends the run at its next step with {@code kind}; the first reason given wins. */
  synchronized void abort(RunFailure.Kind kind, String reason) {
    if (abortReason == null) {
      abortKind = kind;
      abortReason = reason;
    }
  }

  /**
   * The watchdog saw {@code spinner} run for {@code realMillis} without blocking. The first call
   * asks the thread to stop (it throws the report the next time it calls the runtime); a call
   * {@code graceNanos} later, with the thread still spinning, gives up on the carrier and ends
   * {@link #runMain} with the report.
   */
  void busyLoop(SimThread spinner, long realMillis, long graceNanos) {
    if (busyLoop == null) {
      String head = "thread " + spinner.label() + " has run for " + realMillis + " ms of real time without blocking, "
          + "at virtual time " + ThreadReport.seconds(now) + ".\nIn the simulation a thread runs until it sleeps, "
          + "waits or makes an RPC; a loop that only polls a variable never lets time move on. Sleep in the loop "
          + "(Env.sleep) or wait on a condition.";
      RunFailure r;
      try {
        r = report(RunFailure.Kind.BUSY_LOOP, head, List.of(spinner), false);
      } catch (RuntimeException concurrentChange) {
        StringBuilder sb = new StringBuilder(head).append("\n  ").append(spinner.label()).append('\n');
        ThreadReport.appendStack(sb, spinner.thread.getStackTrace());
        r = new RunFailure(RunFailure.Kind.BUSY_LOOP, sb.toString());
      }
      busyLoopFoundAt = System.nanoTime();
      busyLoop = r;
      return;
    }
    if (abandoned == null && System.nanoTime() - busyLoopFoundAt > graceNanos) {
      String note = "\nThe thread calls nothing the runtime could stop it in, so it keeps spinning (one CPU core) "
          + "until this JVM ends; the simulated tests after this one fail at once. Fix this busy loop first.\n";
      active = false;
      abandoned = busyLoop.withNote(note);
      world.trace().record("sim", "failure", abandoned.getMessage().lines().findFirst().orElse(""));
      Watchdog.abandoned(this, spinner);
      ended.countDown();
    }
  }
}
