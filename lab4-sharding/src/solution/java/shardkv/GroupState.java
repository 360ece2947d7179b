package shardkv;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import shardctrler.Config;
import shardkv.ShardKvRpc.Entry;
import shardkv.ShardKvRpc.GetArgs;
import shardkv.ShardKvRpc.GetReply;
import shardkv.ShardKvRpc.InstallShardArgs;
import shardkv.ShardKvRpc.InstallShardReply;
import shardkv.ShardKvRpc.PutArgs;
import shardkv.ShardKvRpc.PutReply;

/**
 * The replicated state of one shard group, and the one place it changes: {@link #apply}, called
 * in log order on every replica. Not thread-safe: {@link ShardKv} guards it with its lock.
 *
 * <p>The group is always in exactly one configuration, and each shard it holds is in one phase:
 * <ul>
 *   <li><b>SERVING</b>: the shard is the group's in the current configuration and its data is
 *       here; gets and puts on it are answered.
 *   <li><b>WAITING</b>: the shard is the group's in the current configuration, but the group that
 *       had it in the previous one has not handed it over yet. Gets and puts are refused
 *       (WRONG_GROUP): answering from the empty map would be answering from stale data.
 *   <li><b>SENDING</b>: the shard was the group's in the previous configuration and is another
 *       group's now. Gets and puts are refused; the data stays here, frozen, until the new owner
 *       has stored it (then {@link ShardSent} drops it).
 *   <li><b>PARKED</b>: the shard was the group's, and the current configuration gives it to nobody
 *       (gid 0: every group has left). Gets and puts are refused; the data stays here, frozen,
 *       because this copy is the only one. When a later configuration gives the shard to a group
 *       again, it is served here (this group came back) or becomes SENDING (another group got it).
 * </ul>
 * A shard the group neither serves, sends nor parks is not in {@link #shards} at all (challenge 1:
 * its data is gone, from memory and from the next snapshot).
 *
 * <p>Configurations are taken one at a time, in order: {@link Reconfigure} to n + 1 is applied only
 * in configuration n and only once no shard is WAITING or SENDING, so a group never skips a
 * configuration and never has two shard moves of the same shard going on at once. A PARKED shard
 * does not hold the group back: nobody waits for it until a configuration gives it to a group, and
 * the group must reach that configuration to hand it on.
 */
final class GroupState {
  enum Phase { SERVING, WAITING, SENDING, PARKED }

  /** One shard this group holds: its phase and its data (key → value and version, sorted). */
  record Shard(Phase phase, Map<String, Entry> data) {}

  /** The group's own commands (besides the clients' GetArgs and PutArgs and the InstallShardArgs of other groups). */
  record Reconfigure(Config next) {}

  /** The new owner has stored {@code shard} of configuration {@code configNum}: drop it. */
  record ShardSent(int configNum, int shard) {}

  /** Changes nothing: a new leader logs one so that the entries of earlier terms commit (see ShardKv's poller). */
  record NoOp() {}

  /** The whole state, as it goes into a snapshot. */
  record Snapshot(Config config, Map<Integer, Shard> shards, List<Integer> lastOwners) {}

  private final int gid;
  private Config config = Config.initial();
  private Map<Integer, Shard> shards = new TreeMap<>();
  /**
   * Per shard, the last group (gid above 0) that had it in a configuration up to the current one;
   * 0: none ever has. Every group takes every configuration from 0 on, in order, so every replica
   * of every group computes the same values. It tells a group that gets a shard from gid 0 whether
   * the shard is new (the first join: it starts empty) or parked at its last owner (wait for that
   * group's push). It goes into the snapshot: a group restarted without it would start parked
   * shards empty.
   */
  private int[] lastOwners = new int[Config.NSHARDS];

  GroupState(int gid) {
    this.gid = gid;
  }

  Config config() {
    return config;
  }

  /** Whether no shard this group holds is WAITING or SENDING: the current configuration is done. */
  boolean settled() {
    return shards.values().stream().noneMatch(s -> s.phase() == Phase.WAITING || s.phase() == Phase.SENDING);
  }

  /** The shards this group must hand over in the current configuration: shard → its data. */
  Map<Integer, Map<String, Entry>> sending() {
    Map<Integer, Map<String, Entry>> out = new TreeMap<>();
    shards.forEach((s, shard) -> {
      if (shard.phase() == Phase.SENDING) {
        out.put(s, new TreeMap<>(shard.data()));
      }
    });
    return out;
  }

  Object apply(Object command) {
    return switch (command) {
      case GetArgs g -> get(g);
      case PutArgs p -> new PutReply(put(p));
      case Reconfigure r -> reconfigure(r.next());
      case InstallShardArgs a -> new InstallShardReply(install(a));
      case ShardSent s -> sent(s);
      case NoOp n -> Err.OK;
      default -> throw new IllegalArgumentException("not a shard group command: " + command);
    };
  }

