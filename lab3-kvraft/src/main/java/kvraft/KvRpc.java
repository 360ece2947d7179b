package kvraft;

import labs.net.Rpc;
import labs.net.Server;

/**
 * The key/value service's two RPCs and their messages. Given code: do not change it (the tester
 * registers your server's handlers with {@link #addTo}). The argument records are also the
 * commands your server submits to the rsm, so they are what its log holds.
 *
 * <p>A key's version is 0 while the key does not exist; the first successful put (with version 0)
 * creates it at version 1, and each successful put after that adds one.
 *
 * <pre>{@code
 * Optional<GetReply> reply = servers.get(i).call(KvRpc.GET, new GetArgs("k"));
 * if (reply.isEmpty()) { ... }   // lost request or reply, or the server is down: try another
 * }</pre>
 */
public final class KvRpc {
  private KvRpc() {}

  /** Reads {@code key}. */
  public record GetArgs(String key) {}

  /**
   * A get's answer: {@link Err#OK} with the key's value and version, {@link Err#NO_KEY} (value
   * "" and version 0), or {@link Err#WRONG_LEADER}.
   */
  public record GetReply(String value, long version, Err err) {}

  /** Installs {@code value} at {@code key} if the key's version is {@code version}. */
  public record PutArgs(String key, String value, long version) {}

  /** A put's answer: {@link Err#OK}, {@link Err#VERSION}, {@link Err#NO_KEY} or {@link Err#WRONG_LEADER}. */
  public record PutReply(Err err) {}

  public static final Rpc<GetArgs, GetReply> GET = Rpc.of("KV.Get", GetArgs.class, GetReply.class);

  public static final Rpc<PutArgs, PutReply> PUT = Rpc.of("KV.Put", PutArgs.class, PutReply.class);

  /** Adds the two handlers of {@code kv} to {@code server} (which also serves Raft's RPCs). */
  public static Server addTo(Server server, KvServer kv) {
    return server.handle(GET, kv::get).handle(PUT, kv::put);
  }
}
