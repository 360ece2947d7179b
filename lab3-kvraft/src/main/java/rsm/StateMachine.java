package rsm;

/**
 * A service replicated by {@link Rsm}: the key/value server of part 3B, a shard group in Lab 4,
 * or the test's counter in part 3A. The rsm feeds every replica the same committed commands in
 * the same order, so replicas that apply them deterministically hold the same state.
 *
 * <pre>{@code
 * final class Counter implements StateMachine {
 *   private long value;                       // guarded by the rsm's applier thread only
 *   public Object apply(Object command) {
 *     if (command instanceof Inc) value++;
 *     return new Value(value);                // what submit() returns on the leader
 *   }
 *   public byte[] takeSnapshot() { return Codec.encode(new Value(value)); }
 *   public void restoreSnapshot(byte[] s) { value = Codec.decode(s, Value.class).n(); }
 * }
 * }</pre>
 *
 * <p>Threading: the rsm calls all three methods from its one applier thread, never two at once,
 * except that {@link #restoreSnapshot} may also run in the rsm's constructor, before that thread
 * starts. Your service's RPC handlers run on other threads at the same time (they call
 * {@code submit}): if they read the state directly, guard it with a lock; but never hold that
 * lock while calling {@code submit}, or the applier cannot apply the command you are waiting for.
 */
public interface StateMachine {
  /**
   * Applies one committed command and returns its result. Must be deterministic: every replica
   * applies the same commands in the same order and must reach the same state and results. The
   * result goes back to the {@code submit} call that proposed the command, if it is waiting on
   * this replica; it must not be null.
   */
  Object apply(Object command);

  /** The whole state of the service as bytes, for a snapshot (part 3C). */
  byte[] takeSnapshot();

  /**
   * Replaces the whole state of the service with {@code snapshot}, made by {@link #takeSnapshot}
   * on this replica or on another one (a leader sends its snapshot to a follower that lags behind).
   */
  void restoreSnapshot(byte[] snapshot);
}
