package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Reply;
import labs.checker.internal.Decision;
import labs.checker.internal.FastPaths;
import labs.checker.internal.Local;
import labs.testkit.Trials;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact fast paths against the definition: on thousands of small seeded histories (from
 * {@link Plans}, half of them with one output changed) the checker's verdict must be brute
 * force's, and most of them must be decided by the fast path (else the test would say nothing
 * about it). Partitions a fast path does not cover go to the search after the pruning of pending
 * operations, so the same property checks that pruning too.
 */
class FastPathPropertiesTest {
  private static final CheckOptions OPTIONS = CheckOptions.ofSteps(50_000_000).withParallelism(1);
  private static final int TRIES = 2_000;

  @Test
  @DisplayName("unique-value register path = the definition (reads, writes, swaps, pending)")
  void uniqueRegisterAgreesWithTheDefinition() {
    Tally tally = agrees("unique register = brute force", 11_000, RegisterModel.INSTANCE,
        r -> Plans.small(r, r.nextInt(9), new Specs.Register(0.4, 0.3, r.nextInt(4) == 0, true)),
        FastPathPropertiesTest::otherRegisterOutput);
    tally.assertMostlyFast("register with unique written values");
  }

  @Test
  @DisplayName("unique-value path for key/value gets and puts = the definition")
  void uniqueKvAgreesWithTheDefinition() {
    Tally tally = agrees("unique KV = brute force", 12_000, KvModel.INSTANCE,
        r -> Plans.small(r, r.nextInt(9), new Specs.Kv(2, 0.5, true)),
        (r, out) -> out == null ? null : r.nextBoolean() ? "" : "v" + (1 + r.nextInt(4)));
    tally.assertMostlyFast("register with unique written values");
  }

  @Test
  @DisplayName("unique-append path for key/value gets, puts and appends = the definition")
  void uniqueAppendsAgreeWithTheDefinition() {
    Tally tally = agrees("unique appends = brute force", 15_000, KvModel.INSTANCE,
        r -> Plans.small(r, r.nextInt(9), new Specs.KvAppends(1 + r.nextInt(2), 0.45, true)),
        (r, out) -> out == null ? null : Specs.KvAppends.otherValue(r, out));
    tally.assertMostlyFast("key/value with unique appends");
    tally.assertDecidedBoth("fast path: key/value with unique appends", TRIES / 10);
    System.out.printf("unique appends: %d histories, %d linearizable; decided per path %s%n",
        TRIES, tally.ok, describe(tally.decidedBy));
  }

  @Test
  @DisplayName("appends of repeated, overlapping strings: the search decides = the definition")
  void repeatedAppendsAgreeWithTheDefinition() {
    Tally tally = agrees("repeated appends = brute force", 16_000, KvModel.INSTANCE,
        r -> Plans.small(r, r.nextInt(9), new Specs.KvAppends(1, 0.45, false)),
        (r, out) -> out == null ? null : r.nextBoolean() ? out + "x" : "");
    assertThat(tally.ok).as("linearizable histories among %d", TRIES)
        .isBetween(TRIES / 5, TRIES - TRIES / 5);
    assertThat(tally.declined).as("partitions the append path left to the search")
        .isGreaterThan(TRIES / 10);
    tally.assertDecidedBoth("fast path: key/value with unique appends", TRIES / 50);
    System.out.printf("repeated appends: %d histories, %d linearizable, %d partitions declined; "
        + "decided per path %s%n", TRIES, tally.ok, tally.declined, describe(tally.decidedBy));
  }

  private static String describe(java.util.Map<String, int[]> decidedBy) {
    StringBuilder out = new StringBuilder();
    decidedBy.forEach((m, split) -> out.append(String.format("[%s: %d OK, %d ILLEGAL]", m,
        split[0], split[1])));
    return out.toString();
  }

  @Test
  @DisplayName("versioned key/value path = the definition (ErrVersion, ErrMaybe, repeated values)")
  void versionedAgreesWithTheDefinition() {
    Tally tally = agrees("versioned KV = brute force", 13_000, VersionedKvModel.INSTANCE,
        r -> Plans.small(r, r.nextInt(9), new Specs.Versioned(1 + r.nextInt(2), 0.3,
            r.nextBoolean())),
        FastPathPropertiesTest::otherVersionedReply);
    tally.assertMostlyFast("versioned key/value");
    assertThat(tally.fast).as("the versioned path covers every history").isEqualTo(TRIES);
  }

  @Test
  @DisplayName("registers with repeated values: pruning of pending operations + search = the definition")
  void pruningAgreesWithTheDefinition() {
    Tally tally = agrees("pruned search = brute force", 14_000, RegisterModel.INSTANCE,
        r -> Plans.small(r, r.nextInt(9), new Specs.Register(0.4, 0.2, true, false)),
        FastPathPropertiesTest::otherRegisterOutput);
    assertThat(tally.pruned).as("histories where pending operations were set aside or bounded")
        .isGreaterThan(TRIES / 20);
  }

