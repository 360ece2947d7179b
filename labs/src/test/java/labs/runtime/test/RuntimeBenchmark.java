package labs.runtime.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import labs.net.Network;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.net.Rpc;
import labs.net.Server;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.RunLimits;
import labs.runtime.World;

/**
 * Prints what the runtime costs (a benchmark, not a test): a 5-node heartbeat workload (every
 * node sends a heartbeat RPC to every other node each 50 ms, as a Raft leader would) run for 30
 * virtual seconds in the simulation, warm and cold; simulated RPCs per real second; and the same
 * workload on real threads. Run with: {@code bench/runtime.sh}.
 */
public final class RuntimeBenchmark {
  record Beat(int from, long sentAt) {}

  static final Rpc<Beat, Integer> HEARTBEAT = Rpc.of("Bench.Heartbeat", Beat.class, Integer.class);
  static final Rpc<Integer, Integer> PING = Rpc.of("Bench.Ping", Integer.class, Integer.class);

  /** The reliable network without its 0-5 ms request delay, as labrpc's benchmark: the framework's own cost. */
  static final NetworkConfig UNDELAYED = NetworkConfig.DEFAULT.withReliableDelayMs(0);

  public static void main(String[] args) throws Exception {
    int realSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long[] cold = heartbeats(World.Mode.SIMULATION, 1, 30);
    print("simulation, first run in this JVM", 30, cold);
    for (int i = 0; i < 30; i++) {
      heartbeats(World.Mode.SIMULATION, 2 + i, 30);
    }
    long[] warm = new long[] {Long.MAX_VALUE, 0};
    for (int i = 0; i < 5; i++) {
      long[] r = heartbeats(World.Mode.SIMULATION, 100 + i, 30);
      warm = r[0] < warm[0] ? r : warm;
    }
    print("simulation, warm (best of 5)", 30, warm);
    long[] real = heartbeats(World.Mode.REAL, 1, realSeconds);
    print("real threads", realSeconds, real);
    long n = 100_000;
    pings(n / 10);
    long t0 = System.nanoTime();
    pings(n);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%-36s %,d sequential RPCs in %.3f s real: %,.0f RPCs/s (%.2f µs per RPC)%n",
        "simulation, labrpc benchmark", n, s, n / s, s * 1e6 / n);
  }

  private static void print(String what, int virtualSeconds, long[] r) {
    double real = r[0] / 1e9;
    System.out.printf(Locale.ROOT, "%-36s %3d s of runtime in %7.3f s real: %8.1f runtime s per real s, %,10.0f RPCs/s (%,d RPCs)%n",
        what, virtualSeconds, real, virtualSeconds / real, r[1] / real, r[1]);
  }

  /** Returns {real nanos, RPCs}. */
  static long[] heartbeats(World.Mode mode, long seed, int seconds) throws Exception {
    long start = System.nanoTime();
    long rpcs = World.run(mode, seed, RunLimits.DEFAULT.withVirtualTime(java.time.Duration.ofSeconds(seconds + 10)), () -> {
      World w = World.current();
      Network net = new Network(UNDELAYED);
      int n = 5;
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Node node = w.newNode("server-" + i);
        nodes.add(node);
        net.addServer("server-" + i, node, new Server().handle(HEARTBEAT, b -> b.from()));
      }
      long end = seconds * 1_000_000_000L;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i == j) {
            continue;
          }
          String name = "end-" + i + "-" + j;
          Peer p = net.makeEnd(name);
          net.connect(name, "server-" + j);
          net.enable(name, true);
          int from = i;
          nodes.get(i).start("heartbeats-to-" + j, () -> {
            while (Env.nowNanos() < end) {
              p.call(HEARTBEAT, new Beat(from, Env.nowNanos()));
              Env.sleep(50);
            }
          });
        }
      }
      Env.sleep(seconds * 1000L + 200);
      return net.totalRpcs();
    });
    return new long[] {System.nanoTime() - start, rpcs};
  }

  static void pings(long n) throws Exception {
    World.run(World.Mode.SIMULATION, 3, RunLimits.DEFAULT, () -> {
      Network net = new Network(UNDELAYED);
      net.addServer("s", World.current().newNode("s"), new Server().handle(PING, i -> i));
      Peer p = net.makeEnd("e");
      net.connect("e", "s");
      net.enable("e", true);
      for (long i = 0; i < n; i++) {
        p.call(PING, 1);
      }
      return null;
    });
  }
}
