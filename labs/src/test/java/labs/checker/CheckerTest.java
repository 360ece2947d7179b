package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Append;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.checker.models.KvModel.Put;
import labs.checker.models.RegisterModel;
import labs.checker.models.RegisterModel.Read;
import labs.checker.models.RegisterModel.ReadResult;
import labs.checker.models.RegisterModel.Write;
import labs.checker.models.RegisterModel.WriteResult;
import labs.checker.viewer.HistoryViewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checker's contract on small hand-made histories. */
class CheckerTest {
  private static final CheckOptions BUDGET = CheckOptions.ofSteps(10_000_000);

  private static Operation<Input, String> op(int client, Input in, String out, long call, long ret) {
    return Operation.of(client, in, out, call, ret);
  }

  private static Operation<RegisterModel.Input, RegisterModel.Output> read(
      int client, Integer value, long call, long ret) {
    return Operation.of(client, new Read(), new ReadResult(
        value == null ? OptionalInt.empty() : OptionalInt.of(value)), call, ret);
  }

  private static Operation<RegisterModel.Input, RegisterModel.Output> write(
      int client, int value, long call, long ret) {
    return Operation.of(client, new Write(value), new WriteResult(), call, ret);
  }

  @Test
  @DisplayName("a read concurrent with a write may see either value; after it, only the new one")
  void concurrentAndSequentialReads() {
    var concurrent = List.of(write(0, 1, 0, 10), read(1, null, 5, 15), read(2, 1, 6, 16));
    assertThat(Checker.check(RegisterModel.INSTANCE, concurrent, BUDGET).verdict())
        .isEqualTo(Verdict.OK);
    var stale = List.of(write(0, 1, 0, 10), read(1, null, 11, 15));
    var result = Checker.check(RegisterModel.INSTANCE, stale, BUDGET);
    assertThat(result.verdict()).isEqualTo(Verdict.ILLEGAL);
    assertThat(result.isOk()).isFalse();
  }

  @Test
  @DisplayName("a call and a return at the same instant count as concurrent")
  void touchingOperationsAreConcurrent() {
    var touching = List.of(write(0, 1, 0, 10), read(1, null, 10, 12));
    assertThat(Checker.check(RegisterModel.INSTANCE, touching, BUDGET).verdict())
        .isEqualTo(Verdict.OK);
  }

  @Test
  @DisplayName("an operation that never returned may take effect any time after its call")
  void pendingOperationMayTakeEffectLater() {
    var history = List.of(
        Operation.<RegisterModel.Input, RegisterModel.Output>pending(0, new Write(7), 0),
        read(1, null, 5, 6),
        read(1, 7, 100, 101));
    assertThat(Checker.check(RegisterModel.INSTANCE, history, BUDGET).verdict())
        .isEqualTo(Verdict.OK);
  }

