package labs.checker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import labs.checker.file.JepsenLog;
import labs.checker.file.PorcupineKvLog;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;

/**
 * Porcupine's test histories (copied to {@code src/test/resources/checker-data/}, see the README
 * there) and the verdicts Porcupine's own tests assert for them.
 */
final class CheckerData {
  /** The etcd logs Porcupine's tests expect to be linearizable; every other one is not. */
  static final Set<Integer> LINEARIZABLE_ETCD = Set.of(
      2, 5, 7, 18, 25, 31, 38, 45, 48, 49, 51, 53, 56, 67, 75, 76, 80, 87, 92, 98, 100, 101, 102);

  /** etcd_095.log is empty (etcd failed to start); trivially linearizable, no upstream test. */
  static final int EMPTY_ETCD = 95;

  static final List<Integer> ETCD_FILES = IntStream.rangeClosed(0, 102).boxed().toList();

  static final List<String> KV_FILES =
      List.of("c01-ok", "c01-bad", "c10-ok", "c10-bad", "c50-ok", "c50-bad");

  private CheckerData() {}

  static Verdict expectedEtcd(int n) {
    return n == EMPTY_ETCD || LINEARIZABLE_ETCD.contains(n) ? Verdict.OK : Verdict.ILLEGAL;
  }

  static Verdict expectedKv(String name) {
    return name.endsWith("-ok") ? Verdict.OK : Verdict.ILLEGAL;
  }

  static String etcdName(int n) {
    return "etcd_%03d".formatted(n);
  }

  static List<Operation<RegisterModel.Input, RegisterModel.Output>> etcd(int n) {
    return History.fromEvents(JepsenLog.parse(read("jepsen/" + etcdName(n) + ".log")));
  }

  static List<Operation<KvModel.Input, String>> kv(String name) {
    return History.fromEvents(PorcupineKvLog.parse(read("kv/" + name + ".txt")));
  }

  private static String read(String path) {
    String resource = "/checker-data/" + path;
    try (InputStream in = CheckerData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
