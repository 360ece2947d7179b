package shardctrler;

import java.util.List;
import java.util.TreeSet;

/**
 * The fewest shard moves of any balanced assignment, found by trying assignments shard by shard
 * (pruned once a branch has moved as many as the best found). Exponential: for the small cases
 * of the rebalance property test only. Independent of {@link ConfigChecks#optimalMoves}, against
 * which it is checked.
 */
final class BruteForce {
  private final List<Integer> current;
  private final int[] gids;
  private final int q;
  private final int r;
  private final int[] load;
  private int best;

  private BruteForce(List<Integer> current, TreeSet<Integer> groups) {
    this.current = current;
    this.gids = groups.stream().mapToInt(Integer::intValue).toArray();
    this.q = current.size() / gids.length;
    this.r = current.size() % gids.length;
    this.load = new int[gids.length];
    this.best = Integer.MAX_VALUE;
  }

  /** The fewest moves from {@code current} to any balanced assignment over {@code gids} (not empty). */
  static int optimalMoves(List<Integer> current, List<Integer> gids) {
    BruteForce b = new BruteForce(current, new TreeSet<>(gids));
    b.search(0, 0, 0);
    return b.best;
  }

  /** Assigns shard {@code s} and the rest; {@code big} groups have q + 1 shards so far. */
  private void search(int s, int moves, int big) {
    if (moves >= best) {
      return;
    }
    if (s == current.size()) {
      best = moves; // all shards placed with no group above q + 1 and at most r there: balanced
      return;
    }
    for (int i = 0; i < gids.length; i++) {
      // A group may grow to q, or to q + 1 while fewer than r groups are that large.
      if (load[i] < q || (load[i] == q && big < r)) {
        boolean grows = load[i] == q;
        load[i]++;
        search(s + 1, moves + (current.get(s) == gids[i] ? 0 : 1), big + (grows ? 1 : 0));
        load[i]--;
      }
    }
  }
}
