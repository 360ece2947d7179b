package labs.checker.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while the search runs, the longest linearizable prefix it found, and (for partitions
 * of at most {@link #PER_OPERATION_LIMIT} operations) for each operation the longest prefix that
 * contains it. The search stack is mirrored as an immutable linked list, so a snapshot of it is
 * one pointer; each stack position carries the deepest snapshot recorded while it was on the
 * stack and hands it down when popped, so every event costs O(1).
 *
 * <p>Memory: a partition with more operations keeps only the overall longest prefix (at most
 * {@code n} nodes); a smaller one keeps at most {@code 2n} snapshots of at most {@code n} nodes.
 */
final class PartialTracker {
  /** Above this many operations in a partition, only the overall longest prefix is kept. */
  static final int PER_OPERATION_LIMIT = 512;

  /**
   * A node of the mirrored stack: an operation and the prefix below it. (Not a record: value
   * equality would walk the whole chain.)
   */
  private static final class Node {
    final int op;
    final Node below;

    Node(int op, Node below) {
      this.op = op;
      this.below = below;
    }
  }

  /** A recorded prefix: its length, its top node, and the operation that blocked it (or -1). */
  private static final class Snapshot {
    final int depth;
    final Node top;
    final int blockedBy;

    Snapshot(int depth, Node top, int blockedBy) {
      this.depth = depth;
      this.top = top;
      this.blockedBy = blockedBy;
    }
  }

  private final boolean perOperation;
  private Node top;
  private int depth;
  private Snapshot longest = new Snapshot(0, null, -1);
  private boolean succeeded;
  // Per stack position: the deepest snapshot recorded while that position was occupied.
  private final Snapshot[] atPosition;
  // Per operation: the deepest snapshot containing it.
  private final Snapshot[] forOperation;

  PartialTracker(int n) {
    perOperation = n <= PER_OPERATION_LIMIT;
    atPosition = perOperation ? new Snapshot[n] : null;
    forOperation = perOperation ? new Snapshot[n] : null;
  }

  void push(int op) {
    top = new Node(op, top);
    if (perOperation) {
      atPosition[depth] = null;
    }
    depth++;
  }

  /**
   * The search cannot extend the current prefix: {@code blockedBy} returned before it could be
   * linearized after it (or -1 when the search stops here for another reason).
   */
  void record(int blockedBy) {
    Snapshot snapshot = null;
    if (depth > longest.depth || (depth == longest.depth && longest.blockedBy < 0)) {
      snapshot = new Snapshot(depth, top, blockedBy);
      longest = snapshot;
    }
    if (perOperation && depth > 0) {
      Snapshot here = atPosition[depth - 1];
      if (here == null || depth > here.depth) {
        atPosition[depth - 1] = snapshot != null ? snapshot : new Snapshot(depth, top, blockedBy);
      }
    }
  }

  void pop() {
    depth--;
    if (perOperation) {
      Snapshot best = atPosition[depth];
      int op = top.op;
      if (best != null) {
        Snapshot known = forOperation[op];
        if (known == null || best.depth > known.depth) {
          forOperation[op] = best;
        }
        if (depth > 0) {
          Snapshot below = atPosition[depth - 1];
          if (below == null || best.depth > below.depth) {
            atPosition[depth - 1] = best;
          }
        }
      }
    }
    top = top.below;
  }

  /**
   * Ends the search. A success keeps only the linearization found (the current stack);
   * otherwise the current prefix is recorded and every stack position hands its snapshot down.
   */
  void finish(boolean success) {
    if (success) {
      longest = new Snapshot(depth, top, -1);
      succeeded = true;
      return;
    }
    record(-1);
    while (depth > 0) {
      pop();
    }
  }

  /** The partial linearizations found; call after {@link #finish}. */
  Partials result(int n) {
    Map<Snapshot, Integer> index = new IdentityHashMap<>();
    Map<List<Integer>, Integer> byContent = new HashMap<>();
    List<int[]> orders = new ArrayList<>();
    List<Integer> blocked = new ArrayList<>();
    int longestIndex = indexOf(longest, index, byContent, orders, blocked);
    int[] longestFor = new int[n];
    for (int op = 0; op < n; op++) {
      Snapshot s = perOperation && !succeeded ? forOperation[op] : null;
      longestFor[op] = s != null ? indexOf(s, index, byContent, orders, blocked) : -1;
    }
    if (!perOperation || succeeded) {
      for (int op : orders.get(longestIndex)) {
        longestFor[op] = longestIndex;
      }
    }
    return new Partials(orders, blocked.stream().mapToInt(Integer::intValue).toArray(),
        longestIndex, longestFor);
  }

  private static int indexOf(
      Snapshot s,
      Map<Snapshot, Integer> index,
      Map<List<Integer>, Integer> byContent,
      List<int[]> orders,
      List<Integer> blocked) {
    Integer known = index.get(s);
    if (known != null) {
      return known;
    }
    int[] order = new int[s.depth];
    Node node = s.top;
    for (int i = s.depth - 1; i >= 0; i--) {
      order[i] = node.op;
      node = node.below;
    }
    List<Integer> content = new ArrayList<>(order.length + 1);
    content.add(s.blockedBy);
    for (int op : order) {
      content.add(op);
    }
    Integer same = byContent.get(content);
    if (same == null) {
      same = orders.size();
      byContent.put(content, same);
      orders.add(order);
      blocked.add(s.blockedBy);
    }
    index.put(s, same);
    return same;
  }
}
