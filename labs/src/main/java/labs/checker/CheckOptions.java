package labs.checker;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a check.
 *
 * @param timeout the whole check's time bound (every mode); past it the verdict is {@link
 *     Verdict#UNKNOWN} unless a partition was already found illegal
 * @param parallelism how many partitions to search at once (platform threads); 1 searches them
 *     one after the other in the calling thread. Default: the number of cores
 * @param searchAllPartitions false (default): stop at the first illegal partition, like
 *     Porcupine's plain check. True: search every partition until done or the timeout, to show
 *     each one's linearization in the viewer (Porcupine's verbose mode)
 * @param cacheLimitBytes bound on the memory of each partition's memo of explored
 *     configurations (approximate, excluding the states themselves). Past it the search stays
 *     exact but slower. Default: a quarter of the maximum heap, at most 1 GiB
 */
public record CheckOptions(
    Duration timeout, int parallelism, boolean searchAllPartitions, long cacheLimitBytes) {

  /** Validates the options. */
  public CheckOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "timeout must be positive, got " + timeout + ": try Duration.ofSeconds(1)");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (cacheLimitBytes < 0) {
      throw new IllegalArgumentException("cacheLimitBytes must be >= 0, got " + cacheLimitBytes);
    }
  }

  /** The defaults with this timeout. */
  public static CheckOptions of(Duration timeout) {
    long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
    return new CheckOptions(
        timeout,
        Runtime.getRuntime().availableProcessors(),
        false,
        Math.min(quarterHeap, 1L << 30));
  }

  public CheckOptions withTimeout(Duration value) {
    return new CheckOptions(value, parallelism, searchAllPartitions, cacheLimitBytes);
  }

  public CheckOptions withParallelism(int value) {
    return new CheckOptions(timeout, value, searchAllPartitions, cacheLimitBytes);
  }

  public CheckOptions withSearchAllPartitions(boolean value) {
    return new CheckOptions(timeout, parallelism, value, cacheLimitBytes);
  }

  public CheckOptions withCacheLimitBytes(long value) {
    return new CheckOptions(timeout, parallelism, searchAllPartitions, value);
  }
}
