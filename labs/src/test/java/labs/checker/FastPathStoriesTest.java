package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.RegisterModel.Cas;
import labs.checker.models.RegisterModel.CasResult;
import labs.checker.models.RegisterModel.Read;
import labs.checker.models.RegisterModel.ReadResult;
import labs.checker.models.RegisterModel.Write;
import labs.checker.models.RegisterModel.WriteResult;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Get;
import labs.checker.models.VersionedKvModel.Put;
import labs.checker.models.VersionedKvModel.Reply;
import labs.checker.viewer.HistoryViewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each way a fast path refutes a history, on a hand-made one: the verdict, the method, and the
 * story that names the operations involved (what a student reads first). And when the fast paths
 * step aside for the search.
 */
class FastPathStoriesTest {
  private static final CheckOptions BUDGET = CheckOptions.ofSteps(1_000_000);

  private static Operation<RegisterModel.Input, RegisterModel.Output> write(
      int client, int v, long call, long ret) {
    return Operation.of(client, new Write(v), new WriteResult(), call, ret);
  }

  private static Operation<RegisterModel.Input, RegisterModel.Output> read(
      int client, Integer v, long call, long ret) {
    return Operation.of(client, new Read(),
        new ReadResult(v == null ? OptionalInt.empty() : OptionalInt.of(v)), call, ret);
  }

  private static Operation<RegisterModel.Input, RegisterModel.Output> cas(
      int client, int from, int to, boolean swapped, long call, long ret) {
    return Operation.of(client, new Cas(from, to), new CasResult(swapped), call, ret);
  }

  private static String registerStory(List<Operation<RegisterModel.Input, RegisterModel.Output>> h) {
    return story(Checker.check(RegisterModel.INSTANCE, h, BUDGET),
        "fast path: register with unique written values");
  }

