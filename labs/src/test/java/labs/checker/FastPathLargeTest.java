package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fast paths on large histories: against the plain search where it decides (a few hundred
 * operations, 4 to 8 clients), and on the hard classes the search cannot decide (50 and 100
 * clients, thousands of operations; illegal with crashed operations), where the verdict is known
 * by construction ({@link HardHistories}). Every check is bounded by steps, never by time.
 */
class FastPathLargeTest {
  private static final CheckOptions BUDGET = CheckOptions.ofSteps(20_000_000);
  private static final CheckOptions SEARCH = BUDGET.withFastPaths(false);

  /** A history with its verdict by construction. */
  private record Known<I, O>(List<Operation<I, O>> ops, boolean legal) {}

  @Test
  @DisplayName("on a few hundred operations the fast paths agree with the search")
  void agreeWithTheSearch() {
    int decided = 0;
    decided += agree(RegisterModel.INSTANCE, 7_000, r -> {
      boolean legal = r.nextBoolean();
      return new Known<>(HardHistories.register(r, 4 + r.nextInt(5), 50, 0.01, legal), legal);
    });
    decided += agree(KvModel.INSTANCE, 7_100, r -> {
      boolean legal = r.nextBoolean();
      return new Known<>(HardHistories.kv(r, 4 + r.nextInt(5), 60, 3, 0.01, legal), legal);
    });
    decided += agree(VersionedKvModel.INSTANCE, 7_200, r -> {
      boolean legal = r.nextBoolean();
      return new Known<>(HardHistories.versioned(r, 4 + r.nextInt(5), 60, 3, 0.01, legal), legal);
    });
    int appends = agree(KvModel.INSTANCE, 7_300, r -> {
      boolean legal = r.nextBoolean();
      return new Known<>(HardHistories.appends(r, 4 + r.nextInt(5), 60, 3, 0.01, legal), legal);
    });
    assertThat(appends).as("key/value histories with appends (of 20) the search decided")
        .isGreaterThan(10);
    decided += appends;
    assertThat(decided).as("histories (of 80) the search decided, to compare with")
        .isGreaterThan(50);
  }

  private static <I, O> int agree(Model<?, I, O> model, long seed,
      Function<Random, Known<I, O>> generate) {
    int decided = 0;
    for (int k = 0; k < 20; k++) {
      Known<I, O> h = generate.apply(new Random(seed + k));
      CheckResult<I, O> fast = Checker.check(model, h.ops(), BUDGET);
      assertFastAndRight(fast, h.legal(), "seed " + (seed + k));
      CheckResult<I, O> search = Checker.check(model, h.ops(), SEARCH);
      if (search.verdict() != Verdict.UNKNOWN) {
        decided++;
        assertThat(search.verdict()).as("search on seed %d: %s", seed + k, search.describe())
            .isEqualTo(fast.verdict());
      }
    }
    return decided;
  }

  @Test
  @DisplayName("one register, 50 and 100 clients, up to 5,000 operations: decided, right verdict")
  void manyClientsOnOneRegister() {
    for (int clients : new int[] {50, 100}) {
      for (boolean legal : new boolean[] {true, false}) {
        var ops = HardHistories.register(new Random(clients), clients, 5_000 / clients, 0, legal);
        assertThat(ops).hasSize(5_000);
        assertFastAndRight(Checker.check(RegisterModel.INSTANCE, ops, BUDGET), legal,
            clients + " clients");
      }
    }
  }

  @Test
  @DisplayName("five versioned keys, 50 and 100 clients: decided, right verdict")
  void manyClientsOnFiveVersionedKeys() {
    for (int clients : new int[] {50, 100}) {
      for (boolean legal : new boolean[] {true, false}) {
        var ops = HardHistories.versioned(new Random(clients), clients, 2_000 / clients, 5, 0,
            legal);
        var result = Checker.check(VersionedKvModel.INSTANCE, ops, BUDGET);
        assertFastAndRight(result, legal, clients + " clients");
        assertThat(result.partitions()).hasSize(5);
        // Deterministic: the same steps and evidence with one thread or several.
        var again = Checker.check(VersionedKvModel.INSTANCE, ops, BUDGET.withParallelism(1));
        assertThat(again.steps()).isEqualTo(result.steps());
        assertThat(again.partitions()).isEqualTo(result.partitions());
      }
    }
  }

  @Test
  @DisplayName("five keys with appends, 50 and 100 clients, crashed ones: decided, right verdict")
  void manyClientsAppendingToFiveKeys() {
    for (int clients : new int[] {50, 100}) {
      for (boolean legal : new boolean[] {true, false}) {
        var ops = HardHistories.appends(new Random(clients), clients, 4_000 / clients, 5, 0,
            legal);
        var result = Checker.check(KvModel.INSTANCE, ops, BUDGET);
        assertFastAndRight(result, legal, clients + " clients");
        assertThat(result.partitions()).hasSize(5)
            .allMatch(p -> p.method().equals("fast path: key/value with unique appends"));
      }
    }
    for (int clients = 3; clients <= 10; clients += 7) {
      var ops = HardHistories.appends(new Random(clients), clients, 500, 5, 0.02, false);
      assertThat(ops.stream().filter(op -> !op.isComplete()).count())
          .as("operations that never returned").isGreaterThan(20);
      assertFastAndRight(Checker.check(KvModel.INSTANCE, ops, BUDGET), false,
          clients + " clients, crashed");
    }
  }

  @Test
  @DisplayName("illegal with 2% crashed operations and 3 to 10 clients: refuted, with a story")
  void illegalWithCrashedOperations() {
    for (int clients = 3; clients <= 10; clients += 7) {
      var register = HardHistories.register(new Random(clients), clients, 500, 0.02, false);
      assertThat(register.stream().filter(op -> !op.isComplete()).count())
          .as("operations that never returned").isGreaterThan(20);
      var result = Checker.check(RegisterModel.INSTANCE, register, BUDGET);
      assertFastAndRight(result, false, clients + " clients, register");
      assertThat(result.describe()).contains("Why: ");
      var versioned = HardHistories.versioned(new Random(clients), clients, 500, 5, 0.02, false);
      assertFastAndRight(Checker.check(VersionedKvModel.INSTANCE, versioned, BUDGET), false,
          clients + " clients, versioned");
    }
  }

  private static void assertFastAndRight(CheckResult<?, ?> result, boolean legal, String what) {
    assertThat(result.verdict()).as("%s: %s", what, result.describe())
        .isEqualTo(legal ? Verdict.OK : Verdict.ILLEGAL);
    PartitionResult decisive = result.failingPartition().orElse(result.partitions().getFirst());
    assertThat(decisive.decidedByFastPath()).as("%s decided by %s", what, decisive.method())
        .isTrue();
    if (legal) {
      for (PartitionResult p : result.partitions()) {
        long completed = p.operations().stream()
            .filter(i -> result.operations().get(i).isComplete()).count();
        assertThat((long) p.longestPrefix().orElseThrow().length())
            .as("a linearization holds every completed operation").isGreaterThanOrEqualTo(completed);
      }
    } else {
      assertThat(decisive.story()).isNotEmpty();
    }
  }
}
