package labs.net;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * The simulated network (MIT's {@code labrpc}), owned by a tester. Ends ({@link Peer}) are
 * connected to server names; a server is a set of handlers running on a {@link Node}. The tester
 * builds partitions and crashes out of {@link #enable} and {@link #deleteServer}.
 *
 * <p>Faults follow {@link NetworkConfig}: in reliable mode requests are delayed 0–5 ms (see {@link
 * NetworkConfig#reliableDelayMs}); in unreliable mode they are delayed 0–26 ms and 10%
 * of requests and of replies are lost; calls to a dead or unreachable server fail after 0–100 ms
 * (0–7 s with long delays); with long reordering two thirds of replies are held 200–2200 ms; an
 * opt-in rate duplicates requests. A reply from a server deleted (crashed) or cut off while the
 * handler ran is discarded. Every random choice comes from the run's seed.
 *
 * <pre>{@code
 * Network net = new Network(NetworkConfig.DEFAULT.withReliable(false));
 * net.addServer("server-1", node1, new Server().handle(ECHO, s -> s));
 * Peer end = net.makeEnd("end-0-1");
 * net.connect("end-0-1", "server-1");
 * net.enable("end-0-1", true);
 * Optional<String> reply = end.call(ECHO, "hi");   // on a thread of the caller's node
 * }</pre>
 */
public final class Network {
  private static final long POLL_NANOS = 100_000_000L;

  private final World world;
  private final Random random;
  private final Map<String, EndState> ends = new HashMap<>();
  private final Map<String, Registered> servers = new HashMap<>();
  private NetworkConfig config;
  private long totalRpcs;
  private long totalBytes;
  private long nextCallId;

  private static final class EndState {
    boolean enabled;
    boolean repliesLost;
    String serverName;
  }

  private static final class Registered {
    final String name;
    final Node node;
    final Server server;
    long count;

    Registered(String name, Node node, Server server) {
      this.name = name;
      this.node = node;
      this.server = server;
    }
  }

  /** What a call sees of the network at the moment it is sent. */
  private record Route(long id, boolean enabled, String serverName, Registered target, NetworkConfig config) {}

  public Network() {
    this(NetworkConfig.DEFAULT);
  }

  public Network(NetworkConfig config) {
    this.world = World.current();
    this.random = new Random(world.seed() ^ 0x6e6574776f726bL);
    this.config = config;
  }

  // ------------------------------------------------------------------ control (tester)

  public synchronized NetworkConfig config() {
    return config;
  }

  public synchronized void setConfig(NetworkConfig config) {
    this.config = config;
    world.trace().record("net", "config", config.toString());
  }

  public void setReliable(boolean on) {
    setConfig(config().withReliable(on));
  }

  public void setLongDelays(boolean on) {
    setConfig(config().withLongDelays(on));
  }

  public void setLongReordering(boolean on) {
    setConfig(config().withLongReordering(on));
  }

  /** A new end, disabled and unconnected. */
  public synchronized Peer makeEnd(String endName) {
    if (ends.putIfAbsent(endName, new EndState()) != null) {
      throw new IllegalArgumentException("an end named " + endName + " already exists");
    }
    return new Peer(this, endName);
  }

  public synchronized void deleteEnd(String endName) {
    ends.remove(endName);
  }

  /** Binds an end to a server name (whatever server is registered under it when a call is sent). */
  public synchronized void connect(String endName, String serverName) {
    end(endName).serverName = serverName;
  }

  /** Enables or disables one end: one direction of one link. */
  public synchronized void enable(String endName, boolean on) {
    end(endName).enabled = on;
  }

  /**
   * A one-way fault on one end: while on, its requests are delivered and served as usual, but
   * every reply is lost, so the caller sees a failed call for a request the server carried out
   * (how a test keeps a sender from ever hearing that its message arrived).
   */
  public synchronized void loseReplies(String endName, boolean on) {
    end(endName).repliesLost = on;
  }

  public synchronized boolean isEnabled(String endName) {
    return end(endName).enabled;
  }

  /** Registers (or replaces) the server answering under {@code serverName}; its handlers run on {@code node}. */
  public synchronized void addServer(String serverName, Node node, Server server) {
    servers.put(serverName, new Registered(serverName, node, server));
    world.trace().record(node.name(), "server", "serves as " + serverName);
  }

  /** Forgets the server: calls to it fail, and replies of calls it is serving are discarded. */
  public synchronized void deleteServer(String serverName) {
    if (servers.remove(serverName) != null) {
      world.trace().record("net", "delete", serverName);
    }
  }

  /** RPCs sent over the network so far, whether or not they were delivered. */
  public synchronized long totalRpcs() {
    return totalRpcs;
  }

  /** Bytes of every request sent plus every reply delivered. */
  public synchronized long totalBytes() {
    return totalBytes;
  }

  /** Requests handed to the server now registered under {@code serverName}. */
  public synchronized long rpcCount(String serverName) {
    Registered r = servers.get(serverName);
    return r == null ? 0 : r.count;
  }

  private EndState end(String endName) {
    EndState e = ends.get(endName);
    if (e == null) {
      throw new IllegalArgumentException("no end named " + endName + " (make it with makeEnd first)");
    }
    return e;
  }

  // ------------------------------------------------------------------ a call (caller's thread)

  <A, R> Optional<R> call(Peer peer, Rpc<A, R> rpc, A args) {
    if (args == null) {
      throw new PayloadException("RPC " + rpc + " called with null arguments: send an (empty) record");
    }
    byte[] request = Codec.encode(args);
    Route route = route(peer.name(), request.length);
    String from = Env.nodeName();
    String label = "#" + route.id() + " " + rpc + " " + peer.name() + "→" + route.serverName();
    world.trace().record(from, "send", label + " " + request.length + "B " + brief(request));
    NetworkConfig c = route.config();
    if (!route.enabled() || route.target() == null || !route.target().node.isAlive()) {
      Env.sleep(randomInt(c.longDelays() ? 7000 : 100));
      world.trace().record(from, "fail", label + " (server unreachable)");
      return Optional.empty();
    }
    if (!c.reliable()) {
      Env.sleep(randomInt(27));
      if (randomInt(1000) < 100) {
        world.trace().record(from, "drop", label + " (request lost)");
        return Optional.empty();
      }
    } else if (c.reliableDelayMs() > 0) {
      Env.sleep(randomInt(c.reliableDelayMs() + 1));
    }
    Channel<byte[]> replies = new Channel<>();
    dispatch(route, rpc, request, replies, label);
    if (c.duplicateRate() > 0 && randomDouble() < c.duplicateRate()) {
      world.trace().record(from, "dup", label + " (request duplicated)");
      dispatch(route, rpc, request, new Channel<>(), label + " (duplicate)");
    }
    byte[] reply = null;
    while (reply == null) {
      reply = replies.receive(Duration.ofNanos(POLL_NANOS)).orElse(null);
      if (reply == null && isDead(peer.name(), route)) {
        world.trace().record(from, "fail", label + " (server died while serving)");
        return Optional.empty();
      }
    }
    if (isDead(peer.name(), route)) {
      world.trace().record(from, "drop", label + " (reply discarded: server killed or cut off)");
      return Optional.empty();
    }
    if (repliesLost(peer.name())) {
      world.trace().record(from, "drop", label + " (reply lost: this end loses every reply)");
      return Optional.empty();
    }
    if (!c.reliable() && randomInt(1000) < 100) {
      world.trace().record(from, "drop", label + " (reply lost)");
      return Optional.empty();
    }
    if (c.longReordering() && randomInt(900) < 600) {
      Env.sleep(200 + randomInt(1 + randomInt(2000)));
    }
    synchronized (this) {
      totalBytes += reply.length;
    }
    R value = Codec.decode(reply, rpc.replyType());
    world.trace().record(from, "reply", label + " " + reply.length + "B " + brief(reply));
    return Optional.of(value);
  }

  private synchronized Route route(String endName, int requestBytes) {
    EndState e = end(endName);
    totalRpcs++;
    totalBytes += requestBytes;
    Registered target = e.serverName == null ? null : servers.get(e.serverName);
    return new Route(++nextCallId, e.enabled, e.serverName, target, config);
  }

  private synchronized boolean repliesLost(String endName) {
    EndState e = ends.get(endName);
    return e != null && e.repliesLost;
  }

  private synchronized boolean isDead(String endName, Route route) {
    EndState e = ends.get(endName);
    return e == null || !e.enabled || servers.get(route.serverName()) != route.target() || !route.target().node.isAlive();
  }

  private <A, R> void dispatch(Route route, Rpc<A, R> rpc, byte[] request, Channel<byte[]> replies, String label) {
    Registered target = route.target();
    Server.Entry<?, ?> entry = target.server.lookup(rpc.name());
    if (entry == null) {
      throw new IllegalStateException("server " + target.name + " has no handler for " + rpc.name()
          + " (it serves: " + target.server.names() + ")");
    }
    synchronized (this) {
      target.count++;
    }
    target.node.start(rpc.name(), () -> {
      world.trace().record(target.node.name(), "deliver", label);
      replies.send(serve(entry, request));
    });
  }

  private static <A, R> byte[] serve(Server.Entry<A, R> entry, byte[] request) {
    A args = Codec.decode(request, entry.rpc().argsType());
    R reply = entry.handler().handle(args);
    if (reply == null) {
      throw new PayloadException("the handler of " + entry.rpc() + " returned null: return a reply record");
    }
    return Codec.encode(reply);
  }

  /**
   * The start of an encoded payload, for the trace. Made from the bytes, not from toString(),
   * which may print identity hashes (arrays) and so differ between two runs of one seed.
   */
  private static String brief(byte[] payload) {
    int n = Math.min(payload.length, 160);
    String s = new String(payload, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    return payload.length <= 160 ? s : s + "...";
  }

  private synchronized int randomInt(int bound) {
    return random.nextInt(bound);
  }

  private synchronized double randomDouble() {
    return random.nextDouble();
  }
}
