package labs.cluster;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Codec;
import labs.net.Peer;
import labs.net.Rpc;
import labs.persist.Persister;

/**
 * The toy service of the harness's tests: a counter whose {@code add} is persisted and whose
 * {@code bump} lives in memory only, and a ping from a server to a peer that probes their link.
 */
final class CounterServer {
  record Amount(int n) {}

  record Value(int value) {}

  static final Rpc<Amount, Value> ADD = Rpc.of("Counter.Add", Amount.class, Value.class);
  static final Rpc<Amount, Value> BUMP = Rpc.of("Counter.Bump", Amount.class, Value.class);
  static final Rpc<Amount, Value> GET = Rpc.of("Counter.Get", Amount.class, Value.class);
  static final Rpc<Amount, Amount> ECHO = Rpc.of("Counter.Echo", Amount.class, Amount.class);

  private final ReentrantLock mu = new ReentrantLock(); // guards the counters
  private final ServerContext ctx;
  private final Persister persister;
  private final List<Peer> peers;
  private int persisted;
  private int inMemory;
  volatile int kills; // how often this life's kill hook ran

  private CounterServer(ServerContext ctx) {
    this.ctx = ctx;
    this.persister = ctx.persister();
    this.peers = ctx.peers();
    byte[] state = persister.readRaftState();
    persisted = state.length == 0 ? 0 : Codec.decode(state, Value.class).value();
    ctx.server()
        .handle(ADD, a -> add(a.n()))
        .handle(BUMP, a -> bump(a.n()))
        .handle(GET, a -> get())
        .handle(ECHO, a -> a);
    ctx.onKill(() -> kills++);
  }

  static CounterServer start(ServerContext ctx) {
    return new CounterServer(ctx);
  }

  Value add(int n) {
    mu.lock();
    try {
      persisted += n;
      persister.save(Codec.encode(new Value(persisted)), null);
      return new Value(persisted + inMemory);
    } finally {
      mu.unlock();
    }
  }

  Value bump(int n) {
    mu.lock();
    try {
      inMemory += n;
      return new Value(persisted + inMemory);
    } finally {
      mu.unlock();
    }
  }

  /** Whether this server's call to server {@code j} gets an answer (a probe of the link). */
  boolean ping(int j) {
    return peers.get(j).call(ECHO, new Amount(j)).isPresent();
  }

  /** An end of this life to any server of the cluster, by name (as a shard group dials another group). */
  Peer dial(String serverName) {
    return ctx.endTo(serverName);
  }

  Value get() {
    mu.lock();
    try {
      return new Value(persisted + inMemory);
    } finally {
      mu.unlock();
    }
  }
}
