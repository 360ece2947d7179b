package labs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import labs.net.Network;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * The {@code n} servers of one group (a Raft cluster, a shard group) on the cluster's network,
 * with their persisters, and the faults a test puts them through: crash, restart, disconnect,
 * partition. Made by {@link Cluster#newGroup} or {@link Cluster#startGroup}.
 *
 * <p>Server {@code i} answers on the network as {@code <group>-i} (group {@code "server"}:
 * {@code "server-0"}, ...), whichever life of it is up. Each life runs on a fresh node ({@code
 * server-0}, then {@code server-0.r1}, ...) with fresh ends to its peers; its persister is a copy
 * of what the previous life saved, and a crash keeps a copy too, so a crashed life that still
 * runs (a zombie) cannot change what the next one reads.
 *
 * <p>Links: {@link #connect} joins a server to every connected server, {@link #disconnect} cuts
 * it off from all, {@link #partition} links exactly the servers within each side. A started
 * server is disconnected until it is connected. Every change is traced and kept in the cluster's
 * {@link FaultLog}.
 *
 * <p>Call from tester threads. The group's lock is never taken by a server's thread.
 *
 * @param <S> what the factory builds for each life
 */
public final class ServerGroup<S> {
  private final World world;
  private final Network net;
  private final FaultLog faults;
  private final String name;
  private final int n;
  private final ServerFactory<S> factory;
  private final List<String> serverNames;

  private final ReentrantLock mu = new ReentrantLock(); // guards everything below
  private final List<Instance<S>> up = new ArrayList<>(); // the life that is up, or null
  private final List<ServerContext> contexts = new ArrayList<>();
  private final Persister[] saved;
  private final int[] lives;
  private final Links links;

  ServerGroup(World world, Network net, FaultLog faults, String name, int n, ServerFactory<S> factory) {
    if (n < 1) {
      throw new IllegalArgumentException("a group needs at least one server, got " + n);
    }
    this.world = world;
    this.net = net;
    this.faults = faults;
    this.name = name;
    this.n = n;
    this.factory = factory;
    List<String> names = new ArrayList<>();
    saved = new Persister[n];
    lives = new int[n];
    for (int i = 0; i < n; i++) {
      names.add(name + "-" + i);
      up.add(null);
      contexts.add(null);
      saved[i] = new Persister();
    }
    serverNames = List.copyOf(names);
    links = new Links(net, n);
  }

  /** The group's name, the prefix of its servers' names. */
  public String name() {
    return name;
  }

  /** How many servers the group has. */
  public int size() {
    return n;
  }

  /** Server {@code i}'s name on the network. */
  public String serverName(int i) {
    return serverNames.get(check(i));
  }

  /** Every server's name, in index order (what a clerk dials). */
  public List<String> serverNames() {
    return serverNames;
  }

  // ------------------------------------------------------------------ lives

  /**
   * Starts server {@code i} (crashing it first if it is up) from what it persisted, on a new node
   * with new ends. It is not connected: call {@link #connect} (or use {@link #restart}).
   *
   * @throws AssertionError if the factory returns null or the node crashes while it runs
   */
  public Instance<S> start(int i) {
    crash(i);
    String nodeName;
    ServerContext ctx;
    int life;
    mu.lock();
    try {
      life = lives[i]++;
      nodeName = serverName(i) + (life == 0 ? "" : ".r" + life);
      saved[i] = saved[i].copy();
      List<Peer> peers = links.newEnds(i, nodeName, serverNames);
      ctx = new ServerContext(net, nodeName, i, peers, saved[i]);
    } finally {
      mu.unlock();
    }
    Node node = world.newNode(nodeName);
    S server = node.call(() -> new Built<>(factory.start(ctx)))
        .orElseThrow(() -> new AssertionError(serverName(i) + " crashed while its factory was building it"))
        .server();
    if (server == null) {
      throw new AssertionError("the factory of group " + name + " returned null for server " + i
          + ": return the server object it built");
    }
    Instance<S> instance = new Instance<>(serverName(i), i, life, node, server, ctx.persister());
    mu.lock();
    try {
      up.set(i, instance);
      contexts.set(i, ctx);
      net.addServer(serverName(i), node, ctx.server());
      faults.started(serverName(i), life);
      changed();
    } finally {
      mu.unlock();
    }
    world.trace().record("tester", "start", serverName(i) + " on node " + nodeName + (life == 0 ? ""
        : ", from what it persisted (" + ctx.persister().raftStateSize() + " B state, "
        + ctx.persister().snapshotSize() + " B snapshot)"));
    return instance;
  }

  private record Built<S>(S server) {}

  /** Starts every server that is down (see {@link #start}); none is connected. */
  public void startAll() {
    for (int i = 0; i < n; i++) {
      if (!isUp(i)) {
        start(i);
      }
    }
  }

  /** Crashes server {@code i} if it is up, then starts and connects it. */
  public Instance<S> restart(int i) {
    Instance<S> instance = start(i);
    connect(i);
    return instance;
  }

  /**
   * Crashes server {@code i}: cuts its links, takes it off the network, stops its node for good
   * and keeps a copy of what it persisted. Does nothing if it is down.
   */
  public void crash(int i) {
    Instance<S> dead;
    ServerContext ctx;
    mu.lock();
    try {
      dead = up.get(check(i));
      if (dead == null) {
        return;
      }
      ctx = contexts.get(i);
      links.disconnect(i);
      net.deleteServer(serverName(i));
      ctx.closeOutsideEnds();
      saved[i] = saved[i].copy(); // what the zombie writes from now on goes to a persister nobody reads
      up.set(i, null);
      contexts.set(i, null);
      faults.crashed(serverName(i));
      changed();
    } finally {
      mu.unlock();
    }
    world.crash(dead.node());
    world.trace().record("tester", "crash", serverName(i));
    List<Runnable> kills = ctx.kills();
    if (!world.isSimulated() && !kills.isEmpty()) {
      world.testerNode().start("kill-" + dead.node().name(), () -> kills.forEach(Runnable::run));
    }
  }

  /** Crashes every server that is up. */
  public void crashAll() {
    for (int i = 0; i < n; i++) {
      crash(i);
    }
  }

  /** Whether server {@code i} is up (started and not crashed). */
  public boolean isUp(int i) {
    return instance(i).isPresent();
  }

  /** The life of server {@code i} that is up, if any. */
  public Optional<Instance<S>> instance(int i) {
    mu.lock();
    try {
      return Optional.ofNullable(up.get(check(i)));
    } finally {
      mu.unlock();
    }
  }

  /**
   * Runs {@code action} on server {@code i}'s node (see {@link Instance#call}); empty if it is down
   * or crashes meanwhile.
   */
  public <T> Optional<T> call(int i, String what, Function<? super S, ? extends T> action) {
    return instance(i).flatMap(s -> s.call(what, action));
  }

  /**
   * Server {@code i}'s persister: the one its current life writes, or what its last life left.
   * For sizes and checks; a server reads its own through {@link ServerContext#persister()}.
   */
  public Persister persister(int i) {
    mu.lock();
    try {
      return saved[check(i)];
    } finally {
      mu.unlock();
    }
  }

  /** The largest persisted Raft state of any server, in bytes. */
  public int maxRaftStateSize() {
    int max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, persister(i).raftStateSize());
    }
    return max;
  }

  /** The largest persisted snapshot of any server, in bytes. */
  public int maxSnapshotSize() {
    int max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, persister(i).snapshotSize());
    }
    return max;
  }

  /** RPCs received so far by the current life of server {@code i}. */
  public long rpcCount(int i) {
    return net.rpcCount(serverName(i));
  }

  // ------------------------------------------------------------------ links

  /** Links server {@code i} both ways with every connected server. */
  public void connect(int i) {
    relink(() -> links.connect(check(i)), "connect", serverName(i));
  }

  /** Cuts server {@code i} off from every server, both ways; it keeps running. */
  public void disconnect(int i) {
    relink(() -> links.disconnect(check(i)), "disconnect", serverName(i));
  }

  /** Connects every server (up or down: a down server is linked once it starts and connects). */
  public void connectAll() {
    relink(() -> {
      for (int i = 0; i < n; i++) {
        links.connect(i);
      }
    }, "connect", "all servers of " + name);
  }

  /** Links exactly the servers within each side (see {@link Split}). */
  public void partition(Split split) {
    split.a().forEach(this::check);
    split.b().forEach(this::check);
    relink(() -> links.partition(List.of(split.a(), split.b())), "partition", name + " " + split);
  }

  /** Links exactly the servers within {@code a}, and within {@code b}. */
  public void partition(List<Integer> a, List<Integer> b) {
    partition(new Split(a, b));
  }

  /**
   * A split with {@code server} in a minority of {@code n/2} servers and a majority of the other
   * {@code n/2+1} (the lowest indexes other than {@code server}); for example the leader cut off
   * with too few servers to commit.
   */
  public Split splitAround(int server) {
    check(server);
    List<Integer> majority = new ArrayList<>();
    List<Integer> minority = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != server) {
        (majority.size() < n / 2 + 1 ? majority : minority).add(i);
      }
    }
    minority.add(server);
    return new Split(majority, minority);
  }

  /** Whether server {@code i} is connected (by {@link #connect} or as a member of a partition side). */
  public boolean isConnected(int i) {
    mu.lock();
    try {
      return links.isConnected(check(i));
    } finally {
      mu.unlock();
    }
  }

  /** Whether requests from server {@code i} reach server {@code j} now. */
  public boolean canReach(int i, int j) {
    mu.lock();
    try {
      return links.isOpen(check(i), check(j));
    } finally {
      mu.unlock();
    }
  }

  /** The connected servers, in index order. */
  public List<Integer> connectedServers() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (isConnected(i)) {
        list.add(i);
      }
    }
    return list;
  }

  private void relink(Runnable change, String kind, String what) {
    mu.lock();
    try {
      change.run();
      changed();
    } finally {
      mu.unlock();
    }
    world.trace().record("tester", kind, what);
  }

  /** Tells the fault log how the up servers are linked now (caller holds mu). */
  private void changed() {
    boolean[] isUp = new boolean[n];
    for (int i = 0; i < n; i++) {
      isUp[i] = up.get(i) != null;
    }
    faults.connectivity(name, links.islands(isUp));
  }

  private int check(int i) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException("group " + name + " has servers 0.." + (n - 1) + ", not " + i);
    }
    return i;
  }
}
