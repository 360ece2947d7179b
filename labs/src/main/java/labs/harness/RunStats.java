package labs.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import labs.runtime.World;

/**
 * The numbers a test's summary line reports: peers, RPCs, bytes and operations. A lab's tester
 * fills them in; the harness prints them.
 */
public final class RunStats {
  private static final Map<World, RunStats> BY_WORLD = new ConcurrentHashMap<>();

  private volatile int peers;
  private volatile LongSupplier rpcs = () -> 0;
  private volatile LongSupplier bytes = () -> 0;
  private final AtomicLong ops = new AtomicLong();

  /** The stats of the calling thread's run. */
  public static RunStats current() {
    return forWorld(World.current());
  }

  static RunStats forWorld(World w) {
    return BY_WORLD.computeIfAbsent(w, x -> new RunStats());
  }

  static void forget(World w) {
    BY_WORLD.remove(w);
  }

  public void setPeers(int n) {
    peers = n;
  }

  /** Where to read the RPC and byte counts (usually the tester's network). */
  public void countFrom(LongSupplier rpcCount, LongSupplier byteCount) {
    rpcs = rpcCount;
    bytes = byteCount;
  }

  public void addOps(long n) {
    ops.addAndGet(n);
  }

  int peers() {
    return peers;
  }

  long rpcs() {
    return rpcs.getAsLong();
  }

  long bytes() {
    return bytes.getAsLong();
  }

  long ops() {
    return ops.get();
  }
}
