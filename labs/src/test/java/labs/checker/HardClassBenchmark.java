package labs.checker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;

/**
 * The hard classes ({@link HardHistories}), each history checked twice with a 10 s timeout
 * (the limit of the comparison with Porcupine), at its best of up to five runs within a second:
 * with the fast paths (the default) and with the plain search ({@code withFastPaths(false)}, what
 * Porcupine does). Prints per class the time per history, the Unknowns, wrong verdicts (against
 * the verdict known by construction) and agreement with the search where it decides. Asserts
 * nothing; part of {@link CheckerBenchmark}.
 */
final class HardClassBenchmark {
  private HardClassBenchmark() {}

  /** A class: a name and a generator of its i-th history (and whether it is linearizable). */
  private record HardClass(String name, int histories, Function<Integer, Case> generate) {}

  private record Case(List<? extends Operation<?, ?>> ops, Model<?, ?, ?> model, boolean legal) {}

  private record Tally(double[] ms, int unknown, int wrong, int decided) {}

  static void run(boolean quick, String only) {
    int n = quick ? 4 : 10;
    Duration timeout = Duration.ofSeconds(quick ? 2 : 10);
    List<HardClass> classes = List.of(
        new HardClass("register, 50 clients, 1,000-5,000 ops", n, i -> register(i, 50, false)),
        new HardClass("register, 100 clients, 1,000-5,000 ops", n, i -> register(i, 100, false)),
        new HardClass("versioned KV, 5 keys, 50 clients", n, i -> versioned(i, 50, 0, i % 2 == 0)),
        new HardClass("versioned KV, 5 keys, 100 clients", n, i -> versioned(i, 100, 0, i % 2 == 0)),
        new HardClass("KV get/put, 5 keys, 50 clients", n, i -> kv(i, 50)),
        new HardClass("KV get/put, 5 keys, 100 clients", n, i -> kv(i, 100)),
        new HardClass("register, illegal, 2% crashed, 3-10 clients", n, i -> register(i, 0, true)),
        new HardClass("versioned KV, illegal, 2% crashed, 3-10 clients", n,
            i -> versioned(i, 3 + i % 8, 0.02, false)),
        new HardClass("register, repeated values, illegal, 2% crashed, 3-10 clients (no fast "
            + "path: pruning only)", n, HardClassBenchmark::repeated),
        new HardClass("KV with appends, 5 keys, 50 clients (fast path)", n,
            HardClassBenchmark::appends),
        new HardClass("KV with appends, stale prefix, 5 keys, 100 clients", n,
            i -> appends(i, 100, 0)),
        new HardClass("KV with appends, stale prefix, 2% crashed, 3-10 clients", n,
            i -> appends(i, 3 + i % 8, 0.02)));
    if (only != null) {
      classes = classes.stream().filter(c -> c.name().contains(only)).toList();
    }
    System.out.printf(Locale.ROOT, "%nHard classes: each history checked with a %d s timeout, "
        + "with the fast paths and with the plain search%n", timeout.toSeconds());
    // Warm-up: both ways on one history of each class (each run is then timed at its best of
    // up to five within a second, so compilation does not count).
    for (HardClass c : classes) {
      Case k = c.generate().apply(0);
      check(k, CheckOptions.of(Duration.ofSeconds(1)));
      check(k, CheckOptions.of(Duration.ofSeconds(1)).withFastPaths(false));
    }
    System.out.printf(Locale.ROOT, "%-70s %3s %6s | %9s %4s %5s | %9s %4s %5s | %s%n",
        "class", "n", "ops", "fast ms", "unkn", "wrong", "search ms", "unkn", "wrong",
        "agree where the search decides");
    for (HardClass c : classes) {
      List<Case> cases = new ArrayList<>();
      long ops = 0;
      for (int i = 0; i < c.histories(); i++) {
        cases.add(c.generate().apply(i));
        ops += cases.getLast().ops().size();
      }
      Tally fast = tally(cases, CheckOptions.of(timeout), null);
      List<Verdict> fastVerdicts = verdicts(cases, CheckOptions.of(timeout));
      Tally search = tally(cases, CheckOptions.of(timeout).withFastPaths(false), fastVerdicts);
      System.out.printf(Locale.ROOT, "%-70s %3d %6d | %9.2f %4d %5d | %9.1f %4d %5d | %d of %d%n",
          c.name(), cases.size(), ops / cases.size(), median(fast.ms()), fast.unknown(),
          fast.wrong(), median(search.ms()), search.unknown(), search.wrong(), search.decided(),
          cases.size() - search.unknown());
    }
  }

