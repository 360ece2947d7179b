package labs.cluster;

/**
 * Builds one life of a server: the lab's server code (a Raft peer; Raft with a key/value service
 * on top; a shard group's replica), started from what it persisted. Called on the new life's own
 * node, so the threads it starts ({@code Env.go}) belong to that life and stop when it crashes.
 *
 * <pre>{@code
 * ServerFactory<KvServer> factory = ctx -> {
 *   KvServer kv = new KvServer(ctx.peers(), ctx.me(), ctx.persister());
 *   RaftRpc.addTo(ctx.server(), kv.raft());          // Raft's RPCs ...
 *   KvRpc.addTo(ctx.server(), kv);                   // ... and the service's, on one server
 *   ctx.onKill(kv::kill);
 *   return kv;
 * };
 * }</pre>
 *
 * @param <S> what the tester keeps of a life (the server object, or a record of its parts)
 */
@FunctionalInterface
public interface ServerFactory<S> {
  /**
   * Builds the server; registers its RPC handlers on {@link ServerContext#server()} (the group
   * puts them on the network once this returns). Must not return null.
   */
  S start(ServerContext ctx);
}
