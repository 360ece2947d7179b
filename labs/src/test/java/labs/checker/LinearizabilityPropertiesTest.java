package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.testkit.Trials;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Properties of the checker on random histories, each over a few hundred seeded cases (see
 * {@link Trials}): histories of a sequential execution are OK; one impossible read makes them
 * ILLEGAL; and on small random histories the checker agrees with the definition ({@link
 * BruteForce}). A failure prints the seed and the smallest failing history found.
 */
class LinearizabilityPropertiesTest {
  /** Far more than any of these histories needs (the largest takes a few thousand steps). */
  static final CheckOptions OPTIONS = CheckOptions.ofSteps(50_000_000);

  /**
   * The parameters of a generated history. Shrinking lowers {@code n} and regenerates from the
   * same seed, so a smaller case is still a history of the kind the property is about.
   */
  record Sized(long seed, int n, int keys, int spread) {
    List<Sized> smaller() {
      List<Sized> out = new ArrayList<>();
      for (int m : new int[] {n / 2, n - 1}) {
        if (m >= 1 && m < n) {
          out.add(new Sized(seed, m, keys, spread));
        }
      }
      return out;
    }

    Random random() {
      return new Random(seed);
    }
  }

  private static Function<Random, Sized> sized(int maxN, int maxKeys, int maxSpread) {
    return r -> new Sized(r.nextLong(), 1 + r.nextInt(maxN), 1 + r.nextInt(maxKeys),
        r.nextInt(maxSpread + 1));
  }

  @Test
  @DisplayName("a key/value history of a sequential execution is linearizable")
  void kvHistoryOfASequentialExecutionIsOk() {
    Trials.forAll("sequential KV history is OK", 1_000, 300, sized(120, 4, 4), Sized::smaller,
        c -> {
          var ops = Generated.kv(c.random(), c.n(), c.keys(), c.spread());
          var result = Checker.check(KvModel.INSTANCE, ops, OPTIONS);
          assertThat(result.verdict()).as("%s%n%s", show(ops), result.describe()).isEqualTo(Verdict.OK);
          PartitionResult any = result.partitions().getFirst();
          assertThat(any.longestPrefix().orElseThrow().length()).isEqualTo(any.operations().size());
        });
  }

  @Test
  @DisplayName("one read of a value never written makes a key/value history illegal")
  void kvHistoryWithAnImpossibleReadIsIllegal() {
    Trials.forAll("impossible KV read is ILLEGAL", 2_000, 300, sized(120, 4, 4), Sized::smaller,
        c -> {
          Random random = c.random();
          var ops = Generated.kv(random, c.n(), c.keys(), c.spread());
          int victim = someIndex(random, ops, op -> op.input() instanceof KvModel.Get);
          if (victim < 0) {
            long end = ops.getLast().ret() + 1;
            ops = new ArrayList<>(ops);
            ops.add(Operation.of(0, new KvModel.Get("k0"), "", end, end + 1));
            victim = ops.size() - 1;
          }
          // Values are concatenations of "p<i>;" and "a<i>;": no linearization produces this one.
          var bad = Generated.withOutput(ops, victim, "never written");
          var result = Checker.check(KvModel.INSTANCE, bad, OPTIONS);
          assertThat(result.verdict()).as("%s%n%s", show(bad), result.describe())
              .isEqualTo(Verdict.ILLEGAL);
          assertThat(result.failingPartition().orElseThrow().operations()).contains(victim);
        });
  }

  @Test
  @DisplayName("a register history of a sequential execution stays linearizable with pending operations")
  void registerHistoryOfASequentialExecutionIsOkEvenWithPendingOperations() {
    // keys: 1 + how many operations become pending (up to 5)
    Trials.forAll("sequential register history is OK", 3_000, 200, sized(80, 6, 3),
        Sized::smaller, c -> {
          Random random = c.random();
          var ops = Generated.register(random, c.n(), c.spread());
          for (int k = 0; k < c.keys() - 1; k++) {
            ops = Generated.pending(ops, random.nextInt(ops.size()));
          }
          var result = Checker.check(RegisterModel.INSTANCE, ops, OPTIONS);
          assertThat(result.verdict()).as("%s%n%s", show(ops), result.describe()).isEqualTo(Verdict.OK);
        });
  }

