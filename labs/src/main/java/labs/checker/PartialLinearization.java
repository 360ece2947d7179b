package labs.checker;

import java.util.List;

/**
 * A linearizable prefix the search found: operations (indices into the checked history) in the
 * order they can take effect.
 *
 * @param order operation indices in linearization order
 * @param blockedBy the operation that returned before it could be placed after this prefix
 *     (where the search got stuck), or -1 if the prefix is complete or the search was stopped
 */
public record PartialLinearization(List<Integer> order, int blockedBy) {

  public PartialLinearization {
    order = List.copyOf(order);
  }

  /** Number of operations in the prefix. */
  public int length() {
    return order.size();
  }
}
