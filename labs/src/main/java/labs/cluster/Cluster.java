package labs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import labs.harness.RunStats;
import labs.net.Network;
import labs.net.NetworkConfig;
import labs.runtime.World;

/**
 * Everything one test runs on: a network, the server groups on it, the clients that call them and
 * the log of the faults the test caused. A lab's tester makes one, scripts faults through its
 * groups, and closes it at the end of the test.
 *
 * <p>Feeds the test's summary line: RPCs and bytes from the network, peers from the first group
 * (MIT counts group 0). Operations come from a {@link HistoryRecorder} or from the lab's tester.
 */
public final class Cluster implements AutoCloseable {
  private final World world = World.current();
  private final Network net;
  private final FaultLog faults = new FaultLog(world);
  private final ReentrantLock mu = new ReentrantLock(); // guards the lists below
  private final List<ServerGroup<?>> groups = new ArrayList<>();
  private final Set<String> serverNames = new TreeSet<>();
  private final List<Client> clients = new ArrayList<>();

  /** A cluster on a new network configured as {@code config}. */
  public Cluster(NetworkConfig config) {
    this.net = new Network(config);
    RunStats.current().countFrom(net::totalRpcs, net::totalBytes);
  }

  /** The network, for its reliability switches and counters. */
  public Network network() {
    return net;
  }

  /** The partitions, crashes and restarts so far, for the history viewer. */
  public FaultLog faults() {
    return faults;
  }

  /**
   * A group of {@code servers} servers named {@code <name>-0}, {@code <name>-1}, ..., all down:
   * start them with {@link ServerGroup#start} or {@link ServerGroup#startAll}.
   *
   * @throws IllegalArgumentException if a server name is already taken in this cluster
   */
  public <S> ServerGroup<S> newGroup(String name, int servers, ServerFactory<S> factory) {
    ServerGroup<S> group = new ServerGroup<>(world, net, faults, name, servers, factory);
    mu.lock();
    try {
      for (String s : group.serverNames()) {
        if (serverNames.contains(s)) {
          throw new IllegalArgumentException("two servers would be called " + s + ": give each group of the "
              + "cluster a name that is no other group's server name (\"server-101\", \"server-102\", ...)");
        }
      }
      serverNames.addAll(group.serverNames());
      RunStats.current().setPeers(serverNames.size()); // the summary line counts every group's servers
      groups.add(group);
    } finally {
      mu.unlock();
    }
    return group;
  }

  /** {@link #newGroup} with every server started and connected. */
  public <S> ServerGroup<S> startGroup(String name, int servers, ServerFactory<S> factory) {
    ServerGroup<S> group = newGroup(name, servers, factory);
    group.startAll();
    group.connectAll();
    return group;
  }

  /** The groups, in order of creation. */
  public List<ServerGroup<?>> groups() {
    mu.lock();
    try {
      return List.copyOf(groups);
    } finally {
      mu.unlock();
    }
  }

  /** A new client (ids 0, 1, ... in order), connected to every server. */
  public Client newClient() {
    mu.lock();
    try {
      Client c = new Client(net, clients.size());
      clients.add(c);
      return c;
    } finally {
      mu.unlock();
    }
  }

  /**
   * Ends the test's cluster. On real threads it crashes every server, so that no thread of the
   * test outlives it (each life's kill hook runs); in the simulation nothing runs after the test.
   */
  @Override
  public void close() {
    if (!world.isSimulated()) {
      groups().forEach(ServerGroup::crashAll);
    }
  }
}
