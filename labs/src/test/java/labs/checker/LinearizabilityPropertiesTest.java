package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the checker on random histories (see {@link Generated}): histories of a
 * sequential execution are OK; one impossible read makes them ILLEGAL; and on small random
 * histories the checker agrees with the definition ({@link BruteForce}).
 */
class LinearizabilityPropertiesTest {
  private static final CheckOptions OPTIONS = CheckOptions.of(Duration.ofSeconds(10));

  @Property(tries = 300)
  void kvHistoryOfASequentialExecutionIsOk(
      @ForAll Random random,
      @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 4) int keys,
      @ForAll @IntRange(min = 0, max = 4) int spread) {
    var ops = Generated.kv(random, n, keys, spread);
    var result = Checker.check(KvModel.INSTANCE, ops, OPTIONS);
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.OK);
    PartitionResult any = result.partitions().getFirst();
    assertThat(any.longestPrefix().orElseThrow().length()).isEqualTo(any.operations().size());
  }

  @Property(tries = 300)
  void kvHistoryWithAnImpossibleReadIsIllegal(
      @ForAll Random random,
      @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 4) int keys,
      @ForAll @IntRange(min = 0, max = 4) int spread) {
    var ops = Generated.kv(random, n, keys, spread);
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
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.ILLEGAL);
    PartitionResult failing = result.failingPartition().orElseThrow();
    assertThat(failing.operations()).contains(victim);
  }

  @Property(tries = 200)
  void registerHistoryOfASequentialExecutionIsOkEvenWithPendingOperations(
      @ForAll Random random,
      @ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll @IntRange(min = 0, max = 3) int spread,
      @ForAll @IntRange(min = 0, max = 5) int pending) {
    var ops = Generated.register(random, n, spread);
    for (int k = 0; k < pending; k++) {
      ops = Generated.pending(ops, random.nextInt(ops.size()));
    }
    var result = Checker.check(RegisterModel.INSTANCE, ops, OPTIONS);
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.OK);
  }

  @Property(tries = 200)
  void registerHistoryWithAnImpossibleReadIsIllegal(
      @ForAll Random random,
      @ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll @IntRange(min = 0, max = 3) int spread) {
    var ops = Generated.register(random, n, spread);
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
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.ILLEGAL);
  }

  @Property(tries = 400)
  void agreesWithTheDefinitionOnSmallRandomRegisterHistories(
      @ForAll Random random, @ForAll @IntRange(min = 0, max = 7) int n) {
    List<Operation<RegisterModel.Input, RegisterModel.Output>> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long call = random.nextInt(20);
      long ret = call + random.nextInt(8);
      RegisterModel.Input input = switch (random.nextInt(3)) {
        case 0 -> new RegisterModel.Read();
        case 1 -> new RegisterModel.Write(random.nextInt(3));
        default -> new RegisterModel.Cas(random.nextInt(3), random.nextInt(3));
      };
      RegisterModel.Output output = switch (input) {
        case RegisterModel.Read r -> new RegisterModel.ReadResult(random.nextInt(4) == 3
            ? OptionalInt.empty() : OptionalInt.of(random.nextInt(3)));
        case RegisterModel.Write w -> new RegisterModel.WriteResult();
        case RegisterModel.Cas c -> new RegisterModel.CasResult(random.nextBoolean());
      };
      ops.add(random.nextInt(6) == 0 ? Operation.pending(i, input, call)
          : Operation.of(i, input, output, call, ret));
    }
    var result = Checker.check(RegisterModel.INSTANCE, ops, OPTIONS.withParallelism(1));
    boolean expected = BruteForce.linearizable(RegisterModel.INSTANCE, ops);
    assertThat(result.verdict()).as("%s%n%s", ops, result.describe())
        .isEqualTo(expected ? Verdict.OK : Verdict.ILLEGAL);
  }

  @Property(tries = 400)
  void agreesWithTheDefinitionOnSmallRandomKvHistories(
      @ForAll Random random, @ForAll @IntRange(min = 0, max = 8) int n) {
    List<Operation<KvModel.Input, String>> ops = new ArrayList<>();
    String[] values = {"", "x", "y", "xy", "yx"};
    for (int i = 0; i < n; i++) {
      long call = random.nextInt(20);
      long ret = call + random.nextInt(8);
      String key = random.nextBoolean() ? "a" : "b";
      KvModel.Input input = switch (random.nextInt(3)) {
        case 0 -> new KvModel.Get(key);
        case 1 -> new KvModel.Put(key, random.nextBoolean() ? "x" : "y");
        default -> new KvModel.Append(key, random.nextBoolean() ? "x" : "y");
      };
      String output = input instanceof KvModel.Get ? values[random.nextInt(values.length)] : null;
      ops.add(random.nextInt(6) == 0 ? Operation.pending(i, input, call)
          : Operation.of(i, input, output, call, ret));
    }
    Verdict expected =
        BruteForce.linearizable(KvMapModel.INSTANCE, ops) ? Verdict.OK : Verdict.ILLEGAL;
    var byKey = Checker.check(KvModel.INSTANCE, ops, OPTIONS);
    assertThat(byKey.verdict()).as("%s%n%s", ops, byKey.describe()).isEqualTo(expected);
    var whole = Checker.check(KvMapModel.INSTANCE, ops, OPTIONS);
    assertThat(whole.verdict()).as("%s%n%s", ops, whole.describe()).isEqualTo(expected);
  }

  private static <T> int someIndex(Random random, List<T> list, java.util.function.Predicate<T> p) {
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (p.test(list.get(i))) {
        matching.add(i);
      }
    }
    return matching.isEmpty() ? -1 : matching.get(random.nextInt(matching.size()));
  }
}
