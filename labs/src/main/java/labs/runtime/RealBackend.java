package labs.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Real threads and the wall clock, like MIT's Go labs: every node thread is a platform thread.
 * A crashed node is cut off: its threads get a {@link NodeCrashedError} the next time they sleep
 * or park through the runtime, and the network drops their messages.
 */
final class RealBackend implements Backend {
  private final World world;
  private final long origin = System.nanoTime();
  private final AtomicReference<Throwable> uncaught = new AtomicReference<>();
  private final Set<Long> threadIds = ConcurrentHashMap.newKeySet();

  private final RunLimits limits;

  RealBackend(World world, RunLimits limits) {
    this.world = world;
    this.limits = limits;
  }

  @Override
  public boolean isSimulated() {
    return false;
  }

  @Override
  public Thread start(Node node, String name, Runnable body) {
    Context context = new Context(world, node);
    Thread t = Thread.ofPlatform()
        .daemon(true)
        .name(node.name() + "/" + name)
        .uncaughtExceptionHandler((th, e) -> {
          if (!(e instanceof NodeCrashedError) && node.isAlive()) {
            uncaught.compareAndSet(null, new RunFailure(RunFailure.Kind.UNCAUGHT_EXCEPTION,
                "thread " + th.getName() + " threw " + e, e));
          }
        })
        .unstarted(context.bind(body));
    if (node.isAlive()) {
      threadIds.add(t.threadId());
      t.start();
    }
    return t;
  }

  /**
   * The JVM's own deadlock detection (platform threads: monitors and java.util.concurrent locks),
   * restricted to this run's threads: a cycle of threads waiting for each other's locks.
   */
  @Override
  public String lockWaits() {
    var mx = ManagementFactory.getThreadMXBean();
    long[] ids = mx.findDeadlockedThreads();
    if (ids == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (ThreadInfo i : mx.getThreadInfo(ids, true, true)) {
      if (i != null && threadIds.contains(i.getThreadId())) {
        StackTraceElement where = null;
        for (StackTraceElement f : i.getStackTrace()) {
          if (!ThreadReport.isJdk(f)) {
            where = f;
            break;
          }
        }
        sb.append("  ").append(i.getThreadName()).append(" waits for ").append(i.getLockName()).append(" held by ")
            .append(i.getLockOwnerName()).append(where == null ? "" : ", at " + where).append('\n');
      }
    }
    return sb.isEmpty() ? "" : "DEADLOCK (found by the JVM): these threads wait for each other's locks and will never "
        + "run again. Take the locks in the same order everywhere, or use one lock.\n" + sb;
  }

  @Override
  public void sleepNanos(Node node, long nanos) {
    checkAlive(node);
    if (nanos > 0) {
      try {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    checkAlive(node);
  }

  @Override
  public void checkAlive(Node node) {
    if (!node.isAlive()) {
      throw new NodeCrashedError(node.name());
    }
  }

  @Override
  public long nowNanos() {
    return System.nanoTime() - origin;
  }

  @Override
  public void parkNanos(Object blocker, long nanos) {
    Context c = Context.currentOrNull();
    if (c != null) {
      checkAlive(c.node());
    }
    if (nanos > 0) {
      LockSupport.parkNanos(blocker, nanos);
    } else {
      LockSupport.park(blocker);
    }
  }

  @Override
  public void crashed(Node node) {}

  /**
   * Runs the tester's main body on a thread of the tester node and waits for it at most the run's
   * time limit (on real threads, runtime time is wall-clock time).
   */
  <T> T runMain(Context tester, Callable<T> main) throws Exception {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread thread = start(tester.node(), "main", () -> {
      try {
        result.set(new Object[] {main.call()});
      } catch (Throwable t) {
        result.set(t);
      }
    });
    long limit = Math.min(limits.virtualTime().toMillis(), limits.realTime().toMillis());
    if (!thread.join(java.time.Duration.ofMillis(limit))) {
      StringBuilder sb = new StringBuilder("the test ran for more than " + limit / 1000
          + " s (the per-test limit) without finishing. The tester's thread is at:\n");
      ThreadReport.appendStack(sb, thread.getStackTrace());
      throw new RunFailure(RunFailure.Kind.REAL_TIME_LIMIT, sb + lockWaits());
    }
    Object r = result.get();
    Throwable background = uncaught.get();
    if (r instanceof Throwable t) {
      if (background != null) {
        t.addSuppressed(background);
      }
      if (t instanceof Exception e) {
        throw e;
      }
      throw (Error) t;
    }
    if (background != null) {
      throw (RunFailure) background;
    }
    @SuppressWarnings("unchecked")
    T value = (T) ((Object[]) r)[0];
    return value;
  }
}
