package labs.checker;

import java.util.Objects;

/**
 * The sequential specification of an object: what each operation may return in each state, and
 * what state it leaves behind. The checker asks whether a concurrent history could have come
 * from some sequential order of its operations that respects real time and this specification.
 *
 * <p>Contracts:
 *
 * <ul>
 *   <li>{@link #step} is a pure function: no side effects, the same answer for the same
 *       arguments, and it never modifies {@code state} (return a new object instead).
 *   <li>States are never {@code null}: {@code step} returns {@code null} to mean "this output is
 *       impossible in this state".
 *   <li>An operation that never returned (a client gave up, see {@link Operation#pending}) has
 *       output {@code null}: {@code step} must accept {@code null} as "any output" (never
 *       illegal) and still apply the operation's effect.
 *   <li>If {@link #partitionKey} returns keys, operations with different keys must not affect
 *       each other (P-compositionality): each partition is then checked on its own, starting
 *       from {@link #init()}, so {@code init} and {@code step} describe one partition.
 * </ul>
 *
 * @param <S> state (immutable, non-null)
 * @param <I> operation input (for example "put k v")
 * @param <O> operation output (for example the value a get returned)
 */
public interface Model<S, I, O> {

  /** The state before any operation. */
  S init();

  /**
   * Applies one operation.
   *
   * @param output what the operation returned, or {@code null} if it never returned
   * @return the state after the operation, or {@code null} if {@code output} cannot be the
   *     result of {@code input} in {@code state}
   */
  S step(S state, I input, O output);

  /**
   * Whether two states are the same for the rest of the history. Defaults to {@link
   * Objects#equals}. If you override it with a coarser equivalence, override {@link #hash} too.
   */
  default boolean equal(S a, S b) {
    return Objects.equals(a, b);
  }

  /**
   * A hash of a state, consistent with {@link #equal}: equal states must hash equally. Defaults
   * to {@link Object#hashCode}. The checker's memo buckets configurations by it; a constant is
   * correct but can make checks of models with many states per configuration much slower.
   */
  default int hash(S state) {
    return state.hashCode();
  }

  /**
   * The independent part of the object an operation touches (for a key/value store: the key),
   * or {@code null} (the default) if the history cannot be split. Operations whose keys are
   * {@link Object#equals equal} are checked together; the parts are checked independently, in
   * parallel when cores allow.
   */
  default Object partitionKey(I input) {
    return null;
  }

  /** One line describing an operation for reports and the viewer ({@code output} may be null). */
  default String describeOperation(I input, O output) {
    return input + " -> " + (output == null ? "?" : output);
  }

  /** One line describing a state for reports and the viewer. */
  default String describeState(S state) {
    return String.valueOf(state);
  }
}
