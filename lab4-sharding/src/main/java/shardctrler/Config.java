package shardctrler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One numbered configuration of the sharded service: which replica group serves each of the
 * {@value #NSHARDS} shards, and the server names of each group. Given code: do not change it.
 *
 * <p>Configuration 0 has no groups and gives every shard to gid 0, which is no group. Every
 * join, leave or move that changes something makes the next configuration (number + 1); a
 * configuration, once made, never changes. A Config is immutable: {@link #groups()} iterates in
 * increasing gid order, and the constructor copies what it is given.
 *
 * <pre>{@code
 * Config c = ctrlerClerk.query(-1);                 // the latest
 * int gid = c.gidOf(Config.shardOf("k"));            // the group that serves key "k" (0: none)
 * List<String> servers = c.groups().get(gid);        // its servers' names
 * }</pre>
 *
 * @param num the configuration's number (0, 1, 2, ...)
 * @param shards the gid of each shard, {@value #NSHARDS} entries (0: no group)
 * @param groups the server names of each group (gid → names), gids above 0
 */
public record Config(int num, List<Integer> shards, Map<Integer, List<String>> groups) {
  /** How many shards the key space is split into. */
  public static final int NSHARDS = 10;

  public Config {
    if (num < 0) {
      throw new IllegalArgumentException("a configuration number is 0 or more, not " + num);
    }
    if (shards == null || shards.size() != NSHARDS) {
      throw new IllegalArgumentException("a configuration assigns exactly " + NSHARDS + " shards, not " + shards);
    }
    shards = List.copyOf(shards);
    TreeMap<Integer, List<String>> sorted = new TreeMap<>();
    (groups == null ? Map.<Integer, List<String>>of() : groups).forEach((gid, names) -> {
      if (gid == null || gid <= 0) {
        throw new IllegalArgumentException("a group's gid is above 0 (0 means no group), not " + gid);
      }
      sorted.put(gid, List.copyOf(names));
    });
    groups = Collections.unmodifiableMap(sorted);
  }

  /** Configuration 0: no groups, every shard on gid 0. */
  public static Config initial() {
    return new Config(0, Collections.nCopies(NSHARDS, 0), Map.of());
  }

  /**
   * The shard a key belongs to: its first character modulo {@value #NSHARDS} (the empty key is in
   * shard 0). Keys "0" to "9" fall in ten different shards.
   */
  public static int shardOf(String key) {
    return key.isEmpty() ? 0 : key.charAt(0) % NSHARDS;
  }

  /** The gid that serves {@code shard} in this configuration (0: none). */
  public int gidOf(int shard) {
    return shards.get(shard);
  }

  /** The shards {@code gid} serves in this configuration, in increasing order. */
  public List<Integer> shardsOf(int gid) {
    List<Integer> out = new ArrayList<>();
    for (int s = 0; s < NSHARDS; s++) {
      if (shards.get(s) == gid) {
        out.add(s);
      }
    }
    return out;
  }

  /** The configuration after this one: number + 1, with these shards and groups. */
  public Config next(List<Integer> newShards, Map<Integer, List<String>> newGroups) {
    return new Config(num + 1, newShards, newGroups);
  }
}
