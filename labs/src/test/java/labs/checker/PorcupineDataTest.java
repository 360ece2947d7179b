package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.viewer.HistoryViewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Porcupine data file gets the verdict Porcupine's own test suite asserts. */
@DisplayName("Checker on Porcupine's data set")
class PorcupineDataTest {
  /** About 35 times what the hardest file needs (etcd's largest: 1.4 million steps). */
  private static final CheckOptions BUDGET = CheckOptions.ofSteps(50_000_000);

  static Stream<Integer> etcdFiles() {
    return CheckerData.ETCD_FILES.stream();
  }

  static Stream<String> kvFiles() {
    return CheckerData.KV_FILES.stream();
  }

  @ParameterizedTest(name = "etcd_{0}")
  @MethodSource("etcdFiles")
  @DisplayName("Jepsen etcd log with the CAS register model")
  void etcd(int n) {
    var ops = CheckerData.etcd(n);
    var result = Checker.check(RegisterModel.INSTANCE, ops, BUDGET);
    HistoryViewer.writeIfNotOk(result, CheckerData.etcdName(n), List.of());
    assertThat(result.verdict())
        .as("%s: %s", CheckerData.etcdName(n), result.describe())
        .isEqualTo(CheckerData.expectedEtcd(n));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kvFiles")
  @DisplayName("key/value history with the KV model, partitioned by key")
  void kv(String name) {
    var ops = CheckerData.kv(name);
    var result = Checker.check(KvModel.INSTANCE, ops, BUDGET);
    HistoryViewer.writeIfNotOk(result, name, List.of());
    assertThat(result.verdict()).as("%s: %s", name, result.describe())
        .isEqualTo(CheckerData.expectedKv(name));
    assertThat(result.partitions()).hasSize(distinctKeys(ops));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kvFiles")
  @DisplayName("key/value history searching every partition (the viewer's mode), bounded")
  void kvAllPartitions(String name) {
    var ops = CheckerData.kv(name);
    // Porcupine's verbose mode runs for more than ten minutes on c50-bad: key "0" is not
    // decidable in reasonable time. The budget must bound this mode too (about 1-2 s here).
    var options = CheckOptions.ofSteps(20_000_000).withSearchAllPartitions(true);
    var result = Checker.check(KvModel.INSTANCE, ops, options);
    assertThat(result.verdict()).as("%s: %s", name, result.describe())
        .isEqualTo(CheckerData.expectedKv(name));
    assertThat(result.steps()).isLessThanOrEqualTo(20_000_000);
    for (PartitionResult p : result.partitions()) {
      if (p.verdict() == Verdict.UNKNOWN) {
        assertThat(name).isEqualTo("c50-bad");
        assertThat(p.note()).startsWith("step budget of 20000000 steps spent");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"c01-ok", "c01-bad", "c10-ok", "c10-bad"})
  @DisplayName("key/value history with the whole map as state (no partitioning)")
  void kvWithoutPartitioning(String name) {
    var ops = CheckerData.kv(name);
    var result = Checker.check(KvMapModel.INSTANCE, ops, BUDGET);
    assertThat(result.verdict()).as("%s: %s", name, result.describe())
        .isEqualTo(CheckerData.expectedKv(name));
    assertThat(result.partitions()).hasSize(1);
  }

  private static int distinctKeys(List<Operation<KvModel.Input, String>> ops) {
    return (int) ops.stream().map(op -> op.input().key()).distinct().count();
  }
}
