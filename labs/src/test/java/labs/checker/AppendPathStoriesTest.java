package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Append;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Put;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The key/value fast path for appends of unique strings, on hand-made histories: each way it
 * refutes one (the story a student reads first, and brute force agreeing that no order exists),
 * what it accepts that looks suspicious, and where it steps aside for the search.
 */
class AppendPathStoriesTest {
  private static final CheckOptions BUDGET = CheckOptions.ofSteps(1_000_000);
  private static final String METHOD = "fast path: key/value with unique appends";

  private static Operation<KvModel.Input, String> append(int client, String s, long call,
      long ret) {
    return Operation.of(client, new Append("k", s), null, call, ret);
  }

  private static Operation<KvModel.Input, String> put(int client, String s, long call, long ret) {
    return Operation.of(client, new Put("k", s), null, call, ret);
  }

  private static Operation<KvModel.Input, String> get(int client, String seen, long call,
      long ret) {
    return Operation.of(client, new Get("k"), seen, call, ret);
  }

  /** The story of a refutation by the append path; brute force must agree there is no order. */
  private static String story(List<Operation<KvModel.Input, String>> h) {
    assertThat(BruteForce.linearizable(KvModel.INSTANCE, h)).as("brute force").isFalse();
    CheckResult<KvModel.Input, String> result = Checker.check(KvModel.INSTANCE, h, BUDGET);
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.ILLEGAL);
    PartitionResult p = result.failingPartition().orElseThrow();
    assertThat(p.method()).isEqualTo(METHOD);
    assertThat(result.describe()).contains("by " + METHOD, "Why: " + p.story());
    return p.story();
  }

  private static String accepted(List<Operation<KvModel.Input, String>> h) {
    assertThat(BruteForce.linearizable(KvModel.INSTANCE, h)).as("brute force").isTrue();
    CheckResult<KvModel.Input, String> result = Checker.check(KvModel.INSTANCE, h, BUDGET);
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.OK);
    return result.partitions().getFirst().method();
  }

  @Test
  @DisplayName("two gets that saw the same appends in different orders")
  void appendsSeenOutOfOrder() {
    var h = List.of(append(0, "a;", 0, 10), append(1, "b;", 0, 10), get(2, "a;b;", 11, 12),
        get(3, "b;a;", 13, 14));
    assertThat(story(h)).isEqualTo("Client 2 get(\"k\") -> \"a;b;\" [11, 12] and client 3 "
        + "get(\"k\") -> \"b;a;\" [13, 14] saw values that both grew from the initial value, yet "
        + "neither is the other with more appended: the key's value only grows between puts, so "
        + "the appends since the start must appear in the same order to every get.");
  }

  @Test
  @DisplayName("a get that saw a shorter value after another get had returned a longer one")
  void shorterValueAfterALongerOne() {
    var h = List.of(append(0, "a;", 0, 1), append(1, "b;", 2, 10), get(2, "a;b;", 3, 4),
        get(3, "a;", 5, 6));
    assertThat(story(h)).isEqualTo("Client 2 get(\"k\") -> \"a;b;\" [3, 4] must take effect "
        + "after client 3 get(\"k\") -> \"a;\" [5, 6]: that one saw \"a;\", a shorter value, and "
        + "the value only grows until the next put. But it returned before that one was called.");
  }

  @Test
  @DisplayName("an append that never returned but was seen must have taken effect in time")
  void pendingAppendThatWasSeen() {
    var h = List.of(append(0, "a;", 0, 1), Operation.<KvModel.Input, String>pending(1,
        new Append("k", "b;"), 50), get(2, "a;b;", 2, 10));
    assertThat(story(h)).isEqualTo("Client 2 get(\"k\") -> \"a;b;\" [2, 10] must take effect "
        + "after client 1 append(\"k\", \"b;\") [50, never returned]: it saw the value that one "
        + "wrote. But it returned before that one was called.");
    // Called before the get returned, it may have taken effect inside the get's interval; and
    // one nobody saw may never have taken effect at all.
    assertThat(accepted(List.of(append(0, "a;", 0, 1), Operation.<KvModel.Input, String>pending(
        1, new Append("k", "b;"), 5), get(2, "a;b;", 2, 10)))).isEqualTo(METHOD);
    assertThat(accepted(List.of(append(0, "a;", 0, 1), Operation.<KvModel.Input, String>pending(
        1, new Append("k", "b;"), 0), get(2, "a;", 2, 10)))).isEqualTo(METHOD);
  }

  @Test
  @DisplayName("one append seen after two different puts")
  void appendAfterTwoPuts() {
    var h = List.of(put(0, "p;", 0, 1), put(1, "q;", 0, 1), append(2, "a;", 0, 1),
        get(3, "p;a;", 2, 3), get(4, "q;a;", 2, 3));
    assertThat(story(h)).contains("both saw client 2 append(\"k\", \"a;\") [0, 1], but from "
        + "client 0 put(\"k\", \"p;\") [0, 1] in the first and from client 1 put(\"k\", \"q;\") "
        + "[0, 1] in the second: an append takes effect once");
  }

  @Test
  @DisplayName("a value no sequence of the key's writes produces")
  void impossibleValues() {
    assertThat(story(List.of(append(0, "a;", 0, 1), get(1, "a;zz;", 2, 3)))).isEqualTo(
        "Client 1 get(\"k\") -> \"a;zz;\" [2, 3] returned a value that no sequence of this "
        + "key's puts and appends produces (each taking effect once).");
    assertThat(story(List.of(append(0, "a;", 0, 1), get(1, "a;a;", 2, 3)))).contains(
        "holds the string of client 0 append(\"k\", \"a;\") [0, 1] twice");
  }

  @Test
  @DisplayName("an append nobody saw, with no moment outside the stretch a value had to last")
  void unseenAppendInsideAStretch() {
    var h = List.of(append(0, "a;", 0, 1), append(1, "u;", 3, 4), get(2, "a;", 10, 11));
    assertThat(story(h)).isEqualTo("Every operation of the append of \"u;\" that no get saw ran "
        + "across the stretch from 3 to 4 (client 1 append(\"k\", \"u;\") [3, 4]), but the values "
        + "appended to the initial value \"\" had to stay in place from the start until 10 "
        + "(client 2 get(\"k\") -> \"a;\" [10, 11] was called and still saw it), all around it: "
        + "there is no moment left for the append of \"u;\" that no get saw.");
  }

  @Test
  @DisplayName("puts and appends interleaved: accepted by the fast path")
  void segmentsByPut() {
    var h = List.of(append(0, "a;", 0, 1), get(1, "a;", 2, 3), put(2, "p;", 4, 5),
        append(3, "b;", 4, 6), get(4, "p;b;", 7, 8), append(5, "c;", 9, 10),
        get(1, "p;b;c;", 11, 12));
    assertThat(accepted(h)).isEqualTo(METHOD);
  }

  @Test
  @DisplayName("repeated or overlapping appended strings go to the search")
  void ambiguousGoesToTheSearch() {
    var repeated = List.of(append(0, "x", 0, 1), append(1, "x", 2, 3), get(2, "xx", 4, 5));
    var twoSplits = List.of(append(0, "x", 0, 1), append(1, "xy", 0, 10), append(2, "y", 0, 1),
        get(3, "xy", 2, 3));
    var twoSplitsLegal = List.of(append(0, "x", 0, 10), append(1, "xy", 0, 10),
        append(2, "y", 0, 10), get(3, "xy", 2, 3));
    for (var h : List.of(repeated, twoSplits, twoSplitsLegal)) {
      CheckResult<KvModel.Input, String> result = Checker.check(KvModel.INSTANCE, h, BUDGET);
      assertThat(result.partitions().getFirst().method()).isEqualTo(PartitionResult.SEARCH);
      assertThat(result.verdict()).isEqualTo(
          BruteForce.linearizable(KvModel.INSTANCE, h) ? Verdict.OK : Verdict.ILLEGAL);
    }
  }
}
