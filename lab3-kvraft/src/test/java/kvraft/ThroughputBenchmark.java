package kvraft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kvraft.KvRaftTester.Net;
import kvraft.KvRpc.GetReply;
import labs.cluster.Async;
import labs.runtime.Env;
import labs.runtime.RunLimits;
import labs.runtime.World;

/**
 * The key/value service's throughput: a fixed workload (clients that put and read back on 100
 * keys, without pauses, on a reliable network, snapshots at 1000 bytes) run once in the
 * simulation and once on real threads with the same seed. Prints committed operations per
 * second of wall time in both (in the simulation: how fast the simulator runs the service; on
 * real threads: what the service does), and the virtual time the simulated run took. The history
 * is checked for linearizability at the end of each run, so a fast wrong answer does not count.
 * Run it through {@code bench/lab3-suite.sh}, with the reference ({@code -Psolution}).
 *
 * <pre>
 * ThroughputBenchmark [clients [steps per client [servers [seed]]]]     defaults 5 200 3 20240401
 * </pre>
 */
public final class ThroughputBenchmark {
  private ThroughputBenchmark() {}

  /** One run's figures. */
  record Figures(long ops, double wallSeconds, double virtualSeconds) {
    double opsPerSecond() {
      return ops / wallSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int servers = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 20240401L;
    System.out.printf("lab 3 throughput: %d clients x %d put+get steps on %d servers, reliable network, "
        + "maxRaftState 1000, seed %d%n", clients, steps, servers, seed);
    for (World.Mode mode : List.of(World.Mode.SIMULATION, World.Mode.REAL)) {
      Figures f = run(mode, clients, steps, servers, seed);
      System.out.printf("  %-10s %6d ops in %6.2f s wall (%8.0f ops/s)%s%n", mode == World.Mode.SIMULATION
          ? "simulation" : "real mode", f.ops(), f.wallSeconds(), f.opsPerSecond(), mode == World.Mode.SIMULATION
          ? String.format(", %.2f s virtual", f.virtualSeconds()) : "");
    }
  }

  private static Figures run(World.Mode mode, int clients, int steps, int servers, long seed) throws Exception {
    RunLimits limits = RunLimits.DEFAULT.withRealTime(Duration.ofMinutes(10));
    return World.run(mode, seed, limits, () -> {
      try (var t = KvRaftTester.kv(servers, Net.RELIABLE, 1000)) {
        t.makeClerk().get("k0"); // a leader serves before the clock starts
        long wall0 = System.nanoTime();
        long virtual0 = Env.nowNanos();
        List<Async<Void>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          TestClerk ck = t.makeClerk();
          running.add(Async.run("client-" + ck.id(), () -> steps(ck, steps)));
        }
        running.forEach(Async::join);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double virtual = (Env.nowNanos() - virtual0) / 1e9;
        t.checkLinearizable("ThroughputBenchmark-" + mode);
        return new Figures(t.history().size() - 1, wall, virtual);
      }
    });
  }

  /** Put at the version last read, then read back; VERSION is retried at the version read. */
  private static void steps(TestClerk ck, int steps) {
    Random random = Env.random();
    for (int i = 0; i < steps; i++) {
      String key = "k" + random.nextInt(100);
      GetReply read = ck.get(key);
      ck.put(key, "c" + ck.id() + "s" + i, read.version());
    }
  }
}
