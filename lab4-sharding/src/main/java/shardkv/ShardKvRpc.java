package shardkv;

import java.util.Map;
import labs.net.Rpc;
import labs.net.Server;

/**
 * The shard groups' RPCs and their messages. Given code: do not change it (the tester registers
 * your server's handlers with {@link #addTo}).
 *
 * <p>Clients call {@link #GET} and {@link #PUT} (Lab 3's versioned rules, per key). Groups call
 * {@link #INSTALL_SHARD} on each other to move a shard: the group that serves a shard in
 * configuration n - 1 and not in configuration n sends its data to the group that serves it in
 * n (a push; handout section 6).
 *
 * <pre>{@code
 * Optional<PutReply> r = end.call(ShardKvRpc.PUT, new PutArgs("k", "v", 0));
 * }</pre>
 */
public final class ShardKvRpc {
  private ShardKvRpc() {}

  /** Reads {@code key}. */
  public record GetArgs(String key) {}

  /**
   * A get's answer: {@link Err#OK} with the value and version, {@link Err#NO_KEY} (value "" and
   * version 0), {@link Err#WRONG_GROUP} or {@link Err#WRONG_LEADER}.
   */
  public record GetReply(String value, long version, Err err) {}

  /** Installs {@code value} at {@code key} if the key's version is {@code version}. */
  public record PutArgs(String key, String value, long version) {}

  /**
   * A put's answer: {@link Err#OK}, {@link Err#VERSION}, {@link Err#NO_KEY}, {@link
   * Err#WRONG_GROUP} or {@link Err#WRONG_LEADER}.
   */
  public record PutReply(Err err) {}

  /** One key's value and version, as a shard's data travels. */
  public record Entry(String value, long version) {}

  /**
   * Shard {@code shard}'s whole data (key → value and version), sent by the group that served it
   * in configuration {@code configNum} - 1 to the group that serves it in configuration
   * {@code configNum}.
   */
  public record InstallShardArgs(int configNum, int shard, Map<String, Entry> data) {}

  /**
   * An install's answer: {@link Err#OK} (the receiver has the shard's data for {@code configNum},
   * now or since earlier: the sender may forget it), {@link Err#NOT_READY} (the receiver is not at
   * that configuration yet) or {@link Err#WRONG_LEADER}.
   */
  public record InstallShardReply(Err err) {}

  public static final Rpc<GetArgs, GetReply> GET = Rpc.of("ShardKv.Get", GetArgs.class, GetReply.class);

  public static final Rpc<PutArgs, PutReply> PUT = Rpc.of("ShardKv.Put", PutArgs.class, PutReply.class);

  public static final Rpc<InstallShardArgs, InstallShardReply> INSTALL_SHARD =
      Rpc.of("ShardKv.InstallShard", InstallShardArgs.class, InstallShardReply.class);

  /** Adds the three handlers of {@code kv} to {@code server} (which also serves Raft's RPCs). */
  public static Server addTo(Server server, ShardKv kv) {
    return server.handle(GET, kv::get).handle(PUT, kv::put).handle(INSTALL_SHARD, kv::installShard);
  }
}
