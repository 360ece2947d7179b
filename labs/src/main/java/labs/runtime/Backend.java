package labs.runtime;

/**
 * What a runtime must provide: the simulation ({@link Simulation}) and real threads
 * ({@link RealBackend}) implement it. Package-private: student code uses {@link Env}, testers use
 * {@link World} and {@link Node}.
 */
interface Backend {
  boolean isSimulated();

  /** Starts a thread that belongs to {@code node}. */
  Thread start(Node node, String name, Runnable body);

  void sleepNanos(Node node, long nanos);

  long nowNanos();

  /**
   * Parks the calling thread until it is unparked or {@code nanos} of runtime time pass
   * ({@code nanos <= 0}: no time limit). May return spuriously: callers loop.
   */
  void parkNanos(Object blocker, long nanos);

  /** Called by {@link World#crash(Node)} after the node is marked dead. */
  void crashed(Node node);

  /** Throws {@link NodeCrashedError} in real mode when a thread of a crashed node blocks. */
  default void checkAlive(Node node) {}

  /**
   * Called by the runtime's non-blocking calls ({@code Env.random}, {@code Channel.poll}, ...):
   * in the simulation, the place where a thread found in a busy loop is stopped.
   */
  default void checkpoint() {}

  /** Threads held up by a lock for a long time, as a hint for a failure report; "" if none or unknown. */
  default String lockWaits() {
    return "";
  }

  /** A hash of every scheduling decision so far (0 where there is no schedule to hash). */
  default long scheduleHash() {
    return 0;
  }
}
