package labs.runtime;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Replaces the JDK's timer schedulers for virtual threads with custom schedulers. A timed park
 * by a simulated thread ({@code Thread.sleep}, {@code Condition.await(time)},
 * {@code BlockingQueue.poll(time)}, ...) arrives here; those calls re-check the wall clock in a
 * loop, so they cannot be made correct in virtual time: the simulation reports them as forbidden,
 * naming the call and its replacement. Any other caller is passed to the JDK's original.
 */
final class VirtualTimers extends AbstractExecutorService implements ScheduledExecutorService {
  private final ScheduledExecutorService original;

  private VirtualTimers(ScheduledExecutorService original) {
    this.original = original;
  }

  static void install(ScheduledExecutorService[] slots) {
    ScheduledExecutorService[] originals = slots.clone();
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new VirtualTimers(originals[i]);
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Simulation sim = Simulation.onThisCarrier();
    if (sim != null) {
      sim.forbiddenTimedPark(unit.toNanos(delay));
      return NEVER;
    }
    return original.schedule(command, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return original.schedule(callable, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return original.scheduleAtFixedRate(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return original.scheduleWithFixedDelay(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    original.execute(command);
  }

  @Override
  public void shutdown() {
    original.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return original.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return original.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return original.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return original.awaitTermination(timeout, unit);
  }

  /** A future for a timeout that never fires (its thread is abandoned with the failed run). */
  private static final ScheduledFuture<Object> NEVER = new ScheduledFuture<>() {
    @Override
    public long getDelay(TimeUnit unit) {
      return Long.MAX_VALUE;
    }

    @Override
    public int compareTo(Delayed o) {
      return 1;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return true;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      return "never";
    }
  };
}
