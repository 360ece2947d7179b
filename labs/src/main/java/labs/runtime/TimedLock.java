package labs.runtime;

import java.util.ArrayDeque;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} whose conditions wait with the runtime's clock, so that
 * {@code cond.await(100, MILLISECONDS)} takes 100 ms of virtual time in the simulation. Use it
 * instead of {@code new ReentrantLock()} when you need timed waits; untimed {@code lock()},
 * {@code unlock()}, {@code await()} and {@code signal()} behave exactly as in the JDK.
 *
 * <p>{@code tryLock(time, unit)} is not supported (it would wait on the JDK's clock); use
 * {@code tryLock()} or {@code lock()}.
 */
public class TimedLock extends ReentrantLock {
  public TimedLock() {
    super();
  }

  /**
   * A condition whose timed waits use runtime time. Declare it with its own type, so the rules
   * for lab code can tell it from a JDK condition:
   * {@code TimedLock.TimedCondition ready = lock.newCondition();}
   */
  @Override
  public TimedCondition newCondition() {
    return new TimedCondition();
  }

  @Override
  public boolean tryLock(long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException(
        "TimedLock.tryLock(time, unit) would wait on the JDK clock: use tryLock() or lock()");
  }

  /** A condition of a {@link TimedLock}: {@code await(time, unit)} waits in runtime time. */
  public final class TimedCondition implements Condition {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    private TimedCondition() {}

    private static final class Waiter {
      final Thread thread = Thread.currentThread();
      volatile boolean signalled;
    }

    private void checkHeld() {
      if (!isHeldByCurrentThread()) {
        throw new IllegalMonitorStateException("await/signal need the lock: call lock() first");
      }
    }

    /** Waits at most {@code nanos} (0: no limit); returns the time left (≤ 0 if it timed out). */
    private long awaitFor(long nanos, boolean timed) {
      checkHeld();
      Backend backend = Context.current().backend();
      Waiter w = new Waiter();
      waiters.addLast(w);
      int holds = getHoldCount();
      for (int i = 0; i < holds; i++) {
        unlock();
      }
      long deadline = timed ? backend.nowNanos() + nanos : 0;
      long left = nanos;
      try {
        while (!w.signalled) {
          if (timed) {
            left = deadline - backend.nowNanos();
            if (left <= 0) {
              break;
            }
          }
          backend.parkNanos(this, timed ? left : 0);
        }
      } finally {
        for (int i = 0; i < holds; i++) {
          lock();
        }
        if (!w.signalled) {
          waiters.remove(w);
        }
      }
      return timed ? (w.signalled ? Math.max(1, deadline - backend.nowNanos()) : 0) : 1;
    }

    @Override
    public void await() {
      awaitFor(0, false);
    }

    @Override
    public void awaitUninterruptibly() {
      awaitFor(0, false);
    }

    @Override
    public long awaitNanos(long nanosTimeout) {
      if (nanosTimeout <= 0) {
        return nanosTimeout;
      }
      return awaitFor(nanosTimeout, true);
    }

    @Override
    public boolean await(long time, TimeUnit unit) {
      return time > 0 && awaitFor(unit.toNanos(time), true) > 0;
    }

    @Override
    public boolean awaitUntil(Date deadline) {
      throw new UnsupportedOperationException("awaitUntil(Date) uses the wall clock: use await(time, unit)");
    }

    @Override
    public void signal() {
      checkHeld();
      Waiter w = waiters.pollFirst();
      if (w != null) {
        w.signalled = true;
        LockSupport.unpark(w.thread);
      }
    }

    @Override
    public void signalAll() {
      checkHeld();
      Waiter w;
      while ((w = waiters.pollFirst()) != null) {
        w.signalled = true;
        LockSupport.unpark(w.thread);
      }
    }
  }
}
