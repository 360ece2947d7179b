package labs.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.checker.CheckResult;
import labs.checker.Operation;
import labs.checker.Verdict;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.checker.models.KvModel.Put;
import labs.net.NetworkConfig;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recorder and the check: pending operations, an accepted history, a rejected one with its page. */
class HistoryTest {

  @Test
  @DisplayName("lost operations are pending, and the checker lets them take effect")
  void lostOperationsArePending() throws Exception {
    Sim.run(21, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      HistoryRecorder<Input, String> history = new HistoryRecorder<>();
      history.record(0, new Put("x", "1"), () -> "");
      Env.sleep(10);
      history.begin(1, new Put("x", "2")); // its clerk never comes back
      Env.sleep(10);
      assertThatThrownBy(() -> history.record(2, new Put("x", "3"), () -> {
        throw new IllegalStateException("the clerk gave up");
      })).hasMessage("the clerk gave up");
      Env.sleep(10);
      // only the lost put of "2" explains this read
      history.record(0, new Get("x"), () -> "2");

      List<Operation<Input, String>> ops = history.operations();
      assertThat(ops).extracting(Operation::isComplete).containsExactly(true, false, false, true);
      assertThat(ops.get(0).call()).isLessThan(ops.get(1).call());
      assertThat(ops.get(1).output()).isNull();
      assertThat(ops.get(3).ret()).isEqualTo(ops.get(3).call()).isEqualTo(30_000_000L);
      CheckResult<Input, String> result = Linearizability.assertLinearizable(KvModel.INSTANCE, ops,
          cluster.faults().bands(), "pending");
      assertThat(result.verdict()).isEqualTo(Verdict.OK);
      assertThat(result.options().deterministic()).isTrue();
    });
  }

  @Test
  @DisplayName("a stale read fails the check, with the page written and the run's faults on it")
  void illegalHistoryWritesThePageWithTheFaults() throws Exception {
    String message = Sim.run(22, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 3, CounterServer::start);
      HistoryRecorder<Input, String> history = new HistoryRecorder<>();
      history.record(0, new Put("k", "old"), () -> "");
      group.partition(List.of(0, 1), List.of(2));
      Env.sleep(100);
      history.record(0, new Put("k", "new"), () -> "");
      group.crash(1);
      Env.sleep(100);
      history.record(1, new Get("k"), () -> "old"); // stale: "new" was written before this call
      group.restart(1);
      group.connectAll();
      try {
        Linearizability.assertLinearizable(KvModel.INSTANCE, history.operations(), cluster.faults().bands(),
            "stale read");
      } catch (AssertionError e) {
        return e.getMessage();
      }
      throw new AssertionError("the stale read was accepted");
    });
    assertThat(message).contains("the history of key \"k\" is not linearizable", "Linearizability: ILLEGAL",
        "stale_read-seed22.html", "faults (partitions, crashes, restarts)");
    String html = pageOf(message);
    assertThat(html).contains("server: {0,1} | {2}", "server-1 down", "server-1 restarts", "\"partition\"",
        "\"crash\"");
  }

  /** The viewer page a failure message points to. */
  static String pageOf(String message) throws Exception {
    Matcher m = Pattern.compile("History viewer: (file:\\S+)").matcher(message);
    assertThat(m.find()).as("the message names the viewer page").isTrue();
    return Files.readString(Path.of(java.net.URI.create(m.group(1))));
  }

  @Test
  @DisplayName("a return is recorded once, and never as null")
  void badReturns() throws Exception {
    Sim.run(23, () -> {
      HistoryRecorder<Input, String> history = new HistoryRecorder<>();
      var call = history.begin(0, new Get("k"));
      assertThatThrownBy(() -> call.returned(null)).hasMessageContaining("returned null");
      call.returned("");
      assertThatThrownBy(() -> call.returned("")).hasMessageContaining("returned twice");
      assertThat(history.size()).isEqualTo(1);
    });
  }

  @Test
  @DisplayName("join rethrows what the task threw")
  void asyncRethrows() throws Exception {
    Sim.run(24, () -> {
      Async<Integer> ok = Async.start("ok", () -> 7);
      Async<Void> bad = Async.run("bad", () -> {
        throw new AssertionError("client check failed");
      });
      assertThat(ok.join()).isEqualTo(7);
      assertThatThrownBy(bad::join).isInstanceOf(AssertionError.class).hasMessage("client check failed");
    });
  }
}