  private static Case register(int i, int clients, boolean crashed) {
    Random random = new Random(1000 + i);
    int c = crashed ? 3 + i % 8 : clients;
    int perClient = crashed ? 500 : (1000 + 4000 * i / 9) / clients;
    boolean legal = !crashed && i % 2 == 0;
    return new Case(HardHistories.register(random, c, Math.max(1, perClient),
        crashed ? 0.02 : 0, legal), RegisterModel.INSTANCE, legal);
  }

  private static Case versioned(int i, int clients, double crash, boolean legal) {
    Random random = new Random(2000 + i);
    int perClient = crash > 0 ? 500 : (1000 + 4000 * i / 9) / clients;
    return new Case(HardHistories.versioned(random, clients, Math.max(1, perClient), 5, crash,
        legal), VersionedKvModel.INSTANCE, legal);
  }

  private static Case kv(int i, int clients) {
    Random random = new Random(3000 + i);
    boolean legal = i % 2 == 0;
    return new Case(HardHistories.kv(random, clients, Math.max(1, (1000 + 4000 * i / 9) / clients),
        5, 0, legal), KvModel.INSTANCE, legal);
  }

  private static Case repeated(int i) {
    Random random = new Random(4000 + i);
    var ops = Plans.clients(random, 3 + i % 8, 300, 0.02, new Specs.Register(0.5, 0, false, false));
    // An impossible read (values are 0..2): illegal whatever the order.
    ops = Generated.withOutput(ops, firstCompletedRead(ops),
        new RegisterModel.ReadResult(java.util.OptionalInt.of(7)));
    return new Case(ops, RegisterModel.INSTANCE, false);
  }

  private static Case appends(int i) {
    Random random = new Random(5000 + i);
    boolean legal = i % 2 == 0;
    var ops = Generated.kvClients(random, 50, (1000 + 4000 * i / 9) / 50, 5);
    if (!legal) {
      ops = Generated.withOutput(ops, firstGet(ops), "never written");
    }
    return new Case(ops, KvModel.INSTANCE, legal);
  }

  private static Case appends(int i, int clients, double crash) {
    Random random = new Random(6000 + i);
    boolean legal = crash == 0 && i % 2 == 0;
    int perClient = crash > 0 ? 500 : (1000 + 4000 * i / 9) / clients;
    return new Case(HardHistories.appends(random, clients, Math.max(1, perClient), 5, crash,
        legal), KvModel.INSTANCE, legal);
  }

  private static int firstGet(List<Operation<KvModel.Input, String>> ops) {
    for (int k = ops.size() / 2; k < ops.size(); k++) {
      if (ops.get(k).input() instanceof KvModel.Get) {
        return k;
      }
    }
    throw new IllegalStateException("no get in the second half");
  }

  private static int firstCompletedRead(
      List<Operation<RegisterModel.Input, RegisterModel.Output>> ops) {
    for (int k = ops.size() / 2; k < ops.size(); k++) {
      if (ops.get(k).isComplete() && ops.get(k).input() instanceof RegisterModel.Read) {
        return k;
      }
    }
    throw new IllegalStateException("no completed read in the second half");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CheckResult<?, ?> check(Case c, CheckOptions options) {
    return Checker.check((Model) c.model(), (List) c.ops(), options);
  }

  private static List<Verdict> verdicts(List<Case> cases, CheckOptions options) {
    return cases.stream().map(c -> check(c, options).verdict()).toList();
  }

  /** Times each case; with {@code reference}, counts agreement where this one decides. */
  private static Tally tally(List<Case> cases, CheckOptions options, List<Verdict> reference) {
    double[] ms = new double[cases.size()];
    int unknown = 0;
    int wrong = 0;
    int agree = 0;
    for (int k = 0; k < cases.size(); k++) {
      Case c = cases.get(k);
      Verdict v = null;
      ms[k] = Double.MAX_VALUE;
      long spent = 0;
      for (int rep = 0; rep < 5 && spent < 1_000_000_000L; rep++) {
        long t0 = System.nanoTime();
        v = check(c, options).verdict();
        long t = System.nanoTime() - t0;
        spent += t;
        ms[k] = Math.min(ms[k], t / 1e6);
      }
      Verdict expected = c.legal() ? Verdict.OK : Verdict.ILLEGAL;
      unknown += v == Verdict.UNKNOWN ? 1 : 0;
      wrong += v != Verdict.UNKNOWN && v != expected ? 1 : 0;
      agree += reference != null && v != Verdict.UNKNOWN && v == reference.get(k) ? 1 : 0;
    }
    return new Tally(ms, unknown, wrong, agree);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
