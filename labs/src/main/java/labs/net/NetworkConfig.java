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
 */
public record NetworkConfig(boolean reliable, boolean longDelays, boolean longReordering, double duplicateRate) {
  /** Reliable, short delays, no reordering, no duplicates. */
  public static final NetworkConfig DEFAULT = new NetworkConfig(true, false, false, 0);

  public NetworkConfig {
    if (duplicateRate < 0 || duplicateRate > 1) {
      throw new IllegalArgumentException("duplicateRate must be between 0 and 1, not " + duplicateRate);
    }
  }

  public NetworkConfig withReliable(boolean on) {
    return new NetworkConfig(on, longDelays, longReordering, duplicateRate);
  }

  public NetworkConfig withLongDelays(boolean on) {
    return new NetworkConfig(reliable, on, longReordering, duplicateRate);
  }

  public NetworkConfig withLongReordering(boolean on) {
    return new NetworkConfig(reliable, longDelays, on, duplicateRate);
  }

  public NetworkConfig withDuplicateRate(double rate) {
    return new NetworkConfig(reliable, longDelays, longReordering, rate);
  }
}
