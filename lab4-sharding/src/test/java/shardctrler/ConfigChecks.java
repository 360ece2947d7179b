package shardctrler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks the controller tests make of configurations: the groups are the expected ones with
 * their servers, every shard is on one of them, the loads differ by at most one, and a join or
 * leave moved no more shards than it had to.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /**
   * Fails unless {@code c} has exactly {@code groups} (gid → server names, in order), every shard
   * on one of them (on gid 0 only if there is none), and loads that differ by at most one.
   */
  public static void checkBalanced(Config c, Map<Integer, List<String>> groups, String when) {
    if (!c.groups().equals(new TreeMap<>(groups))) {
      throw fail("%s, configuration %d has groups %s, expected %s%s", when, c.num(), c.groups(), new TreeMap<>(groups),
          c.groups().keySet().equals(groups.keySet()) ? " (the same gids, other server lists: keep each group's "
              + "servers as the join gave them)" : "");
    }
    for (int s = 0; s < Config.NSHARDS; s++) {
      int g = c.gidOf(s);
      if (groups.isEmpty() ? g != 0 : !groups.containsKey(g)) {
        throw fail("%s, configuration %d gives shard %d to gid %d, which is not one of its groups %s%s", when,
            c.num(), s, g, groups.keySet(), groups.isEmpty() ? " (with no group, every shard is on gid 0)" : "");
      }
    }
    if (!groups.isEmpty()) {
      Map<Integer, Integer> loads = loads(c);
      int max = loads.values().stream().max(Integer::compare).orElse(0);
      int min = loads.values().stream().min(Integer::compare).orElse(0);
      if (max - min > 1) {
        throw fail("%s, configuration %d is unbalanced: shards per group %s (max - min = %d, at most 1 allowed); "
            + "shards %s", when, c.num(), loads, max - min, c.shards());
      }
    }
  }

  /** Shards per group of {@code c} (every group listed, 0 included). */
  public static Map<Integer, Integer> loads(Config c) {
    Map<Integer, Integer> loads = new TreeMap<>();
    c.groups().keySet().forEach(g -> loads.put(g, 0));
    for (int s = 0; s < Config.NSHARDS; s++) {
      loads.computeIfPresent(c.gidOf(s), (g, n) -> n + 1);
    }
    return loads;
  }

  /** How many shards have another gid in {@code after} than in {@code before}. */
  public static int moves(List<Integer> before, List<Integer> after) {
    int n = 0;
    for (int s = 0; s < before.size(); s++) {
      if (!before.get(s).equals(after.get(s))) {
        n++;
      }
    }
    return n;
  }

  /**
   * The fewest shards any balanced assignment to {@code gids} must move from {@code current}. With
   * k groups, q = shards / k and r = shards % k, a group keeps at most min(load, target) of its
   * shards, and the most are kept when the r targets of q + 1 go to the r groups that hold the most
   * ({@code BruteForceTest} checks this against an exhaustive search).
   */
  public static int optimalMoves(List<Integer> current, Collection<Integer> gids) {
    Set<Integer> groups = new TreeSet<>(gids);
    if (groups.isEmpty()) {
      return (int) current.stream().filter(g -> g != 0).count();
    }
    List<Integer> held = new ArrayList<>();
    for (int g : groups) {
      held.add((int) current.stream().filter(x -> x == g).count());
    }
    held.sort(Comparator.reverseOrder());
    int q = current.size() / groups.size();
    int r = current.size() % groups.size();
    int kept = 0;
    for (int i = 0; i < held.size(); i++) {
      kept += Math.min(held.get(i), q + (i < r ? 1 : 0));
    }
    return current.size() - kept;
  }

  /**
   * Fails unless the change from {@code before} to {@code after} (a join or a leave) moved exactly
   * as many shards as the best balanced assignment must.
   */
  public static void checkMinimal(Config before, Config after, String what) {
    int moved = moves(before.shards(), after.shards());
    int best = optimalMoves(before.shards(), after.groups().keySet());
    if (moved != best) {
      throw fail("%s moved %d shards (configuration %d %s -> configuration %d %s), but a balanced assignment that "
          + "moves only %d exists: keep every shard where it is unless its group left or holds more than its share, "
          + "and give the larger shares to the groups that hold the most", what, moved, before.num(),
          before.shards(), after.num(), after.shards(), best);
    }
  }

  /** Fails unless every shard that moved from {@code before} to {@code after} moved to one of {@code joined}. */
  public static void checkMovesOnlyTo(Config before, Config after, Collection<Integer> joined, String what) {
    for (int s = 0; s < Config.NSHARDS; s++) {
      if (before.gidOf(s) != after.gidOf(s) && !joined.contains(after.gidOf(s))) {
        throw fail("%s moved shard %d from group %d to group %d, which was there before (configuration %d %s -> %d "
            + "%s): a join moves shards only to the new groups", what, s, before.gidOf(s), after.gidOf(s),
            before.num(), before.shards(), after.num(), after.shards());
      }
    }
  }

  /** Fails unless every shard that moved from {@code before} to {@code after} came from one of {@code left}. */
  public static void checkMovesOnlyFrom(Config before, Config after, Collection<Integer> left, String what) {
    for (int s = 0; s < Config.NSHARDS; s++) {
      if (before.gidOf(s) != after.gidOf(s) && !left.contains(before.gidOf(s))) {
        throw fail("%s moved shard %d away from group %d, which stayed (configuration %d %s -> %d %s): a leave moves "
            + "only the shards of the groups that left", what, s, before.gidOf(s), before.num(), before.shards(),
            after.num(), after.shards());
      }
    }
  }

  static AssertionError fail(String format, Object... args) {
    throw new AssertionError(String.format(format, args));
  }
}
