package labs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Network;
import labs.net.Peer;

/**
 * One client of the cluster (MIT's {@code Clnt}): its own end to each server it calls, made on
 * first use and named {@code client-<id>→<server>}, so the test can cut one client off (a clerk
 * stuck in a minority) without touching the servers' links or the other clients. A clerk object
 * takes the ends it needs ({@link #ends(ServerGroup)}) and runs on tester threads.
 *
 * <p>A new client reaches every server. Thread-safe; its lock is taken by tester threads only.
 */
public final class Client {
  private final Network net;
  private final int id;
  private final ReentrantLock mu = new ReentrantLock(); // guards everything below
  private final Map<String, Peer> ends = new TreeMap<>();
  private final Map<String, Boolean> except = new TreeMap<>(); // servers whose link differs from the default
  private boolean reachesAll = true;

  Client(Network net, int id) {
    this.net = net;
    this.id = id;
  }

  /** The client's number in its cluster (0, 1, ...): use it as the client of recorded operations. */
  public int id() {
    return id;
  }

  /** {@code client-<id>}, as in traces. */
  public String name() {
    return "client-" + id;
  }

  /** This client's end to {@code serverName}, open if the client is connected to that server. */
  public Peer end(String serverName) {
    mu.lock();
    try {
      Peer end = ends.get(serverName);
      if (end == null) {
        String endName = name() + "→" + serverName;
        end = net.makeEnd(endName);
        net.connect(endName, serverName);
        net.enable(endName, reaches(serverName));
        ends.put(serverName, end);
      }
      return end;
    } finally {
      mu.unlock();
    }
  }

  /** This client's ends to every server of {@code group}, in index order. */
  public List<Peer> ends(ServerGroup<?> group) {
    List<Peer> list = new ArrayList<>(group.size());
    group.serverNames().forEach(s -> list.add(end(s)));
    return list;
  }

  /** Lets this client reach {@code serverName}. */
  public void connect(String serverName) {
    set(serverName, true);
  }

  /** Cuts this client off from {@code serverName}: its calls there fail as if the server were down. */
  public void disconnect(String serverName) {
    set(serverName, false);
  }

  /** Lets this client reach every server. */
  public void connectAll() {
    setAll(true);
  }

  /** Cuts this client off from every server. */
  public void disconnectAll() {
    setAll(false);
  }

  /** Lets this client reach exactly {@code servers} of {@code group} (its links elsewhere stay). */
  public void connectOnly(ServerGroup<?> group, List<Integer> servers) {
    for (int i = 0; i < group.size(); i++) {
      set(group.serverName(i), servers.contains(i));
    }
  }

  /** Whether this client reaches {@code serverName}. */
  public boolean isConnected(String serverName) {
    mu.lock();
    try {
      return reaches(serverName);
    } finally {
      mu.unlock();
    }
  }

  private boolean reaches(String serverName) {
    return except.getOrDefault(serverName, reachesAll);
  }

  private void set(String serverName, boolean on) {
    mu.lock();
    try {
      except.put(serverName, on);
      Peer end = ends.get(serverName);
      if (end != null) {
        net.enable(end.name(), on);
      }
    } finally {
      mu.unlock();
    }
  }

  private void setAll(boolean on) {
    mu.lock();
    try {
      reachesAll = on;
      except.clear();
      ends.values().forEach(end -> net.enable(end.name(), on));
    } finally {
      mu.unlock();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