  @Test
  @DisplayName("one read of a value never written makes a register history illegal")
  void registerHistoryWithAnImpossibleReadIsIllegal() {
    Trials.forAll("impossible register read is ILLEGAL", 4_000, 200, sized(80, 1, 3),
        Sized::smaller, c -> {
          Random random = c.random();
          var ops = Generated.register(random, c.n(), c.spread());
          int victim = someIndex(random, ops, op -> op.input() instanceof RegisterModel.Read);
          if (victim < 0) {
            long end = ops.getLast().ret() + 1;
            ops = new ArrayList<>(ops);
            ops.add(Operation.of(0, new RegisterModel.Read(),
                new RegisterModel.ReadResult(OptionalInt.empty()), end, end + 1));
            victim = ops.size() - 1;
          }
          var bad = Generated.withOutput(ops, victim,
              new RegisterModel.ReadResult(OptionalInt.of(99))); // values written are 0..3
          var result = Checker.check(RegisterModel.INSTANCE, bad, OPTIONS);
          assertThat(result.verdict()).as("%s%n%s", show(bad), result.describe())
              .isEqualTo(Verdict.ILLEGAL);
        });
  }

  @Test
  @DisplayName("on small random register histories the checker agrees with the definition")
  void agreesWithTheDefinitionOnSmallRandomRegisterHistories() {
    int[] ok = {0};
    Trials.forAll("register checker = brute force", 5_000, 2_000,
        LinearizabilityPropertiesTest::smallRegisterHistory, Trials::withOneRemoved,
        ops -> ok[0] += assertAgrees(ops, o -> Checker.check(RegisterModel.INSTANCE, o,
            OPTIONS.withParallelism(1)).verdict()) ? 1 : 0);
    assertBothVerdictsCommon(ok[0], 2_000);
  }

  /** Not vacuous: both verdicts must be common among the generated histories. */
  private static void assertBothVerdictsCommon(int ok, int tries) {
    assertThat(ok).as("linearizable histories among %d generated", tries)
        .isBetween(tries / 5, tries - tries / 5);
  }

  @Test
  @DisplayName("on small random key/value histories the checker agrees with the definition")
  void agreesWithTheDefinitionOnSmallRandomKvHistories() {
    int[] ok = {0};
    Trials.forAll("KV checker = brute force", 6_000, 2_000,
        LinearizabilityPropertiesTest::smallKvHistory, Trials::withOneRemoved, ops -> {
          Verdict expected =
              BruteForce.linearizable(KvMapModel.INSTANCE, ops) ? Verdict.OK : Verdict.ILLEGAL;
          ok[0] += expected == Verdict.OK ? 1 : 0;
          var byKey = Checker.check(KvModel.INSTANCE, ops, OPTIONS);
          assertThat(byKey.verdict()).as("by key:%n%s", byKey.describe()).isEqualTo(expected);
          var whole = Checker.check(KvMapModel.INSTANCE, ops, OPTIONS);
          assertThat(whole.verdict()).as("whole map:%n%s", whole.describe()).isEqualTo(expected);
        });
    assertBothVerdictsCommon(ok[0], 2_000);
  }

  /**
   * Asserts that {@code checker} gives the verdict of the definition (brute force); returns
   * whether the history is linearizable.
   */
  static boolean assertAgrees(List<Operation<RegisterModel.Input, RegisterModel.Output>> ops,
      Function<List<Operation<RegisterModel.Input, RegisterModel.Output>>, Verdict> checker) {
    boolean expected = BruteForce.linearizable(RegisterModel.INSTANCE, ops);
    assertThat(checker.apply(ops)).as("the definition says %s", expected ? "OK" : "ILLEGAL")
        .isEqualTo(expected ? Verdict.OK : Verdict.ILLEGAL);
    return expected;
  }

