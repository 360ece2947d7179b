package labs.checker.internal;

import java.util.List;
import labs.checker.Model;
import labs.checker.Operation;

/**
 * One partition's operations in primitive arrays, indexed locally (0..n-1, in the partition's
 * order). What the search, the fast paths and the pruning of pending operations work on.
 *
 * @param ret return times, {@link Operation#NEVER} for operations that never returned
 */
public record Local(
    Object[] inputs, Object[] outputs, long[] call, long[] ret, int[] client) {

  /** The members of one partition of {@code ops}, in the order given. */
  public static Local of(List<? extends Operation<?, ?>> ops, List<Integer> members) {
    int n = members.size();
    Object[] inputs = new Object[n];
    Object[] outputs = new Object[n];
    long[] call = new long[n];
    long[] ret = new long[n];
    int[] client = new int[n];
    for (int i = 0; i < n; i++) {
      Operation<?, ?> op = ops.get(members.get(i));
      inputs[i] = op.input();
      outputs[i] = op.output();
      call[i] = op.call();
      ret[i] = op.ret();
      client[i] = op.client();
    }
    return new Local(inputs, outputs, call, ret, client);
  }

  /** The kept operations {@code kept} (local indices), with these return times. */
  Local subset(int[] kept, long[] newRet) {
    int n = kept.length;
    Object[] in = new Object[n];
    Object[] out = new Object[n];
    long[] c = new long[n];
    int[] cl = new int[n];
    for (int k = 0; k < n; k++) {
      in[k] = inputs[kept[k]];
      out[k] = outputs[kept[k]];
      c[k] = call[kept[k]];
      cl[k] = client[kept[k]];
    }
    return new Local(in, out, c, newRet, cl);
  }

  public int size() {
    return call.length;
  }

  /** Whether operation {@code i} returned. */
  boolean complete(int i) {
    return ret[i] != Operation.NEVER;
  }

  /** The latest call among {@code ops} ({@code Long.MIN_VALUE} if none). */
  long maxCall(List<Integer> ops) {
    long t = Long.MIN_VALUE;
    for (int op : ops) {
      t = Math.max(t, call[op]);
    }
    return t;
  }

  /** The earliest return among {@code ops} ({@code Long.MAX_VALUE} if none). */
  long minRet(List<Integer> ops) {
    long t = Long.MAX_VALUE;
    for (int op : ops) {
      t = Math.min(t, ret[op]);
    }
    return t;
  }

  /** The operation of {@code ops} called last, or -1. */
  int calledLast(List<Integer> ops) {
    int best = -1;
    for (int op : ops) {
      best = best < 0 || call[op] > call[best] ? op : best;
    }
    return best;
  }

  /** The operation of {@code ops} that returned first, or -1. */
  int returnedFirst(List<Integer> ops) {
    int best = -1;
    for (int op : ops) {
      best = best < 0 || ret[op] < ret[best] ? op : best;
    }
    return best;
  }

  /** An operation in a story: "client 3 read() -> 5 [10, 20]" (its call and return times). */
  String describe(Model<Object, Object, Object> model, int i) {
    String text = model.describeOperation(inputs[i], outputs[i]);
    if (text.length() > 120) {
      text = text.substring(0, 120) + "...";
    }
    return "client " + client[i] + " " + text + " [" + call[i] + ", "
        + (complete(i) ? Long.toString(ret[i]) : "never returned") + "]";
  }
}
