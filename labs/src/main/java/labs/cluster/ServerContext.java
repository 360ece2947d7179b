package labs.cluster;

import java.util.ArrayList;
import java.util.List;
import labs.net.Network;
import labs.net.Peer;
import labs.net.Server;
import labs.persist.Persister;

/**
 * What one life of a server gets from its group when it starts: its index, fresh ends to every
 * server of its group, the persister its predecessor left, and the RPC handler table the group
 * registers on the network under the server's stable name. Handed to a {@link ServerFactory}.
 */
public final class ServerContext {
  private final Network net;
  private final String nodeName;
  private final int me;
  private final List<Peer> peers;
  private final Persister persister;
  private final Server server = new Server();
  private final List<String> outsideEnds = new ArrayList<>();
  private final List<Runnable> kills = new ArrayList<>();

  ServerContext(Network net, String nodeName, int me, List<Peer> peers, Persister persister) {
    this.net = net;
    this.nodeName = nodeName;
    this.me = me;
    this.peers = List.copyOf(peers);
    this.persister = persister;
  }

  /** This server's index in its group (peers().get(me()) is its end to itself). */
  public int me() {
    return me;
  }

  /** One end per server of the group, in index order; made for this life only. */
  public List<Peer> peers() {
    return peers;
  }

  /** This server's stable storage: a copy of what its previous life last saved (empty at first). */
  public Persister persister() {
    return persister;
  }

  /** The handler table of this life: add every service's handlers here (several may share it). */
  public Server server() {
    return server;
  }

  /**
   * A new end from this life to any server of the cluster by name (a server of another group, as
   * a shard group calls when it moves shards). It is open until this life crashes; partitions
   * inside a group do not touch it.
   */
  public synchronized Peer endTo(String serverName) {
    String name = nodeName + "→" + serverName + "#" + outsideEnds.size();
    Peer end = net.makeEnd(name);
    net.connect(name, serverName);
    net.enable(name, true);
    outsideEnds.add(name);
    return end;
  }

  /**
   * Asks the group to call {@code kill} when this life crashes, in the real runtime only, on a
   * tester thread of its own: real threads run on until they next block, and a {@code kill()}
   * tells them to stop. (In the simulation a crashed node's threads never run again, and calling
   * into its objects could wait for ever on a lock one of them holds, so no kill is called.)
   */
  public synchronized void onKill(Runnable kill) {
    kills.add(kill);
  }

  synchronized List<Runnable> kills() {
    return List.copyOf(kills);
  }

  /** Closes the ends made with {@link #endTo} (the life crashed). */
  synchronized void closeOutsideEnds() {
    outsideEnds.forEach(name -> net.enable(name, false));
  }
}
