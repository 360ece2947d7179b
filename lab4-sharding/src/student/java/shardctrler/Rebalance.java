package shardctrler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Spreading the shards over the groups (part 4A): the file you write, together with {@link
 * ShardCtrler}, which calls it on every join and leave.
 *
 * <p>Two goals, in this order:
 * <ol>
 *   <li><b>Even</b>: every shard on one of the groups, and the loads (shards per group) differ by
 *       at most one.
 *   <li><b>Few moves</b>: among the even assignments, one that changes as few shards as possible.
 *       A shard stays where it is unless its group left (or it is on gid 0) or its group holds
 *       more than its share. When the shards do not divide evenly, the larger shares go to the
 *       groups that hold the most already.
 * </ol>
 *
 * <p><b>Deterministic</b>: every controller replica runs this on its own and they must all get
 * the same answer, whatever order the gids come in. Never iterate a {@code HashMap} or {@code
 * HashSet} to decide anything (their order depends on how they were built); sort the gids (a
 * {@code TreeSet}, a {@code TreeMap}) and break ties between equal loads by gid.
 */
public final class Rebalance {
  private Rebalance() {}

  /**
   * The shards' new gids when the groups are {@code gids}. With no groups, every shard goes to
   * gid 0.
   *
   * @param current the gid of each shard now ({@link Config#NSHARDS} entries; 0, or gids that are
   *     no longer in {@code gids}, may appear). Do not change this list: return a new one.
   * @param gids the groups of the new configuration, in any order
   * @return the gid of each shard, {@link Config#NSHARDS} entries
   */
  public static List<Integer> assign(List<Integer> current, Collection<Integer> gids) {
    // TODO(4A): with q = NSHARDS / groups and r = NSHARDS % groups, r groups get q + 1 shards
    // and the others q. Collect the shards that must move (on gid 0 or on a group that left, plus
    // each group's shards beyond its target), then hand them to the groups below their target,
    // in a fixed order (sorted gids, sorted shards).
    return new ArrayList<>(current);
  }
}
