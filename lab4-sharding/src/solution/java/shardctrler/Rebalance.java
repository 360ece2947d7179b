package shardctrler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference rebalance: spreads the shards over the groups as evenly as possible (the loads
 * differ by at most one) while moving as few shards as possible, the same way on every replica.
 *
 * <p>Why this moves the fewest shards: with k groups, q = NSHARDS / k and r = NSHARDS % k, a
 * balanced assignment gives r groups q + 1 shards and the others q. A group keeps at most
 * min(load, target) of its shards, so the most shards stay where they are when the r larger
 * targets go to the r groups that hold the most. Every other shard must move, and this moves
 * exactly those: the shards of groups that left (or of gid 0), and each group's excess.
 *
 * <p>Why every replica computes the same: every order here is a sorted one (gids ascending,
 * shards ascending, ties between equal loads broken by the lower gid), never the iteration order
 * of a map or set whose order depends on how it was built.
 */
public final class Rebalance {
  private Rebalance() {}

  /**
   * The shards' new gids when the groups are {@code gids}: {@code current} with as few changes as
   * possible such that every shard is on one of {@code gids} and the loads differ by at most one.
   * With no groups, every shard goes to gid 0.
   *
   * @param current the gid of each shard now ({@link Config#NSHARDS} entries; 0 or gids that left
   *     are allowed)
   * @param gids the groups of the new configuration, in any order
   */
  public static List<Integer> assign(List<Integer> current, Collection<Integer> gids) {
    TreeSet<Integer> groups = new TreeSet<>(gids); // sorted: the order every replica uses
    List<Integer> result = new ArrayList<>(current);
    if (groups.isEmpty()) {
      result.replaceAll(g -> 0);
      return result;
    }
    Map<Integer, List<Integer>> owned = new TreeMap<>(); // gid -> its shards, ascending
    groups.forEach(g -> owned.put(g, new ArrayList<>()));
    List<Integer> free = new ArrayList<>(); // shards that must move: on gid 0 or on a group that left
    for (int s = 0; s < current.size(); s++) {
      List<Integer> mine = owned.get(current.get(s));
      (mine != null ? mine : free).add(s);
    }
    // The r groups that hold the most shards (ties: the lower gid) get q + 1, the others q.
    int q = current.size() / groups.size();
    int r = current.size() % groups.size();
    List<Integer> byLoad = new ArrayList<>(groups);
    byLoad.sort(Comparator.comparingInt((Integer g) -> -owned.get(g).size()).thenComparingInt(g -> g));
    Map<Integer, Integer> target = new TreeMap<>();
    for (int i = 0; i < byLoad.size(); i++) {
      target.put(byLoad.get(i), q + (i < r ? 1 : 0));
    }
    // A group above its target gives up its highest shards; then groups below it take the free
    // shards, lowest first, in gid order.
    for (int g : groups) {
      List<Integer> mine = owned.get(g);
      while (mine.size() > target.get(g)) {
        free.add(mine.removeLast());
      }
    }
    free.sort(Comparator.naturalOrder());
    int next = 0;
    for (int g : groups) {
      List<Integer> mine = owned.get(g);
      while (mine.size() < target.get(g)) {
        int s = free.get(next++);
        result.set(s, g);
        mine.add(s);
      }
    }
    return result;
  }
}
