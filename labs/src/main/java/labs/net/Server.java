package labs.net;

import java.util.LinkedHashMap;
import java.util.Map;
import labs.race.Edges;

/**
 * The RPC handlers one server answers, keyed by RPC name. Several services (a KV server and its
 * Raft peer) may register on one server.
 *
 * <pre>{@code
 * Server s = new Server()
 *     .handle(RaftRpc.REQUEST_VOTE, raft::requestVote)
 *     .handle(RaftRpc.APPEND_ENTRIES, raft::appendEntries);
 * }</pre>
 */
public final class Server {
  private final Map<String, Entry<?, ?>> handlers = new LinkedHashMap<>();

  record Entry<A, R>(Rpc<A, R> rpc, Handler<A, R> handler) {}

  /** Adds the handler for {@code rpc}. */
  public synchronized <A, R> Server handle(Rpc<A, R> rpc, Handler<A, R> handler) {
    if (handlers.putIfAbsent(rpc.name(), new Entry<>(rpc, handler)) != null) {
      throw new IllegalArgumentException("two handlers for " + rpc.name());
    }
    Edges.release(this); // what the registering thread did (building the service) happens before any request
    return this;
  }

  /** The handler for {@code rpcName}; the calling thread (which starts the handler's thread) learns what registering it did. */
  synchronized Entry<?, ?> lookup(String rpcName) {
    Edges.acquire(this);
    return handlers.get(rpcName);
  }

  synchronized String names() {
    return String.join(", ", handlers.keySet());
  }
}