  private static String story(CheckResult<?, ?> result, String method) {
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.ILLEGAL);
    PartitionResult p = result.failingPartition().orElseThrow();
    assertThat(p.method()).isEqualTo(method);
    assertThat(result.describe()).contains("by " + method, "Why: " + p.story());
    return p.story();
  }

  @Test
  @DisplayName("register: a read of a value nobody wrote")
  void readOfAValueNeverWritten() {
    assertThat(registerStory(List.of(write(0, 1, 0, 1), read(1, 2, 2, 3))))
        .isEqualTo("Client 1 read() -> 2 [2, 3] saw 2, which no operation wrote.");
  }

  @Test
  @DisplayName("register: a read that returned before the write of its value was called")
  void readBeforeItsWrite() {
    assertThat(registerStory(List.of(write(0, 1, 10, 11), read(1, 1, 0, 5))))
        .isEqualTo("Client 1 read() -> 1 [0, 5] must take effect after client 0 write(1) [10, "
            + "11]: it saw the value that one wrote. But it returned before that one was called.");
  }

  @Test
  @DisplayName("register: two values that both had to stay in place over the same stretch")
  void overlappingValues() {
    var h = List.of(write(0, 1, 0, 1), write(1, 2, 2, 3), read(2, 1, 4, 5), read(3, 2, 6, 7));
    assertThat(registerStory(h)).isEqualTo("Value 1 had to stay in place from 1 (client 0 "
        + "write(1) [0, 1] had returned) until 4 (client 2 read() -> 1 [4, 5] was called and still "
        + "saw it), and value 2 had to stay in place from 3 (client 1 write(2) [2, 3] had "
        + "returned) until 6 (client 3 read() -> 2 [6, 7] was called and still saw it). The two "
        + "stretches overlap, but the register holds one value at a time and a value, once "
        + "replaced, is never written again.");
  }

  @Test
  @DisplayName("register: a write with no moment outside a value that had to stay in place")
  void writeInsideAnotherValue() {
    var h = List.of(write(0, 1, 0, 1), write(1, 2, 3, 4), read(2, 1, 10, 11));
    assertThat(registerStory(h)).isEqualTo("Every operation of value 2 ran across the stretch "
        + "from 3 to 4 (client 1 write(2) [3, 4]), but value 1 had to stay in place from 1 (client "
        + "0 write(1) [0, 1] had returned) until 10 (client 2 read() -> 1 [10, 11] was called and "
        + "still saw it), all around it: there is no moment left for value 2.");
    // The initial value is a value like the others: it must stay until its last read.
    assertThat(registerStory(List.of(write(0, 1, 0, 1), read(1, null, 10, 11))))
        .contains("the initial value nil had to stay in place from the start until 10");
  }

  @Test
  @DisplayName("register: two swaps from a value written once; a cycle of swaps")
  void impossibleSwaps() {
    var twice = List.of(write(0, 1, 0, 1), cas(1, 1, 2, true, 2, 3), cas(2, 1, 3, true, 4, 5));
    assertThat(registerStory(twice)).contains("both swapped from 1, but it is written only once");
    var cycle = List.of(cas(0, 1, 2, true, 0, 1), cas(1, 2, 1, true, 2, 3));
    assertThat(registerStory(cycle)).contains("a cycle of compare-and-swaps");
    var chain = List.of(write(0, 1, 0, 1), cas(1, 1, 2, true, 2, 3), read(2, 2, 4, 5),
        cas(3, 2, 3, true, 6, 7), read(4, 3, 8, 9));
    assertThat(Checker.check(RegisterModel.INSTANCE, chain, BUDGET).partitions().getFirst()
        .method()).isEqualTo("fast path: register with unique written values");
  }

  private static Operation<VersionedKvModel.Input, Reply> put(
      int client, String value, long version, Err err, long call, long ret) {
    return Operation.of(client, new Put("k", value, version), Reply.of(err), call, ret);
  }

  private static Operation<VersionedKvModel.Input, Reply> get(
      int client, String value, long version, long call, long ret) {
    Reply reply = version == 0 ? new Reply("", 0, Err.NO_KEY) : new Reply(value, version, Err.OK);
    return Operation.of(client, new Get("k"), reply, call, ret);
  }

  private static String versionedStory(List<Operation<VersionedKvModel.Input, Reply>> h) {
    return story(Checker.check(VersionedKvModel.INSTANCE, h, BUDGET),
        "fast path: versioned key/value");
  }

  @Test
  @DisplayName("versioned: one version, two values")
  void oneVersionTwoValues() {
    assertThat(versionedStory(List.of(put(0, "a", 0, Err.OK, 0, 1), get(1, "b", 1, 2, 3))))
        .contains("saw version 1 with another value than the one client 0 put(\"k\", \"a\", v0)");
    assertThat(versionedStory(List.of(put(0, "a", 0, Err.MAYBE, 0, 1), get(1, "a", 1, 2, 3),
        get(2, "b", 1, 4, 5)))).contains("both saw version 1, with different values");
    assertThat(versionedStory(List.of(put(0, "a", 0, Err.OK, 0, 1), put(1, "b", 0, Err.OK, 2, 3))))
        .contains("both succeeded with version 0, but only one put can replace a version");
  }

  @Test
  @DisplayName("versioned: a get that saw an older version after a newer one")
  void versionsNeverGoBack() {
    assertThat(versionedStory(List.of(put(0, "a", 0, Err.OK, 0, 1), get(1, "", 0, 2, 3))))
        .contains("Client 1 get(\"k\") -> NO_KEY [2, 3]", "still saw version 0, after every put that "
            + "could have created version 1 had returned");
    assertThat(versionedStory(List.of(put(0, "a", 0, Err.OK, 0, 10), get(1, "a", 1, 1, 2),
        get(2, "", 0, 5, 6)))).contains("still saw version 0 although client 1 get(\"k\") -> "
            + "\"a\" v1", "versions never go back");
  }

  @Test
  @DisplayName("versioned: a failed put while its version was current all along; a missing version")
  void failedPutsAndMissingVersions() {
    assertThat(versionedStory(List.of(put(0, "a", 0, Err.OK, 0, 1),
        put(1, "b", 1, Err.VERSION, 5, 6)))).contains("Client 1 put(\"k\", \"b\", v1) -> VERSION",
            "needed the key's version to differ from 1", "no put could have replaced it");
    assertThat(versionedStory(List.of(get(0, "a", 2, 0, 1))))
        .contains("needs version 1, but no put with version 0 could have created it");
    assertThat(versionedStory(List.of(Operation.of(0, new Get("k"), Reply.of(Err.VERSION), 0, 1))))
        .contains("is not a possible answer");
  }

  @Test
  @DisplayName("a put that may have applied (ErrMaybe) must apply if it ran at its version")
  void maybeMustApplyAtItsVersion() {
    // The ErrMaybe put ran while the version was 0, so it created version 1: the get of
    // version 0 after it returned is stale. Had the put never returned, it might not have run.
    var h = List.of(put(0, "a", 0, Err.MAYBE, 0, 1), get(1, "", 0, 2, 3));
    assertThat(versionedStory(h)).contains("still saw version 0, after every put that could "
        + "have created version 1 had returned");
    assertThat(BruteForce.linearizable(VersionedKvModel.INSTANCE, h)).isFalse();
    var pending = List.of(Operation.<VersionedKvModel.Input, Reply>pending(0, new Put("k", "a", 0),
        0), get(1, "", 0, 2, 3));
    assertThat(Checker.check(VersionedKvModel.INSTANCE, pending, BUDGET).verdict())
        .isEqualTo(Verdict.OK);
  }

  @Test
  @DisplayName("histories outside the fast paths go to the search, which says so")
  void othersGoToTheSearch() {
    var repeated = List.of(write(0, 1, 0, 1), write(1, 1, 2, 3), read(2, 1, 4, 5));
    var failedOnWritten = List.of(write(0, 1, 0, 1), cas(1, 1, 2, false, 2, 3));
    for (var h : List.of(repeated, failedOnWritten)) {
      var result = Checker.check(RegisterModel.INSTANCE, h, BUDGET);
      assertThat(result.partitions().getFirst().method()).isEqualTo(PartitionResult.SEARCH);
      assertThat(result.describe()).contains("by the search");
    }
    List<Operation<KvModel.Input, String>> append = List.of(
        Operation.of(0, new KvModel.Append("k", "x"), null, 0, 1),
        Operation.of(1, new KvModel.Append("k", "x"), null, 0, 1),
        Operation.of(2, new KvModel.Get("k"), "xx", 2, 3));
    assertThat(Checker.check(KvModel.INSTANCE, append, BUDGET).partitions().getFirst().method())
        .isEqualTo(PartitionResult.SEARCH);
    // With the fast paths off, even a history they cover is searched.
    var unique = List.of(write(0, 1, 0, 1), read(1, 1, 2, 3));
    assertThat(Checker.check(RegisterModel.INSTANCE, unique, BUDGET.withFastPaths(false))
        .partitions().getFirst().method()).isEqualTo(PartitionResult.SEARCH);
  }

  @Test
  @DisplayName("a fast path's refutation draws in the viewer: its prefix, blocked operation, story")
  void refutationInTheViewer() {
    var h = List.of(write(0, 1, 0, 1), write(1, 2, 2, 3), read(2, 1, 4, 5), read(3, 2, 6, 7));
    var result = Checker.check(RegisterModel.INSTANCE, h, BUDGET);
    PartitionResult p = result.partitions().getFirst();
    PartialLinearization prefix = p.longestPrefix().orElseThrow();
    assertThat(prefix.order()).isNotEmpty();
    assertThat(result.statesAlong(prefix)).hasSize(prefix.length());
    String page = HistoryViewer.render(result, "overlap", List.of());
    assertThat(page).contains("\"verdict\":\"ILLEGAL\"", "The two stretches overlap");
  }
}
