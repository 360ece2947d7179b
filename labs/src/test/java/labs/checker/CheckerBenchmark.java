package labs.checker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;

/**
 * Prints how long the checker takes on Porcupine's data set and on a large generated key/value
 * history, after warming up the JVM, next to Porcupine's own figures (Go, v1.3.0, 2-core VM,
 * from the data set's EXPECTED.md), then the hard classes with and without the fast paths
 * ({@link HardClassBenchmark}). Not a test: it asserts nothing about time. Run {@code bash
 * bench/checker.sh [--quick] [--hard-only | --no-hard] [--only=TEXT]} ({@code --only}: the hard
 * classes whose name contains TEXT).
 */
public final class CheckerBenchmark {
  private static final CheckOptions OPTIONS = CheckOptions.of(Duration.ofSeconds(60));

  /** Porcupine v1.3.0's steady-state times (ms) where EXPECTED.md gives them; others < 3 ms. */
  private static final Map<String, String> PORCUPINE = Map.ofEntries(
      Map.entry("etcd_002", "175-200"), Map.entry("etcd_007", "110-140"),
      Map.entry("etcd_099", "60-100"), Map.entry("etcd_057", "50-65"),
      Map.entry("etcd_075", "17-33"), Map.entry("etcd_040", "7-11"),
      Map.entry("etcd_080", "7-11"), Map.entry("c01-ok", "0.02-0.06"),
      Map.entry("c01-bad", "0.02-0.06"), Map.entry("c10-ok", "0.2-1"),
      Map.entry("c10-bad", "0.2-1"), Map.entry("c50-ok", "180-290"),
      Map.entry("c50-bad", "17-45"));

  private CheckerBenchmark() {}

  /** A named check to time. */
  private record Case(String name, Supplier<CheckResult<?, ?>> check) {}

  public static void main(String[] args) {
    boolean quick = Arrays.asList(args).contains("--quick");
    String only = Arrays.stream(args).filter(a -> a.startsWith("--only=")).findFirst()
        .map(a -> a.substring("--only=".length())).orElse(null);
    if (Arrays.asList(args).contains("--hard-only") || only != null) {
      HardClassBenchmark.run(quick, only);
      return;
    }
    int runs = quick ? 5 : 21;
    List<Case> etcd = new ArrayList<>();
    for (int n : CheckerData.ETCD_FILES) {
      var ops = CheckerData.etcd(n);
      etcd.add(new Case(CheckerData.etcdName(n),
          () -> Checker.check(RegisterModel.INSTANCE, ops, OPTIONS)));
    }
    List<Case> kv = new ArrayList<>();
    for (String name : CheckerData.KV_FILES) {
      var ops = CheckerData.kv(name);
      kv.add(new Case(name, () -> Checker.check(KvModel.INSTANCE, ops, OPTIONS)));
    }
    var big = Generated.kvClients(new Random(1), 10, 1000, 50);
    var bigBad = Generated.withOutput(big, firstGet(big, 5000), "never written");
    List<Case> generated = List.of(
        new Case("10x1000 ok", () -> Checker.check(KvModel.INSTANCE, big, OPTIONS)),
        new Case("10x1000 ok, 1 thread",
            () -> Checker.check(KvModel.INSTANCE, big, OPTIONS.withParallelism(1))),
        new Case("10x1000 bad", () -> Checker.check(KvModel.INSTANCE, bigBad, OPTIONS)));

    System.out.printf(Locale.ROOT, "Linearizability checker benchmark: JDK %s, %d cores, %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(),
        quick ? "quick run" : "median of " + runs + " runs after warm-up");
    warmUp(quick ? 2 : 10, etcd, kv, generated);

    System.out.printf(Locale.ROOT, "%nJepsen etcd logs, CAS register model%n");
    double etcdTotal = table(etcd, runs);
    long passStart = System.nanoTime();
    etcd.forEach(c -> c.check().get());
    double pass = (System.nanoTime() - passStart) / 1e6;
    System.out.printf(Locale.ROOT,
        "all 103 files: sum of medians %.1f ms; one pass over the set %.1f ms%n", etcdTotal, pass);

    System.out.printf(Locale.ROOT, "%nPorcupine kv histories, KV model partitioned by key%n");
    double kvTotal = table(kv, runs);
    System.out.printf(Locale.ROOT, "all 6 files: sum of medians %.1f ms%n", kvTotal);

    System.out.printf(Locale.ROOT,
        "%nGenerated KV history: 10 clients x 1,000 ops over 50 keys (%d ops)%n", big.size());
    table(generated, quick ? 3 : 7);

    if (!Arrays.asList(args).contains("--no-hard")) {
      HardClassBenchmark.run(quick, null);
    }
  }

  private static int firstGet(List<Operation<KvModel.Input, String>> ops, int from) {
    for (int i = from; i < ops.size(); i++) {
      if (ops.get(i).input() instanceof KvModel.Get) {
        return i;
      }
    }
    throw new IllegalStateException("no get after operation " + from);
  }

  @SafeVarargs
  private static void warmUp(int seconds, List<Case>... sets) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int rounds = 0;
    while (System.nanoTime() < end) {
      for (List<Case> set : sets) {
        set.forEach(c -> c.check().get());
      }
      rounds++;
    }
    System.out.printf(Locale.ROOT, "warm-up: %d rounds over every case in %d s%n", rounds, seconds);
  }

  /** Prints one line per case; returns the sum of the medians (ms). */
  private static double table(List<Case> cases, int runs) {
    System.out.printf(Locale.ROOT, "%-22s %-8s %10s %10s %14s%n",
        "history", "verdict", "median ms", "min ms", "Porcupine ms");
    double total = 0;
    for (Case c : cases) {
      double[] ms = new double[runs];
      Verdict verdict = null;
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        verdict = c.check().get().verdict();
        ms[r] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      double median = ms[runs / 2];
      total += median;
      String porcupine = PORCUPINE.getOrDefault(c.name(), c.name().startsWith("etcd") ? "< 3" : "");
      System.out.printf(Locale.ROOT, "%-22s %-8s %10.3f %10.3f %14s%n",
          c.name(), verdict, median, ms[0], porcupine);
    }
    return total;
  }
}
