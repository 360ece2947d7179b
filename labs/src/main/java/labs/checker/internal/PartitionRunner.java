package labs.checker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the searches of independent partitions in rounds: each round advances every undecided
 * partition by the same number of steps (doubling from round to round); after the first round,
 * on a small pool of platform threads when there are several partitions and cores. An easy illegal partition is
 * thus found quickly even behind a hard one, at most doubling the work, and the outcome does not
 * depend on thread timing: which partitions are decided after each round depends only on step
 * counts. Only a wall-clock deadline (and the heap check of the memo) can make two runs differ;
 * a step budget is spent at the same point on every machine.
 */
public final class PartitionRunner {
  private static final long FIRST_SLICE = 1 << 14;
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private PartitionRunner() {}

  /** Why the runner stopped. */
  public enum Ending {
    /** Every partition is decided. */
    ALL_DECIDED,
    /** A partition is illegal and the others were not searched further. */
    ILLEGAL_FOUND,
    /** The deadline passed. */
    DEADLINE,
    /** The step budget was spent. */
    BUDGET_SPENT
  }

  /**
   * What bounds a run.
   *
   * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link #NO_DEADLINE}
   * @param stepBudget search steps over all partitions, or 0 for no bound
   * @param cacheLimitBytes memory bound shared by the memos of the partitions still searched
   * @param guardHeap whether the memos also watch the heap (machine-dependent)
   */
  public record Bounds(long deadlineNanos, long stepBudget, long cacheLimitBytes, boolean guardHeap) {
    /** No wall-clock deadline. */
    public static final long NO_DEADLINE = Long.MIN_VALUE;

    boolean pastDeadline() {
      return deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos > 0;
    }
  }

  /**
   * How the run ended.
   *
   * @param hung per partition, whether its search step did not return in time (a hung model);
   *     its search must not be touched
   */
  public record Run(Ending ending, boolean[] hung) {}

  /** A search threw (a model bug); {@link #partition} says which one. */
  public static final class SearchFailure extends RuntimeException {
    private final int partition;

    SearchFailure(int partition, Throwable cause) {
      super(cause.toString(), cause);
      this.partition = partition;
    }

    public int partition() {
      return partition;
    }
  }

  /**
   * Runs the searches until all are decided, or one is illegal (if {@code stopAtFirstIllegal}),
   * or the bounds are reached.
   *
   * @throws SearchFailure for the lowest-numbered partition whose search threw
   */
  public static Run run(
      Search[] searches, int parallelism, Bounds bounds, boolean stopAtFirstIllegal) {
    BooleanSupplier pastDeadline = bounds::pastDeadline;
    long budget = bounds.stepBudget() > 0 ? bounds.stepBudget() : Long.MAX_VALUE;
    boolean[] hung = new boolean[searches.length];
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < searches.length; i++) {
      live.add(i);
    }
    Ending ending = Ending.ALL_DECIDED;
    ExecutorService pool = null;
    try {
      for (long slice = FIRST_SLICE; !live.isEmpty(); slice = Math.min(slice * 2, 1L << 40)) {
        // Every live partition gets the same share of what is left of the budget, so the point
        // where it runs out depends on step counts only.
        long spent = 0;
        for (Search search : searches) {
          spent += search.stepsTaken();
        }
        long share = Math.min(slice, (budget - spent) / live.size());
        if (share <= 0) {
          ending = Ending.BUDGET_SPENT;
          break;
        }
        for (int i : live) {
          searches[i].setCacheLimit(bounds.cacheLimitBytes() / live.size(), bounds.guardHeap());
        }
        // The first round runs in the calling thread: most histories are decided in it, and
        // starting threads would cost more than the search.
        int threads = Math.min(parallelism, live.size());
        if (pool == null && slice > FIRST_SLICE && threads > 1) {
          pool = Executors.newFixedThreadPool(
              threads, Thread.ofPlatform().daemon().name("labs-checker-", 0).factory());
        }
        if (pool == null) {
          for (int i : live) {
            advance(searches, i, share, pastDeadline);
          }
        } else {
          runRound(pool, searches, live, share, pastDeadline, bounds.deadlineNanos(), hung);
        }
        List<Integer> undecided = new ArrayList<>();
        boolean illegal = false;
        boolean stopped = false;
        for (int i : live) {
          switch (hung[i] ? Search.Outcome.STOPPED : searches[i].outcome()) {
            case PAUSED -> undecided.add(i);
            case ILLEGAL -> illegal = true;
            case STOPPED -> stopped = true;
            case OK -> { }
          }
        }
        if (stopped) {
          ending = Ending.DEADLINE;
          break;
        }
        if (illegal && stopAtFirstIllegal) {
          ending = Ending.ILLEGAL_FOUND;
          break;
        }
        live = undecided;
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new Run(ending, hung);
  }

  private static void advance(Search[] searches, int i, long slice, BooleanSupplier stop) {
    try {
      searches[i].advance(slice, stop);
    } catch (RuntimeException e) {
      throw new SearchFailure(i, e);
    }
  }

  private static void runRound(
      ExecutorService pool,
      Search[] searches,
      List<Integer> live,
      long slice,
      BooleanSupplier stop,
      long deadlineNanos,
      boolean[] hung) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i : live) {
      tasks.add(() -> {
        advance(searches, i, slice, stop);
        return null;
      });
    }
    List<Future<Void>> done;
    try {
      if (deadlineNanos == Bounds.NO_DEADLINE) {
        done = pool.invokeAll(tasks);
      } else {
        long wait = Math.max(0, deadlineNanos - System.nanoTime()) + GRACE_NANOS;
        done = pool.invokeAll(tasks, wait, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking linearizability", e);
    }
    for (int k = 0; k < done.size(); k++) {
      Future<Void> f = done.get(k);
      if (f.isCancelled()) {
        hung[live.get(k)] = true;
        continue;
      }
      try {
        f.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof SearchFailure sf ? sf
            : new SearchFailure(live.get(k), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking linearizability", e);
      }
    }
  }
}
