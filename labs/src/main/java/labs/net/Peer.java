package labs.net;

import java.util.Optional;

/**
 * One end of a network link, used to call one server (MIT's {@code ClientEnd}). A Raft peer gets
 * one per other peer.
 *
 * <p>{@link #call} blocks until the reply arrives or the network gives up, and returns empty when
 * there is no reply: the request or the reply was lost, the server is down or unreachable. An
 * empty result says nothing about whether the handler ran. Calls may run concurrently from many
 * threads; for parallel requests start one thread per call ({@code Env.go}).
 *
 * <p>Two ends are equal when they are the same end of the same network (its name names it), and
 * the hash code comes from the name: a {@code HashMap<Peer, ...>} or {@code HashSet<Peer>} is
 * iterated in the same order in every run of a seed, unlike a map keyed by identity.
 */
public final class Peer {
  private final Network network;
  private final String name;

  Peer(Network network, String name) {
    this.network = network;
    this.name = name;
  }

  /** Sends {@code args} to the connected server's handler for {@code rpc}; empty if no reply came. */
  public <A, R> Optional<R> call(Rpc<A, R> rpc, A args) {
    return network.call(this, rpc, args);
  }

  /** The end's name on the network. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Peer p && p.network == network && p.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "Peer(" + name + ")";
  }
}