  @Test
  @DisplayName("an operation that never returned may also never take effect")
  void pendingOperationMayNeverTakeEffect() {
    var history = List.of(
        Operation.<RegisterModel.Input, RegisterModel.Output>pending(0, new Write(7), 0),
        read(1, null, 5, 6),
        read(1, null, 100, 101));
    var result = Checker.check(RegisterModel.INSTANCE, history, BUDGET);
    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.partitions().getFirst().longestPrefix().orElseThrow().order())
        .containsExactly(1, 2);
  }

  @Test
  @DisplayName("an operation that never returned cannot take effect before its call")
  void pendingOperationNotBeforeItsCall() {
    var history = List.of(
        read(1, 7, 0, 1),
        Operation.<RegisterModel.Input, RegisterModel.Output>pending(0, new Write(7), 5));
    assertThat(Checker.check(RegisterModel.INSTANCE, history, BUDGET).verdict())
        .isEqualTo(Verdict.ILLEGAL);
  }

  @Test
  @DisplayName("event histories: position is time; unmatched calls become pending")
  void eventHistories() {
    List<Event<Input, String>> events = List.of(
        Event.call(0, 10, new Put("x", "a")),
        Event.call(1, 11, new Get("x")),
        Event.ret(0, 10, null),
        Event.call(2, 12, new Append("x", "b")),
        Event.ret(1, 11, "a"));
    List<Operation<Input, String>> ops = History.fromEvents(events);
    assertThat(ops).containsExactly(
        op(0, new Put("x", "a"), null, 0, 2),
        op(1, new Get("x"), "a", 1, 4),
        Operation.pending(2, new Append("x", "b"), 3));
    assertThat(Checker.checkEvents(KvModel.INSTANCE, events, BUDGET).verdict())
        .isEqualTo(Verdict.OK);
  }

  @Test
  @DisplayName("malformed histories are rejected with the cause and the fix")
  void malformedHistories() {
    assertThatThrownBy(() -> History.fromEvents(List.of(
        Event.<Input, String>call(0, 1, new Get("x")), Event.call(1, 1, new Get("y")))))
        .hasMessageContaining("event 1 calls operation id 1 again");
    assertThatThrownBy(() -> History.fromEvents(List.of(Event.<Input, String>ret(0, 3, "v"))))
        .hasMessageContaining("event 0 returns operation id 3, which was never called");
    assertThatThrownBy(() -> op(0, new Get("x"), "", 10, 9))
        .hasMessageContaining("before its call");
    assertThatThrownBy(() -> CheckOptions.of(Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
  }

  @Test
  @DisplayName("partitions are independent, in order of first call, and name the failing key")
  void partitionsByKey() {
    var history = List.of(
        op(0, new Put("b", "1"), null, 0, 1),
        op(0, new Put("a", "1"), null, 2, 3),
        op(1, new Get("a"), "1", 4, 5),
        op(1, new Get("b"), "2", 6, 7));
    var result = Checker.check(KvModel.INSTANCE, history, BUDGET);
    assertThat(result.verdict()).isEqualTo(Verdict.ILLEGAL);
    assertThat(result.partitions()).extracting(PartitionResult::key).containsExactly("b", "a");
    assertThat(result.partitions()).extracting(PartitionResult::verdict)
        .containsExactly(Verdict.ILLEGAL, Verdict.OK);
    PartitionResult failing = result.failingPartition().orElseThrow();
    assertThat(failing.operations()).containsExactly(0, 3);
    PartialLinearization longest = failing.longestPrefix().orElseThrow();
    assertThat(longest.order()).containsExactly(0);
    assertThat(longest.blockedBy()).isEqualTo(3);
    assertThat(result.describe())
        .contains("ILLEGAL", "key \"b\"", "1 of 2 operations", "Stuck at: client 1: get(\"b\") -> \"2\"");
  }

  @Test
  @DisplayName("the longest prefix containing each operation is recorded for the viewer")
  void longestPrefixPerOperation() {
    // w1 then r1; then a read of 2 that nothing wrote: stuck after two operations.
    var history = List.of(write(0, 1, 0, 1), read(1, 1, 2, 3), read(2, 2, 4, 5));
    PartitionResult p =
        Checker.check(RegisterModel.INSTANCE, history, BUDGET).partitions().getFirst();
    assertThat(p.verdict()).isEqualTo(Verdict.ILLEGAL);
    assertThat(p.longestPrefix().orElseThrow().order()).containsExactly(0, 1);
    assertThat(p.longestFor()).containsExactly(p.longest(), p.longest(), -1);
  }

  @Test
  @DisplayName("an empty history is linearizable")
  void emptyHistory() {
    var result = Checker.check(KvModel.INSTANCE, List.of(), BUDGET);
    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.partitions()).hasSize(1);
  }

  @Test
  @DisplayName("a model that throws is reported with the partition it was checking")
  void modelFailure() {
    Model<String, Input, String> broken = new Model<>() {
      @Override
      public String init() {
        return "";
      }

      @Override
      public String step(String state, Input input, String output) {
        throw new UnsupportedOperationException("boom");
      }

      @Override
      public Object partitionKey(Input input) {
        return input.key();
      }
    };
    var history = List.of(op(0, new Get("k"), "", 0, 1));
    assertThatThrownBy(() -> Checker.check(broken, history, BUDGET))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("threw while checking key \"k\"")
        .hasMessageContaining("boom");
  }

  @Test
  @DisplayName("a spent step budget gives UNKNOWN, never a pass, in the viewer's mode too")
  void spentBudgetIsUnknown() throws Exception {
    var hard = CheckerData.kv("c50-bad").stream()
        .filter(o -> o.input().key().equals("0"))
        .toList(); // one key Porcupine's verbose mode cannot finish in ten minutes
    for (boolean all : List.of(false, true)) {
      var options = CheckOptions.ofSteps(300_000).withSearchAllPartitions(all);
      var result = Checker.check(KvModel.INSTANCE, hard, options);
      assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(result.isOk()).isFalse();
      assertThat(result.steps()).isLessThanOrEqualTo(300_000);
      assertThat(result.describe()).contains("UNKNOWN (this is not a pass)",
          "step budget of 300000 steps spent", "raise the step budget");
      assertThat(result.partitions().getFirst().longestPrefix()).isPresent();
      Path page = HistoryViewer.writeIfNotOk(result, "unknown-" + all, List.of()).orElseThrow();
      assertThat(Files.readString(page)).contains("\"verdict\":\"UNKNOWN\"");
    }
  }

  @Test
  @DisplayName("a wall-clock timeout also gives UNKNOWN, never a pass")
  void timeoutIsUnknown() {
    // Key "0" of c50-bad needs far more than 200 million steps (tens of seconds on any machine),
    // so a 300 ms timeout strikes first everywhere.
    var hard = CheckerData.kv("c50-bad").stream()
        .filter(o -> o.input().key().equals("0"))
        .toList();
    var result = Checker.check(KvModel.INSTANCE, hard, Duration.ofMillis(300));
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.describe()).contains("UNKNOWN (this is not a pass)", "timed out after 300 ms",
        "raise the timeout");
  }

  @Test
  @DisplayName("the same history and step budget give the same result, whatever the thread count")
  void deterministic() {
    for (String name : List.of("c10-ok", "c50-bad")) {
      var ops = CheckerData.kv(name);
      for (boolean all : List.of(false, true)) {
        // In the viewer's mode c50-bad cannot finish key "0" (and others): the budget runs out
        // at the same step with one thread or two, so even the undecided partitions match.
        var options = CheckOptions.ofSteps(4_000_000).withSearchAllPartitions(all);
        var one = Checker.check(KvModel.INSTANCE, ops, options.withParallelism(1));
        var two = Checker.check(KvModel.INSTANCE, ops, options.withParallelism(2));
        var again = Checker.check(KvModel.INSTANCE, ops, options.withParallelism(2));
        assertThat(summary(two)).isEqualTo(summary(one)).isEqualTo(summary(again));
        assertThat(two.verdict()).isEqualTo(one.verdict());
        assertThat(two.steps()).isEqualTo(one.steps()).isEqualTo(again.steps());
      }
    }
    var viewerMode = Checker.check(KvModel.INSTANCE, CheckerData.kv("c50-bad"),
        CheckOptions.ofSteps(4_000_000).withSearchAllPartitions(true));
    assertThat(viewerMode.partitions()).extracting(PartitionResult::verdict)
        .as("the scenario needs some partitions undecided when the budget runs out")
        .contains(Verdict.UNKNOWN, Verdict.ILLEGAL);
  }

  @Test
  @DisplayName("a check needs a bound, and the bounds must make sense")
  void boundsAreValidated() {
    assertThatThrownBy(() -> CheckOptions.ofSteps(0)).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> CheckOptions.ofSteps(10).withStepBudget(0))
        .hasMessageContaining("a check needs a bound");
    assertThat(CheckOptions.ofSteps(10).deterministic()).isTrue();
    assertThat(CheckOptions.ofSteps(10).withTimeout(Duration.ofSeconds(1)).deterministic())
        .isFalse();
    assertThat(CheckOptions.ofSteps(10).withTimeout(Duration.ofSeconds(1)).describeBound())
        .isEqualTo("budget 10 steps, timeout 1000 ms");
  }

  private static List<String> summary(CheckResult<?, ?> result) {
    List<String> out = new ArrayList<>();
    for (PartitionResult p : result.partitions()) {
      // A digest keeps a failure message readable; any difference in the partials changes it.
      out.add(p.key() + " " + p.verdict() + " " + p.note() + " longest "
          + p.longestPrefix().map(PartialLinearization::length).orElse(-1) + " digest "
          + Objects.hash(p.partials(), p.longestFor()));
    }
    return out;
  }
}
