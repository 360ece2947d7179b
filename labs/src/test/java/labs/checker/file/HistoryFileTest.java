package labs.checker.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import labs.checker.Model;
import labs.checker.Operation;
import labs.checker.TestHistories;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Reply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The history file format: what is written reads back as the same history. */
class HistoryFileTest {

  @Test
  @DisplayName("generated histories of each model survive a write and a read, operation for operation")
  void roundTrip() {
    for (long seed = 0; seed < 20; seed++) {
      roundTrip(RegisterModel.INSTANCE, TestHistories.register(new Random(seed)));
      roundTrip(KvModel.INSTANCE, TestHistories.kv(new Random(seed)));
      roundTrip(VersionedKvModel.INSTANCE, TestHistories.versioned(new Random(seed)));
    }
  }

  private static <I, O> void roundTrip(Model<?, I, O> model, List<Operation<I, O>> ops) {
    String text = HistoryFile.write(model, ops);
    HistoryFile.Contents<?, ?> back = HistoryFile.read(text, null);
    assertThat(back.model()).isSameAs(model);
    assertThat(back.operations()).as(text).isEqualTo(ops);
  }

  @Test
  @DisplayName("strings with blanks, quotes, backslashes, newlines, or that read as keywords, are quoted")
  void awkwardStrings() {
    List<String> values = List.of("", "two words", "say \"hi\"", "back\\slash", "line\nbreak",
        "tab\there", "unknown", "->", "never", "# not a comment");
    List<Operation<VersionedKvModel.Input, Reply>> ops = new java.util.ArrayList<>();
    int t = 0;
    for (String v : values) {
      ops.add(Operation.of(1, new VersionedKvModel.Put(v, v, 0), Reply.of(Err.OK), t, t + 1));
      ops.add(Operation.of(2, new VersionedKvModel.Get(v), new Reply(v, 1, Err.OK), t + 2, t + 3));
      t += 4;
    }
    roundTrip(VersionedKvModel.INSTANCE, ops);
  }

  @Test
  @DisplayName("the written file reads well: a model line, one operation per line")
  void writtenForm() {
    List<Operation<KvModel.Input, String>> ops = List.of(
        Operation.of(1, new KvModel.Put("k", "v"), null, 0, 10),
        Operation.of(2, new KvModel.Get("k"), "v", 3, 12),
        Operation.pending(3, new KvModel.Append("k", "w"), 4));
    assertThat(HistoryFile.write(KvModel.INSTANCE, ops)).endsWith("""
        model kv
        # client call return operation -> output
        1 0 10 put "k" "v" -> ok
        2 3 12 get "k" -> "v"
        3 4 never append "k" "w" -> unknown
        """);
  }

  @Test
  @DisplayName("keywords are case-insensitive unless quoted; ErrNoKey and NO_KEY both read")
  void keywords() {
    var contents = HistoryFile.read("""
        MODEL versioned-kv
        1 0 1 put k v 0 -> ok
        2 2 3 get k -> v 1
        3 4 5 get other -> NO_KEY
        4 6 NEVER put k w 1 -> Unknown
        """, null);
    assertThat(contents.operations()).hasSize(4);
    assertThat(contents.lines()).containsExactly(2, 3, 4, 5);
    assertThatThrownBy(() -> HistoryFile.read("model register\n1 0 1 read -> \"nil\"\n", null))
        .hasMessage("line 2: value read \"nil\" is not a whole number");
  }

  @Test
  @DisplayName("only the three models with a syntax can be written")
  void otherModelsCannotBeWritten() {
    Model<String, String, String> custom = new Model<>() {
      @Override
      public String init() {
        return "";
      }

      @Override
      public String step(String state, String input, String output) {
        return state;
      }
    };
    assertThatThrownBy(() -> HistoryFile.write(custom, List.of()))
        .hasMessageContaining("covers RegisterModel, KvModel and VersionedKvModel");
  }
}
