package labs.checker;

import java.util.List;

/**
 * The definition of linearizability, checked by enumerating orders: a history is linearizable if
 * some sequence of its completed operations plus any subset of its pending ones, in which every
 * operation comes after all those that returned before it was called, is accepted by the model.
 * Exponential: for histories of a handful of operations only.
 */
final class BruteForce {
  private BruteForce() {}

  /**
   * The definition applied to each partition of the model on its own (linearizability is local:
   * a history is linearizable iff each object's subhistory is).
   */
  static <S, I, O> boolean linearizableByPartition(
      Model<S, I, O> model, List<Operation<I, O>> ops) {
    java.util.Map<Object, List<Operation<I, O>>> byKey = new java.util.LinkedHashMap<>();
    for (Operation<I, O> op : ops) {
      byKey.computeIfAbsent(model.partitionKey(op.input()), k -> new java.util.ArrayList<>())
          .add(op);
    }
    return byKey.values().stream().allMatch(part -> linearizable(model, part));
  }

  static <S, I, O> boolean linearizable(Model<S, I, O> model, List<Operation<I, O>> ops) {
    return extend(model, ops, model.init(), new boolean[ops.size()]);
  }

  private static <S, I, O> boolean extend(
      Model<S, I, O> model, List<Operation<I, O>> ops, S state, boolean[] done) {
    boolean allComplete = true;
    for (int i = 0; i < ops.size(); i++) {
      if (!done[i] && ops.get(i).isComplete()) {
        allComplete = false;
      }
    }
    if (allComplete) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (done[i] || !minimal(ops, done, i)) {
        continue;
      }
      Operation<I, O> op = ops.get(i);
      S next = model.step(state, op.input(), op.output());
      if (next != null) {
        done[i] = true;
        boolean found = extend(model, ops, next, done);
        done[i] = false;
        if (found) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether no remaining completed operation returned before {@code i} was called. */
  private static boolean minimal(List<? extends Operation<?, ?>> ops, boolean[] done, int i) {
    for (int j = 0; j < ops.size(); j++) {
      if (!done[j] && j != i && ops.get(j).ret() < ops.get(i).call()) {
        return false;
      }
    }
    return true;
  }
}
