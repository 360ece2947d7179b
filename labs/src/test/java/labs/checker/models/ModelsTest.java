package labs.checker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import labs.checker.models.RegisterModel.Cas;
import labs.checker.models.RegisterModel.CasResult;
import labs.checker.models.RegisterModel.Read;
import labs.checker.models.RegisterModel.ReadResult;
import labs.checker.models.RegisterModel.Write;
import labs.checker.models.RegisterModel.WriteResult;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Reply;
import labs.checker.models.VersionedKvModel.Versioned;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shipped models' sequential specifications, step by step. */
class ModelsTest {
  private static final RegisterModel REG = RegisterModel.INSTANCE;
  private static final KvModel KV = KvModel.INSTANCE;
  private static final VersionedKvModel VKV = VersionedKvModel.INSTANCE;

  @Test
  @DisplayName("register: starts absent; read, write, compare-and-swap, unknown outputs")
  void register() {
    OptionalInt absent = REG.init();
    assertThat(absent).isEmpty();
    assertThat(REG.step(absent, new Read(), new ReadResult(OptionalInt.empty()))).isEqualTo(absent);
    assertThat(REG.step(absent, new Read(), new ReadResult(OptionalInt.of(0)))).isNull();
    OptionalInt three = REG.step(absent, new Write(3), new WriteResult());
    assertThat(three).hasValue(3);
    assertThat(REG.step(three, new Read(), new ReadResult(OptionalInt.of(3)))).isEqualTo(three);
    assertThat(REG.step(three, new Cas(3, 4), new CasResult(true))).hasValue(4);
    assertThat(REG.step(three, new Cas(3, 4), new CasResult(false))).isNull();
    assertThat(REG.step(three, new Cas(2, 4), new CasResult(false))).isEqualTo(three);
    assertThat(REG.step(absent, new Cas(2, 4), new CasResult(true))).isNull();
    // No answer: legal in any state, and a matching cas still swaps.
    assertThat(REG.step(three, new Read(), null)).isEqualTo(three);
    assertThat(REG.step(three, new Cas(3, 9), null)).hasValue(9);
    assertThat(REG.step(three, new Cas(1, 9), null)).isEqualTo(three);
    assertThat(REG.describeOperation(new Cas(1, 2), new CasResult(false))).isEqualTo("cas(1, 2) -> fail");
    assertThat(REG.describeOperation(new Read(), null)).isEqualTo("read() -> ?");
    assertThat(REG.describeState(absent)).isEqualTo("nil");
    assertThatThrownBy(() -> REG.step(three, new Read(), new CasResult(true)))
        .hasMessageContaining("record a ReadResult");
  }

  @Test
  @DisplayName("key/value: missing keys read as empty; put replaces; append concatenates")
  void keyValue() {
    String empty = KV.init();
    assertThat(KV.step(empty, new KvModel.Get("k"), "")).isEqualTo("");
    assertThat(KV.step(empty, new KvModel.Get("k"), "x")).isNull();
    String x = KV.step(empty, new KvModel.Put("k", "x"), null);
    String xy = KV.step(x, new KvModel.Append("k", "y"), "ignored");
    assertThat(xy).isEqualTo("xy");
    assertThat(KV.step(xy, new KvModel.Get("k"), "xy")).isEqualTo("xy");
    assertThat(KV.step(xy, new KvModel.Get("k"), null)).isEqualTo("xy");
    assertThat(KV.partitionKey(new KvModel.Append("k2", "v"))).isEqualTo("k2");
    assertThat(KV.describeOperation(new KvModel.Get("a\"b"), "v")).isEqualTo("get(\"a\\\"b\") -> \"v\"");
  }

  @Test
  @DisplayName("versioned key/value: conditional puts, versions, ErrMaybe, ErrNoKey")
  void versionedKeyValue() {
    Versioned none = VKV.init();
    var get = new VersionedKvModel.Get("k");
    assertThat(VKV.step(none, get, Reply.of(Err.NO_KEY))).isEqualTo(none);
    assertThat(VKV.step(none, get, new Reply("", 0, Err.OK))).isNull();
    var v1 = VKV.step(none, new VersionedKvModel.Put("k", "a", 0), Reply.of(Err.OK));
    assertThat(v1).isEqualTo(new Versioned("a", 1));
    assertThat(VKV.step(v1, get, new Reply("a", 1, Err.OK))).isEqualTo(v1);
    assertThat(VKV.step(v1, get, new Reply("a", 2, Err.OK))).isNull();
    assertThat(VKV.step(v1, get, Reply.of(Err.NO_KEY))).isNull();
    // Wrong version: fails without effect; claiming success is illegal.
    assertThat(VKV.step(v1, new VersionedKvModel.Put("k", "b", 0), Reply.of(Err.VERSION)))
        .isEqualTo(v1);
    assertThat(VKV.step(v1, new VersionedKvModel.Put("k", "b", 0), Reply.of(Err.OK))).isNull();
    // ErrMaybe and no answer: applied if the version matches, no effect otherwise.
    assertThat(VKV.step(v1, new VersionedKvModel.Put("k", "b", 1), Reply.of(Err.MAYBE)))
        .isEqualTo(new Versioned("b", 2));
    assertThat(VKV.step(v1, new VersionedKvModel.Put("k", "b", 5), null)).isEqualTo(v1);
    // A put with a version > 0 on a missing key: ErrNoKey.
    assertThat(VKV.step(none, new VersionedKvModel.Put("k", "b", 3), Reply.of(Err.NO_KEY)))
        .isEqualTo(none);
    assertThat(VKV.step(v1, new VersionedKvModel.Put("k", "b", 3), Reply.of(Err.NO_KEY))).isNull();
    assertThat(VKV.describeState(v1)).isEqualTo("\"a\" v1");
  }

  @Test
  @DisplayName("versioned key/value: an input described as the clerk call, with a long value shortened")
  void versionedCallDescriptions() {
    assertThat(VersionedKvModel.describeCall(new VersionedKvModel.Get("k"))).isEqualTo("get(\"k\")");
    assertThat(VersionedKvModel.describeCall(new VersionedKvModel.Put("k", "v1", 3)))
        .isEqualTo("put(\"k\", \"v1\", 3)");
    String longValue = "x".repeat(100);
    assertThat(VersionedKvModel.brief("y".repeat(24))).isEqualTo("y".repeat(24));
    assertThat(VersionedKvModel.brief(longValue)).isEqualTo("x".repeat(20) + "...(100 chars)");
    assertThat(VersionedKvModel.describeCall(new VersionedKvModel.Put("k", longValue, 0)))
        .isEqualTo("put(\"k\", \"" + "x".repeat(20) + "...(100 chars)\", 0)");
  }

  /** A lab's own error codes, as in Labs 3 and 4: the clerk's answers and one that is none. */
  private enum LabErr { OK, NO_KEY, VERSION, MAYBE, WRONG_LEADER }

  @Test
  @DisplayName("versioned key/value: a lab's error code maps to the model's of the same name; WRONG_LEADER to none")
  void labErrorCodes() {
    assertThat(Err.of(LabErr.NO_KEY)).isEqualTo(Err.NO_KEY);
    assertThat(Err.of(LabErr.MAYBE)).isEqualTo(Err.MAYBE);
    assertThatThrownBy(() -> Err.of(LabErr.WRONG_LEADER)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WRONG_LEADER is no answer of a clerk");
  }
}
