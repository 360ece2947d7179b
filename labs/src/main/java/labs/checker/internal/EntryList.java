package labs.checker.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The history of one partition as a doubly linked list of call and return entries in time order
 * (calls before returns at equal times, then by operation), kept in primitive arrays. Linearizing
 * an operation {@link #lift lifts} its call and return out of the list; backtracking {@link
 * #unlift unlifts} them back in, in the reverse order (dancing links).
 */
final class EntryList {
  /** Sentinel before the first entry. */
  final int head;
  /** Sentinel after the last entry. */
  final int tail;
  /** Next / previous entry in the list. */
  final int[] next;
  final int[] prev;
  /** For a call entry, its return entry; {@code -1} for a return entry. */
  final int[] match;
  /** The operation (local index) of each entry. */
  final int[] op;

  EntryList(long[] call, long[] ret) {
    int n = call.length;
    int size = 2 * n + 2;
    head = 2 * n;
    tail = 2 * n + 1;
    next = new int[size];
    prev = new int[size];
    match = new int[size];
    op = new int[size];
    Integer[] byCall = sortedBy(call);
    Integer[] byRet = sortedBy(ret);
    // Entry 2i is the call of operation i, 2i+1 its return; merge both orders into the list.
    int last = head;
    int c = 0;
    int r = 0;
    while (c < n || r < n) {
      int e;
      if (r == n || (c < n && call[byCall[c]] <= ret[byRet[r]])) {
        e = 2 * byCall[c++];
      } else {
        e = 2 * byRet[r++] + 1;
      }
      link(last, e);
      last = e;
    }
    link(last, tail);
    for (int i = 0; i < n; i++) {
      op[2 * i] = i;
      op[2 * i + 1] = i;
      match[2 * i] = 2 * i + 1;
      match[2 * i + 1] = -1;
    }
    match[head] = -1;
    match[tail] = -1;
  }

  private static Integer[] sortedBy(long[] time) {
    Integer[] order = new Integer[time.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> time[i]).thenComparingInt(i -> i));
    return order;
  }

  private void link(int a, int b) {
    next[a] = b;
    prev[b] = a;
  }

  boolean isEmpty() {
    return next[head] == tail;
  }

  /** Removes a call entry and its return entry from the list. */
  void lift(int call) {
    int p = prev[call];
    int q = next[call];
    next[p] = q;
    prev[q] = p;
    int r = match[call];
    p = prev[r];
    q = next[r];
    next[p] = q;
    prev[q] = p;
  }

  /** Puts back a call entry lifted last, and its return entry. */
  void unlift(int call) {
    int r = match[call];
    next[prev[r]] = r;
    prev[next[r]] = r;
    next[prev[call]] = call;
    prev[next[call]] = call;
  }
}
