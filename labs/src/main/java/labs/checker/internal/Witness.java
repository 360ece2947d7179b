package labs.checker.internal;

import java.util.Arrays;
import labs.checker.Model;
import labs.checker.Operation;

/**
 * Checks an order of operations against the definition: replayed from the model's initial
 * state every step is accepted, and no operation comes after one that was called after it
 * returned. The fast paths certify every linearization they claim with {@link #isLinearization},
 * and cut their refutations' evidence down to a prefix that really is one with {@link
 * #longestValidPrefix}.
 */
final class Witness {
  private Witness() {}

  /**
   * Whether {@code order} is a linearization of {@code ops}: every completed operation appears
   * once (an operation that never returned at most once), the model accepts the sequence, and
   * real time is respected.
   */
  static boolean isLinearization(Model<Object, Object, Object> model, Local ops, int[] order) {
    int n = ops.size();
    boolean[] seen = new boolean[n];
    for (int op : order) {
      if (op < 0 || op >= n || seen[op]) {
        return false;
      }
      seen[op] = true;
    }
    for (int i = 0; i < n; i++) {
      if (!seen[i] && ops.complete(i)) {
        return false;
      }
    }
    return replayable(model, ops, order) == order.length;
  }

  /**
   * The length of the longest prefix of {@code order} that a linearization could start with: the
   * model accepts it, it respects real time, and no operation outside it returned before an
   * operation inside it was called.
   */
  static int longestValidPrefix(Model<Object, Object, Object> model, Local ops, int[] order) {
    int n = ops.size();
    int accepted = replayable(model, ops, order);
    boolean[] inOrder = new boolean[n];
    for (int op : order) {
      inOrder[op] = true;
    }
    long minRetElsewhere = Operation.NEVER;
    for (int i = 0; i < n; i++) {
      if (!inOrder[i]) {
        minRetElsewhere = Math.min(minRetElsewhere, ops.ret()[i]);
      }
    }
    // minRetOutside[k]: the earliest return among the operations not in the first k of order.
    long[] minRetOutside = new long[order.length + 1];
    minRetOutside[order.length] = minRetElsewhere;
    for (int k = order.length - 1; k >= 0; k--) {
      minRetOutside[k] = Math.min(minRetOutside[k + 1], ops.ret()[order[k]]);
    }
    long[] maxCall = new long[order.length + 1];
    maxCall[0] = Long.MIN_VALUE;
    for (int k = 0; k < order.length; k++) {
      maxCall[k + 1] = Math.max(maxCall[k], ops.call()[order[k]]);
    }
    for (int k = accepted; k > 0; k--) {
      if (maxCall[k] <= minRetOutside[k]) {
        return k;
      }
    }
    return 0;
  }

  /**
   * A fast path's refutation: its story, and as evidence the longest valid prefix of {@code
   * tentative} (an order that may go wrong later); the blamed operation is reported as blocking
   * only if it is outside that prefix.
   */
  static Decision.Decided refutation(Model<Object, Object, Object> model, Local ops,
      String method, String story, int blamed, int[] tentative, long steps) {
    int[] prefix = Arrays.copyOf(tentative, longestValidPrefix(model, ops, tentative));
    boolean inPrefix = blamed >= 0 && Arrays.stream(prefix).anyMatch(op -> op == blamed);
    String sentence = Character.toUpperCase(story.charAt(0)) + story.substring(1);
    return new Decision.Decided(false, method, sentence, prefix, inPrefix ? -1 : blamed,
        steps + tentative.length);
  }

  /** How many operations of {@code order}, from the start, replay legally and in real time. */
  private static int replayable(Model<Object, Object, Object> model, Local ops, int[] order) {
    Object state = model.init();
    long maxCall = Long.MIN_VALUE;
    for (int k = 0; k < order.length; k++) {
      int op = order[k];
      maxCall = Math.max(maxCall, ops.call()[op]);
      if (maxCall > ops.ret()[op]) {
        return k; // an operation placed earlier was called after this one returned
      }
      Object next = model.step(state, ops.inputs()[op], ops.outputs()[op]);
      if (next == null) {
        return k;
      }
      state = next;
    }
    return order.length;
  }
}