  /**
   * Up to 7 reads, writes and CASes on one register (values 0..2), some of them pending. Outputs
   * come from running the operations in the order of a random instant inside each one's interval
   * (a pending one takes effect after its call, or never), so about half the histories are
   * linearizable; then, half of the time, one output is changed to another (which may or may not
   * break it). Random outputs alone would make nearly every history illegal, and a checker that
   * wrongly rejects would go unnoticed.
   */
  static List<Operation<RegisterModel.Input, RegisterModel.Output>> smallRegisterHistory(
      Random random) {
    int n = random.nextInt(8);
    Plan<RegisterModel.Input> plan = plan(random, n, () -> switch (random.nextInt(3)) {
      case 0 -> new RegisterModel.Read();
      case 1 -> new RegisterModel.Write(random.nextInt(3));
      default -> new RegisterModel.Cas(random.nextInt(3), random.nextInt(3));
    });
    List<RegisterModel.Output> outputs = new ArrayList<>();
    OptionalInt[] value = {OptionalInt.empty()};
    for (int i = 0; i < n; i++) {
      outputs.add(null);
    }
    for (int i : plan.order()) {
      RegisterModel.Input input = plan.input(i);
      outputs.set(i, switch (input) {
        case RegisterModel.Read r -> new RegisterModel.ReadResult(value[0]);
        case RegisterModel.Write w -> {
          value[0] = OptionalInt.of(w.value());
          yield new RegisterModel.WriteResult();
        }
        case RegisterModel.Cas c -> {
          boolean swapped = value[0].isPresent() && value[0].getAsInt() == c.expected();
          value[0] = swapped ? OptionalInt.of(c.update()) : value[0];
          yield new RegisterModel.CasResult(swapped);
        }
      });
    }
    int i = someIndex(random, outputs,
        o -> o instanceof RegisterModel.ReadResult || o instanceof RegisterModel.CasResult);
    if (i >= 0 && random.nextBoolean()) {
      outputs.set(i, switch (outputs.get(i)) {
        case RegisterModel.ReadResult r -> {
          OptionalInt other = r.value();
          while (other.equals(r.value())) {
            other = random.nextInt(4) == 3 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(3));
          }
          yield new RegisterModel.ReadResult(other);
        }
        case RegisterModel.CasResult c -> new RegisterModel.CasResult(!c.swapped());
        case RegisterModel.WriteResult w -> w;
      });
    }
    return plan.withOutputs(outputs);
  }

  /** Up to 8 gets, puts and appends on two keys, some of them pending; outputs as above. */
  private static List<Operation<KvModel.Input, String>> smallKvHistory(Random random) {
    int n = random.nextInt(9);
    Plan<KvModel.Input> plan = plan(random, n, () -> {
      String key = random.nextBoolean() ? "a" : "b";
      return switch (random.nextInt(3)) {
        case 0 -> new KvModel.Get(key);
        case 1 -> new KvModel.Put(key, random.nextBoolean() ? "x" : "y");
        default -> new KvModel.Append(key, random.nextBoolean() ? "x" : "y");
      };
    });
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      outputs.add(null);
    }
    java.util.Map<String, String> store = new java.util.TreeMap<>();
    for (int i : plan.order()) {
      KvModel.Input input = plan.input(i);
      String current = store.getOrDefault(input.key(), "");
      outputs.set(i, input instanceof KvModel.Get ? current : null);
      store.put(input.key(), KvModel.INSTANCE.step(current, input, null));
    }
    String[] values = {"", "x", "y", "xy", "yx"};
    int i = someIndex(random, outputs, o -> o != null);
    if (i >= 0 && random.nextBoolean()) {
      String other = outputs.get(i);
      while (other.equals(outputs.get(i))) {
        other = values[random.nextInt(values.length)];
      }
      outputs.set(i, other);
    }
    return plan.withOutputs(outputs);
  }

  /** One planned operation: its interval ({@code ret} is {@link Operation#NEVER} if pending). */
  private record Planned<I>(long call, long ret, I input) {}

  /** Planned operations, and the order in which those that take effect do. */
  private record Plan<I>(List<Planned<I>> ops, List<Integer> order) {
    I input(int i) {
      return ops.get(i).input();
    }

    <O> List<Operation<I, O>> withOutputs(List<O> outputs) {
      List<Operation<I, O>> out = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        Planned<I> p = ops.get(i);
        out.add(p.ret() == Operation.NEVER ? Operation.pending(i, p.input(), p.call())
            : Operation.of(i, p.input(), outputs.get(i), p.call(), p.ret()));
      }
      return out;
    }
  }

  private static <I> Plan<I> plan(Random random, int n, java.util.function.Supplier<I> inputs) {
    record Point(int op, long at) {}
    List<Planned<I>> ops = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Calls spread over about 6 time units per operation: some overlap, not everything.
      long call = random.nextInt(6 * n);
      long duration = random.nextInt(8);
      boolean pending = random.nextInt(6) == 0;
      ops.add(new Planned<>(call, pending ? Operation.NEVER : call + duration, inputs.get()));
      if (!pending || random.nextBoolean()) {
        // Points on a doubled clock: a pending operation's lies strictly after its call.
        points.add(new Point(i, 2 * (call + random.nextLong(duration + 1)) + (pending ? 1 : 0)));
      }
    }
    points.sort(java.util.Comparator.comparingLong(Point::at).thenComparingInt(Point::op));
    return new Plan<>(ops, points.stream().map(Point::op).toList());
  }

  /** A history, one operation per line, for a failure message. */
  private static String show(List<?> ops) {
    StringBuilder sb = new StringBuilder("history:");
    for (int i = 0; i < ops.size(); i++) {
      sb.append("\n  [").append(i).append("] ").append(ops.get(i));
    }
    return sb.toString();
  }

  private static <T> int someIndex(Random random, List<T> list, Predicate<T> p) {
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (p.test(list.get(i))) {
        matching.add(i);
      }
    }
    return matching.isEmpty() ? -1 : matching.get(random.nextInt(matching.size()));
  }
}
