package labs.net;

/**
 * The network's fault settings (an immutable value: change one with a {@code with...} method).
 *
 * @param reliable false: every request waits 0–26 ms, 10% of requests and 10% of replies are lost
 * @param longDelays calls to a dead, deleted or disconnected server fail after 0–7 s instead of
 *     0–100 ms (catches code that makes RPCs one at a time)
 * @param longReordering two thirds of replies are delayed 200–2200 ms
 * @param duplicateRate the chance that a request is delivered twice (the second reply is
 *     dropped), a fault MIT's labrpc lacks; 0 by default
 * @param reliableDelayMs on the reliable network, every request waits 0 to this many ms (drawn
 *     from the run's seed) before it is delivered; {@value #RELIABLE_DELAY_MS} by default. In the
 *     simulation computing takes no time, so with no delay at all two candidates that time out
 *     together would each hear the other's RequestVote in the same instant and the race between
 *     them would never happen; a few milliseconds, as on a real machine, bring such races back.
 *     0 delivers at once.
 */
public record NetworkConfig(boolean reliable, boolean longDelays, boolean longReordering, double duplicateRate,
    int reliableDelayMs) {
  /** The default upper bound of a request's delay on the reliable network, in ms. */
  public static final int RELIABLE_DELAY_MS = 5;

  /** Reliable (requests wait 0–5 ms), short delays to dead servers, no reordering, no duplicates. */
  public static final NetworkConfig DEFAULT = new NetworkConfig(true, false, false, 0, RELIABLE_DELAY_MS);

  public NetworkConfig {
    if (duplicateRate < 0 || duplicateRate > 1) {
      throw new IllegalArgumentException("duplicateRate must be between 0 and 1, not " + duplicateRate);
    }
    if (reliableDelayMs < 0) {
      throw new IllegalArgumentException("reliableDelayMs must be 0 or more, not " + reliableDelayMs);
    }
  }

  /** The settings with the default delay on the reliable network. */
  public NetworkConfig(boolean reliable, boolean longDelays, boolean longReordering, double duplicateRate) {
    this(reliable, longDelays, longReordering, duplicateRate, RELIABLE_DELAY_MS);
  }

  public NetworkConfig withReliable(boolean on) {
    return new NetworkConfig(on, longDelays, longReordering, duplicateRate, reliableDelayMs);
  }

  public NetworkConfig withLongDelays(boolean on) {
    return new NetworkConfig(reliable, on, longReordering, duplicateRate, reliableDelayMs);
  }

  public NetworkConfig withLongReordering(boolean on) {
    return new NetworkConfig(reliable, longDelays, on, duplicateRate, reliableDelayMs);
  }

  public NetworkConfig withDuplicateRate(double rate) {
    return new NetworkConfig(reliable, longDelays, longReordering, rate, reliableDelayMs);
  }

  public NetworkConfig withReliableDelayMs(int ms) {
    return new NetworkConfig(reliable, longDelays, longReordering, duplicateRate, ms);
  }
}