  /** The data of {@code key}'s shard if this group serves it now, else null. */
  private Map<String, Entry> serving(String key) {
    Shard shard = shards.get(Config.shardOf(key));
    return shard != null && shard.phase() == Phase.SERVING ? shard.data() : null;
  }

  private GetReply get(GetArgs g) {
    // Ownership is decided here, at the command's place in the log, not in the RPC handler: a
    // Reconfigure applied between the handler's check and this apply would make the answer stale.
    Map<String, Entry> data = serving(g.key());
    if (data == null) {
      return new GetReply("", 0, Err.WRONG_GROUP);
    }
    Entry e = data.get(g.key());
    return e == null ? new GetReply("", 0, Err.NO_KEY) : new GetReply(e.value(), e.version(), Err.OK);
  }

  private Err put(PutArgs p) {
    Map<String, Entry> data = serving(p.key());
    if (data == null) {
      return Err.WRONG_GROUP;
    }
    Entry e = data.get(p.key());
    long current = e == null ? 0 : e.version();
    if (p.version() != current) {
      return e == null ? Err.NO_KEY : Err.VERSION;
    }
    data.put(p.key(), new Entry(p.value(), current + 1));
    return Err.OK;
  }

  /**
   * Moves to configuration {@code next}, if it is the one after the current one and the current
   * one is done; otherwise (a resent or an early Reconfigure) changes nothing.
   */
  private Err reconfigure(Config next) {
    if (next.num() != config.num() + 1 || !settled()) {
      return Err.OK;
    }
    for (int s = 0; s < Config.NSHARDS; s++) {
      int before = config.gidOf(s);
      int after = next.gidOf(s);
      Shard held = shards.get(s);
      if (before != gid && after == gid) {
        shards.put(s, gained(s, before, held));
      } else if (before == gid && after != gid) {
        // Lost. To another group it is sent; to nobody (gid 0: every group left) it is parked:
        // kept, unserved, for whichever group gets it next. Dropping it would lose every put in it.
        shards.put(s, new Shard(after == 0 ? Phase.PARKED : Phase.SENDING, held.data()));
      } else if (held != null && held.phase() == Phase.PARKED && after != 0) {
        // Parked here (so before is 0) and now another group's: hand it over, tagged with this
        // configuration, exactly as if this group had served it until now.
        shards.put(s, new Shard(Phase.SENDING, held.data()));
      }
      if (after != 0) {
        lastOwners[s] = after;
      }
    }
    config = next;
    return Err.OK;
  }

  /**
   * A shard new to this group in the next configuration. From another group it waits for that
   * group's push. From nobody (gid 0) it depends on where the data is: parked here, it is served
   * again at once; if no group has ever had it (the first join), it starts empty and is served at
   * once; otherwise its last owner has it parked and will push it (the lastOwners rule).
   */
  private Shard gained(int s, int before, Shard held) {
    if (held != null && held.phase() == Phase.PARKED) {
      return new Shard(Phase.SERVING, held.data());
    }
    if (before == 0 && lastOwners[s] == 0) {
      return new Shard(Phase.SERVING, new TreeMap<>());
    }
    return new Shard(Phase.WAITING, new TreeMap<>());
  }

  /**
   * Stores a pushed shard. Fencing by configuration number: only a push for the current
   * configuration, of a shard this group waits for, is stored. A push from an older configuration
   * is a late copy (the group got that shard then, or it could not have moved on) and must not
   * overwrite newer data; a push from a newer one is early.
   */
  private Err install(InstallShardArgs a) {
    if (a.configNum() > config.num()) {
      return Err.NOT_READY;
    }
    Shard shard = shards.get(a.shard());
    if (a.configNum() == config.num() && shard != null && shard.phase() == Phase.WAITING) {
      shards.put(a.shard(), new Shard(Phase.SERVING, new TreeMap<>(a.data())));
    }
    // Already stored (a resent push) or from an older configuration: the sender may drop its copy.
    return Err.OK;
  }

  /**
   * Deletes a shard this group has handed over, once the receiver has confirmed it stored it (not
   * before: until then this copy is the only one). Fenced like an install.
   */
  private Err sent(ShardSent s) {
    Shard shard = shards.get(s.shard());
    if (s.configNum() == config.num() && shard != null && shard.phase() == Phase.SENDING) {
      shards.remove(s.shard());
    }
    return Err.OK;
  }

  Snapshot snapshot() {
    return new Snapshot(config, shards, Arrays.stream(lastOwners).boxed().toList());
  }

  void restore(Snapshot s) {
    config = s.config();
    lastOwners = s.lastOwners().stream().mapToInt(Integer::intValue).toArray();
    shards = new TreeMap<>();
    s.shards().forEach((i, shard) -> shards.put(i, new Shard(shard.phase(), new TreeMap<>(shard.data()))));
  }

  /** The shards this group serves now (for the log lines). */
  List<Integer> servingShards() {
    return shards.entrySet().stream().filter(e -> e.getValue().phase() == Phase.SERVING).map(Map.Entry::getKey)
        .toList();
  }
}
