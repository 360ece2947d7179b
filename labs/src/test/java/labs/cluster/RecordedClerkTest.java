package labs.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import labs.checker.Operation;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.cluster.RecordedClerk.Answers;
import labs.net.NetworkConfig;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A test clerk's calls: recorded with their times, bounded with the lab's message, and refused
 * (left pending) when they answer what no clerk may; and the bounded joins they are built on.
 */
class RecordedClerkTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final String WHY = "the test's server answers every call within a second";
  /** A made-up clerk that answers counts: a negative one is against its contract. */
  private static final Answers<Integer, String> COUNTS = new Answers<>(n -> n >= 0, n -> "count " + n,
      "a counting clerk answers only counts of 0 or more");

  private static RecordedClerk<Input, String> clerk(HistoryRecorder<Input, String> history) {
    Client client = new Cluster(NetworkConfig.DEFAULT).newClient();
    return new RecordedClerk<>(client, history, input -> "get(\"" + input.key() + "\")", BOUND, WHY);
  }

  @Test
  @DisplayName("a call is recorded as the client's, with its call and return times and the model's output")
  void callIsRecordedWithItsTimes() throws Exception {
    Sim.run(31, () -> {
      HistoryRecorder<Input, String> history = new HistoryRecorder<>();
      RecordedClerk<Input, String> ck = clerk(history);
      Env.sleep(100);
      int answer = ck.call(new Get("k"), () -> {
        Env.sleep(30); // the clerk takes 30 ms of virtual time
        return 7;
      }, COUNTS);

      assertThat(answer).isEqualTo(7);
      List<Operation<Input, String>> ops = history.operations();
      assertThat(ops).hasSize(1);
      Operation<Input, String> op = ops.getFirst();
      assertThat(op.client()).isEqualTo(ck.id()).isEqualTo(ck.client().id()).isZero();
      assertThat(op.input()).isEqualTo(new Get("k"));
      assertThat(op.output()).isEqualTo("count 7");
      assertThat(op.call()).isEqualTo(100_000_000L);
      assertThat(op.ret()).isEqualTo(130_000_000L);
      assertThat(history.oldestPending()).isEqualTo("(no pending operation found)");
    });
  }

  @Test
  @DisplayName("a call that has not returned at the bound fails with the lab's message and stays pending")
  void stuckCallFailsAtTheBound() throws Exception {
    Sim.run(32, () -> {
      HistoryRecorder<Input, String> history = new HistoryRecorder<>();
      RecordedClerk<Input, String> ck = clerk(history);
      long start = Env.nowMillis();
      assertThatThrownBy(() -> ck.call(new Get("k"), () -> {
        Env.sleep(60_000); // a clerk stuck far longer than the bound
        return 1;
      }, COUNTS)).isInstanceOf(AssertionError.class)
          .hasMessage("client 0: get(\"k\") has not returned after 5 s, although " + WHY);
      assertThat(Env.nowMillis() - start).as("fails at the bound, in virtual time").isEqualTo(BOUND.toMillis());
      assertThat(history.operations()).singleElement().satisfies(op -> assertThat(op.isComplete()).isFalse());
      assertThat(history.oldestPending())
          .isEqualTo("client 0's Get[key=k], called at 0.000 s, is still waiting at 5.000 s");
    });
  }

  @Test
  @DisplayName("an answer no clerk may give, null too, fails with the lab's rule; a throw propagates; all stay pending")
  void disallowedAnswersFailWithTheRule() throws Exception {
    Sim.run(33, () -> {
      HistoryRecorder<Input, String> history = new HistoryRecorder<>();
      RecordedClerk<Input, String> ck = clerk(history);
      assertThatThrownBy(() -> ck.call(new Get("k"), () -> -1, COUNTS))
          .isInstanceOf(AssertionError.class)
          .hasMessage("client 0: get(\"k\") returned -1, but a counting clerk answers only counts of 0 or more");
      // COUNTS's check would throw on null (unboxing): null is refused before it is asked.
      assertThatThrownBy(() -> ck.call(new Get("k"), () -> null, COUNTS))
          .isInstanceOf(AssertionError.class)
          .hasMessage("client 0: get(\"k\") returned null, but a counting clerk answers only counts of 0 or more");
      assertThatThrownBy(() -> ck.call(new Get("k"), () -> {
        throw new IllegalStateException("the clerk's own bug");
      }, COUNTS)).isInstanceOf(IllegalStateException.class).hasMessage("the clerk's own bug");
      assertThat(history.operations()).hasSize(3).noneMatch(Operation::isComplete);
    });
  }

  @Test
  @DisplayName("joinAll gives all the tasks one bound together, not one each, and returns their results in order")
  void joinAllHasOneBoundForAll() throws Exception {
    Sim.run(34, () -> {
      List<Async<Integer>> quick = List.of(sleeper(3_000, 1), sleeper(4_000, 2));
      assertThat(Async.joinAll(quick, BOUND, () -> "not reached")).containsExactly(1, 2);
      assertThat(Env.nowMillis()).isEqualTo(4_000);

      // With a bound per join these would pass (the second ends 3 s after the first); with one bound
      // for all, the second is still running 5 s after the joins began.
      List<Async<Integer>> slow = List.of(sleeper(4_000, 1), sleeper(7_000, 2));
      long start = Env.nowMillis();
      assertThatThrownBy(() -> Async.joinAll(slow, BOUND, () -> "stuck at " + (Env.nowMillis() - start) + " ms"))
          .isInstanceOf(AssertionError.class).hasMessage("stuck at 5000 ms");
    });
  }

  private static Async<Integer> sleeper(long ms, int result) {
    return Async.start("sleeper-" + result, () -> {
      Env.sleep(ms);
      return result;
    });
  }
}
