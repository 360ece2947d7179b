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
 * counts. Only the deadline (and the memo's memory bound) can make two runs differ.
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
    DEADLINE
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
   * or the deadline passes.
   *
   * @param cacheLimitBytes memory bound shared by the memos of the partitions still searched
   * @throws SearchFailure for the lowest-numbered partition whose search threw
   */
  public static Run run(
      Search[] searches,
      int parallelism,
      long deadlineNanos,
      boolean stopAtFirstIllegal,
      long cacheLimitBytes) {
    BooleanSupplier pastDeadline = () -> System.nanoTime() - deadlineNanos > 0;
    boolean[] hung = new boolean[searches.length];
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < searches.length; i++) {
      live.add(i);
    }
    Ending ending = Ending.ALL_DECIDED;
    ExecutorService pool = null;
    try {
      for (long slice = FIRST_SLICE; !live.isEmpty(); slice = Math.min(slice * 2, 1L << 40)) {
        for (int i : live) {
          searches[i].setCacheLimit(cacheLimitBytes / live.size());
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
            advance(searches, i, slice, pastDeadline);
          }
        } else {
          runRound(pool, searches, live, slice, pastDeadline, deadlineNanos, hung);
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
      long wait = Math.max(0, deadlineNanos - System.nanoTime()) + GRACE_NANOS;
      done = pool.invokeAll(tasks, wait, TimeUnit.NANOSECONDS);
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