  /** What a property saw: how many histories were linearizable, decided fast, or pruned. */
  static final class Tally {
    int ok;
    int fast;
    int pruned;
    int declined;
    /** Per fast path (its method), the partitions it decided: [linearizable, not]. */
    final java.util.Map<String, int[]> decidedBy = new java.util.TreeMap<>();

    /** Asserts that {@code method} decided many partitions, both verdicts common. */
    void assertDecidedBoth(String method, int atLeastEach) {
      int[] split = decidedBy.getOrDefault(method, new int[2]);
      assertThat(split[0]).as("linearizable partitions decided by %s", method)
          .isGreaterThan(atLeastEach);
      assertThat(split[1]).as("refuted partitions decided by %s", method)
          .isGreaterThan(atLeastEach);
    }

    void assertMostlyFast(String what) {
      assertThat(ok).as("linearizable histories among %d", TRIES)
          .isBetween(TRIES / 5, TRIES - TRIES / 5);
      assertThat(fast).as("histories decided by the fast path (%s)", what)
          .isGreaterThan(TRIES * 3 / 5);
    }
  }

  private static <I, O> Tally agrees(String property, long seed, Model<?, I, O> model,
      Function<Random, List<Operation<I, O>>> generate, BiFunction<Random, O, O> otherOutput) {
    Tally tally = new Tally();
    Trials.forAll(property, seed, TRIES, random -> {
      List<Operation<I, O>> ops = generate.apply(random);
      return random.nextInt(10) < 3 ? ops : withOneOutputChanged(random, ops, otherOutput);
    }, Trials::withOneRemoved, ops -> {
      boolean expected = BruteForce.linearizableByPartition(model, ops);
      CheckResult<I, O> result = Checker.check(model, ops, OPTIONS);
      assertThat(result.verdict()).as("the definition says %s; the checker:%n%s",
          expected ? "OK" : "ILLEGAL", result.describe())
          .isEqualTo(expected ? Verdict.OK : Verdict.ILLEGAL);
      tally.ok += expected ? 1 : 0;
      tally.pruned += result.partitions().stream()
          .anyMatch(p -> p.method().startsWith(PartitionResult.SEARCH + " (")) ? 1 : 0;
      // The fast path on its own, partition by partition: a decision must be the definition's,
      // and it may decline only for a reason of structure, never because its own order failed.
      boolean allFast = true;
      for (PartitionResult p : result.partitions()) {
        List<Operation<I, O>> part = p.operations().stream().map(ops::get).toList();
        Decision d = FastPaths.decide(erase(model), Local.of(part, range(part.size())));
        if (d instanceof Decision.Decided decided) {
          assertThat(decided.ok()).as("fast path on %s: %s", p.name(), decided.story())
              .isEqualTo(BruteForce.linearizable(model, part));
          tally.decidedBy.computeIfAbsent(decided.method(), m -> new int[2])
              [decided.ok() ? 0 : 1]++;
        } else {
          allFast = false;
          tally.declined++;
          assertThat(((Decision.NotApplicable) d).reason()).doesNotStartWith("internal error");
        }
      }
      tally.fast += allFast ? 1 : 0;
    });
    return tally;
  }

  @SuppressWarnings("unchecked")
  private static Model<Object, Object, Object> erase(Model<?, ?, ?> model) {
    return (Model<Object, Object, Object>) model;
  }

  private static List<Integer> range(int n) {
    return java.util.stream.IntStream.range(0, n).boxed().toList();
  }

  private static <I, O> List<Operation<I, O>> withOneOutputChanged(
      Random random, List<Operation<I, O>> ops, BiFunction<Random, O, O> otherOutput) {
    List<Integer> answered = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).output() != null) {
        answered.add(i);
      }
    }
    if (answered.isEmpty()) {
      return ops;
    }
    int i = answered.get(random.nextInt(answered.size()));
    return Generated.withOutput(ops, i, otherOutput.apply(random, ops.get(i).output()));
  }

  private static RegisterModel.Output otherRegisterOutput(Random r, RegisterModel.Output out) {
    return switch (out) {
      case RegisterModel.ReadResult read -> new RegisterModel.ReadResult(
          r.nextInt(4) == 0 ? OptionalInt.empty() : OptionalInt.of(r.nextInt(5)));
      case RegisterModel.CasResult cas -> new RegisterModel.CasResult(!cas.swapped());
      case RegisterModel.WriteResult w -> w;
    };
  }

  private static Reply otherVersionedReply(Random r, Reply out) {
    return switch (r.nextInt(4)) {
      case 0 -> new Reply(out.value(), Math.max(1, out.version() + (r.nextBoolean() ? 1 : -1)),
          out.err());
      case 1 -> out.err() == Err.OK && out.version() > 0 ? new Reply("", 0, Err.NO_KEY)
          : new Reply(r.nextBoolean() ? "x" : "y", 1 + r.nextInt(3), Err.OK);
      case 2 -> Reply.of(out.err() == Err.OK ? Err.VERSION : Err.OK);
      default -> Reply.of(Err.MAYBE);
    };
  }
}
