package labs.checker.internal;

/**
 * What a fast path made of one partition: decided (with its evidence), or not applicable (and
 * why), in either case with the steps it took (a deterministic measure of its work).
 */
public sealed interface Decision {

  /** The work done, in steps (each one a bounded amount of work on one operation or interval). */
  long steps();

  /**
   * A verdict the fast path is sure of.
   *
   * @param ok true: linearizable, {@code order} is a linearization (local indices; operations
   *     that never returned and were left out never took effect). False: not linearizable,
   *     {@code order} is a linearizable prefix (possibly empty) and {@code story} says why no
   *     linearization exists
   * @param method which fast path decided, for reports ("fast path: ...")
   * @param blockedBy for a refutation, the operation the story blames (local index), or -1
   */
  record Decided(boolean ok, String method, String story, int[] order, int blockedBy, long steps)
      implements Decision {}

  /** The partition does not have the structure the fast path needs; the search must decide. */
  record NotApplicable(String reason, long steps) implements Decision {}
}
