package labs.checker;

import java.time.Duration;

/**
 * How to run a check, and what bounds it. A check is bounded by a wall-clock {@code timeout}, by
 * a {@code stepBudget} of search steps, or by both (whichever runs out first).
 *
 * <p><b>Tests use a step budget</b> ({@link #ofSteps}): a step is one move of the search, so the
 * same history with the same budget gives the same verdict on any machine, however fast or busy
 * (with a step budget and no timeout the memo's bound is a fixed size, not a share of the heap).
 * A timeout ({@link #of(Duration)}) suits interactive use, where an answer within a few seconds
 * matters more than reproducibility.
 *
 * @param timeout the whole check's wall-clock bound, or null for none (then a step budget is
 *     required); past it the verdict is {@link Verdict#UNKNOWN} unless a partition was already
 *     found illegal
 * @param stepBudget the whole check's bound in steps over all partitions (search steps, and the
 *     steps of the fast paths, which are polynomial and count their work the same way), or 0 for none
 *     (then a timeout is required); spent, the verdict is {@link Verdict#UNKNOWN} unless a
 *     partition was already found illegal
 * @param parallelism how many partitions to search at once (platform threads); 1 searches them
 *     one after the other in the calling thread. Never changes a verdict. Default: the number of
 *     cores
 * @param searchAllPartitions false (default): stop at the first illegal partition, like
 *     Porcupine's plain check. True: search every partition until done or out of budget, to show
 *     each one's linearization in the viewer (Porcupine's verbose mode)
 * @param cacheLimitBytes bound on the memory of the memo of explored configurations
 *     (approximate, excluding the states themselves). Past it the search stays exact but slower.
 *     Default: with a timeout, a quarter of the maximum heap, at most 1 GiB; with only a step
 *     budget, a fixed {@value #DETERMINISTIC_CACHE_BYTES} bytes
 * @param fastPaths true (default): decide a partition by an exact fast path when its model and
 *     history allow (versioned puts; registers and key/value stores whose written values are
 *     unique), and set aside operations that never returned where that cannot change the verdict
 *     before searching. Never changes a verdict, only how fast it comes. False: the plain search
 *     on every partition (what the fast paths are tested against)
 */
public record CheckOptions(
    Duration timeout,
    long stepBudget,
    int parallelism,
    boolean searchAllPartitions,
    long cacheLimitBytes,
    boolean fastPaths) {

  /** The options before {@code fastPaths} existed: fast paths on. */
  public CheckOptions(Duration timeout, long stepBudget, int parallelism,
      boolean searchAllPartitions, long cacheLimitBytes) {
    this(timeout, stepBudget, parallelism, searchAllPartitions, cacheLimitBytes, true);
  }

  /** The memo bound of a check bounded by steps only: the same on every machine. */
  public static final long DETERMINISTIC_CACHE_BYTES = 256L << 20;

  /** Validates the options. */
  public CheckOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException(
          "timeout must be positive, got " + timeout + ": try Duration.ofSeconds(1)");
    }
    if (stepBudget < 0) {
      throw new IllegalArgumentException(
          "stepBudget must be positive (or 0 for none), got " + stepBudget);
    }
    if (timeout == null && stepBudget == 0) {
      throw new IllegalArgumentException("a check needs a bound: give a timeout "
          + "(CheckOptions.of(Duration.ofSeconds(1))) or a step budget (CheckOptions.ofSteps(..))");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (cacheLimitBytes < 0) {
      throw new IllegalArgumentException("cacheLimitBytes must be >= 0, got " + cacheLimitBytes);
    }
  }

  /** The defaults with this wall-clock timeout (for interactive use). */
  public static CheckOptions of(Duration timeout) {
    long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
    return new CheckOptions(timeout, 0, cores(), false, Math.min(quarterHeap, 1L << 30));
  }

  /**
   * The defaults with a budget of search steps and no wall-clock bound: the verdict depends on
   * the history and the budget only (for tests). A million steps take roughly 10–100 ms.
   */
  public static CheckOptions ofSteps(long steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("a step budget must be positive, got " + steps);
    }
    return new CheckOptions(null, steps, cores(), false, DETERMINISTIC_CACHE_BYTES);
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Whether the verdict depends only on the history and these options: bounded by steps alone,
   * so no wall clock and no heap measurement can change the search.
   */
  public boolean deterministic() {
    return timeout == null;
  }

  /** How the check is bounded, for messages: "timeout 1000 ms", "budget 5000000 steps". */
  public String describeBound() {
    String steps = stepBudget > 0 ? "budget " + stepBudget + " steps" : "";
    String time = timeout != null ? "timeout " + timeout.toMillis() + " ms" : "";
    return steps.isEmpty() ? time : time.isEmpty() ? steps : steps + ", " + time;
  }

  public CheckOptions withTimeout(Duration value) {
    return new CheckOptions(
        value, stepBudget, parallelism, searchAllPartitions, cacheLimitBytes, fastPaths);
  }

  public CheckOptions withStepBudget(long value) {
    return new CheckOptions(
        timeout, value, parallelism, searchAllPartitions, cacheLimitBytes, fastPaths);
  }

  public CheckOptions withParallelism(int value) {
    return new CheckOptions(
        timeout, stepBudget, value, searchAllPartitions, cacheLimitBytes, fastPaths);
  }

  public CheckOptions withSearchAllPartitions(boolean value) {
    return new CheckOptions(timeout, stepBudget, parallelism, value, cacheLimitBytes, fastPaths);
  }

  public CheckOptions withCacheLimitBytes(long value) {
    return new CheckOptions(timeout, stepBudget, parallelism, searchAllPartitions, value, fastPaths);
  }

  public CheckOptions withFastPaths(boolean value) {
    return new CheckOptions(
        timeout, stepBudget, parallelism, searchAllPartitions, cacheLimitBytes, value);
  }
}
