package labs.checker.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history tool as a user runs it: verdicts and exit codes (0 linearizable, 1 not, 2 bad
 * input, 3 undecided), the viewer page, and for every kind of malformed line exactly one line of
 * error output naming the line number and what is wrong.
 */
class HistoryToolTest {
  @TempDir
  Path dir;

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HistoryTool.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static final String GOOD = """
      # Two clients on a versioned key; the third crashed before its put returned.
      model versioned-kv
      1  0   10    put "x" "one" 0   -> OK
      2  3   12    get "x"           -> "one" 1
      3  5   never put "x" "two" 1   -> unknown
      2  20  30    get "x"           -> "two" 2
      """;

  @Test
  @DisplayName("check: linearizable exits 0, not linearizable exits 1 with the story")
  void verdictsAndExitCodes() throws IOException {
    Run ok = run("check", file("ok.txt", GOOD).toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).startsWith("Linearizability: OK, 4 operations")
        .contains("fast path: versioned key/value");
    assertThat(ok.err()).isEmpty();
    Run bad = run("check", file("bad.txt", GOOD.replace("\"two\" 2", "ErrNoKey")).toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("ILLEGAL", "Why: Client 2 get(\"x\") -> NO_KEY [20, 30] still "
        + "saw version 0");
  }

  @Test
  @DisplayName("check: a spent step budget exits 3 (undecided, never a pass)")
  void undecidedExitsThree() throws IOException {
    // Every client appends the same string, so the append path steps aside, and the search
    // needs far more than 1,000 steps (it tries the 4,096 sets of appends before the get).
    StringBuilder text = new StringBuilder("model kv\n");
    for (int c = 0; c < 12; c++) {
      text.append(c).append(" 0 100 append \"k\" \"x\" -> ok\n");
    }
    text.append("99 200 300 get \"k\" -> \"nope\"\n");
    Run run = run("check", "--steps", "1000", file("hard.txt", text.toString()).toString());
    assertThat(run.code()).as(run.out()).isEqualTo(3);
    assertThat(run.out()).contains("UNKNOWN (this is not a pass)", "step budget of 1000 steps");
  }

  @Test
  @DisplayName("view: writes the page next to the file (or where -o says) and prints its address")
  void viewWritesThePage() throws IOException {
    Path history = file("story.txt", GOOD);
    Run run = run("view", history.toString());
    assertThat(run.code()).isZero();
    Path page = dir.resolve("story.html");
    assertThat(run.out()).contains("History viewer: " + page.toUri());
    assertThat(Files.readString(page)).contains("\"verdict\":\"OK\"");
    Path elsewhere = dir.resolve("sub").resolve("p.html");
    assertThat(run("view", history.toString(), "-o", elsewhere.toString()).code()).isZero();
    assertThat(elsewhere).exists();
  }

  @Test
  @DisplayName("other formats: a Jepsen log and a Porcupine key/value log")
  void eventLogFormats() throws IOException {
    Path jepsen = file("j.log", """
        INFO  jepsen.util - 0\t:invoke\t:write\t1
        INFO  jepsen.util - 0\t:ok\t:write\t1
        INFO  jepsen.util - 1\t:invoke\t:read\tnil
        INFO  jepsen.util - 1\t:ok\t:read\t1
        """);
    assertThat(run("check", "--format", "jepsen", jepsen.toString()).code()).isZero();
    Path kv = file("kv.txt", """
        {:process 0, :type :invoke, :f :put, :key "a", :value "x"}
        {:process 0, :type :ok, :f :put, :key "a", :value "x"}
        {:process 1, :type :invoke, :f :get, :key "a", :value nil}
        {:process 1, :type :ok, :f :get, :key "a", :value "y"}
        """);
    assertThat(run("check", "--format", "porcupine-kv", kv.toString()).code()).isEqualTo(1);
  }

  @Test
  @DisplayName("bad command lines and missing files exit 2 with one clear line")
  void badInvocations() throws IOException {
    Run missing = run("check", dir.resolve("nope.txt").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("history: no such file: " + dir.resolve("nope.txt"));
    Run model = run("check", "--model", "stack", file("m.txt", "1 0 1 read -> 5\n").toString());
    assertThat(model.code()).isEqualTo(2);
    assertThat(model.err().strip()).isEqualTo(
        "history: unknown model \"stack\": use register, kv or versioned-kv");
    Run format = run("check", "--format", "csv", file("f.txt", GOOD).toString());
    assertThat(format.err().strip()).contains("unknown format \"csv\"");
    assertThat(run("check", "--format", "jepsen", "--model", "kv", file("j.log", "").toString())
        .err()).contains("--model is for the ops format");
    assertThat(run("check", "--timeout", "soon", file("t.txt", GOOD).toString()).code())
        .isEqualTo(2);
    assertThat(run("frobnicate").code()).isEqualTo(2);
    assertThat(run("check", "--model", "register", file("r.txt", "1 0 1 read -> nil\n").toString())
        .code()).as("a model given on the command line instead of a model line").isZero();
  }

  static Stream<Arguments> malformed() {
    String reg = "model register\n1 0 1 write 1 -> ok\n";
    String kv = "model versioned-kv\n1 0 1 put \"k\" \"v\" 0 -> OK\n";
    return Stream.of(
        // format, text, line, fragment
        Arguments.of("ops", reg + "2 5\n", 3, "but the line ends after 2 fields"),
        Arguments.of("ops", reg + "c2 5 6 read -> 1\n", 3, "client \"c2\" is not a whole number"),
        Arguments.of("ops", reg + "2 5x 6 read -> 1\n", 3, "call time \"5x\" is not a whole number"),
        Arguments.of("ops", reg + "2 5 soon read -> 1\n", 3,
            "return time (or never) \"soon\" is not a whole number"),
        Arguments.of("ops", reg + "2 5 4 read -> 1\n", 3, "returns at 4, before its call at 5"),
        Arguments.of("ops", reg + "2 5 6 read 1\n", 3, "no -> before the output"),
        Arguments.of("ops", reg + "2 5 6 read ->\n", 3, "nothing after ->"),
        Arguments.of("ops", reg + "2 5 -> ok\n", 3, "only 2 fields before ->"),
        Arguments.of("ops", reg + "2 5 6 rread -> 1\n", 3,
            "unknown operation \"rread\" for model register: use read, write or cas"),
        Arguments.of("ops", reg + "2 5 6 cas 1 -> ok\n", 3,
            "cas takes 2 arguments (EXPECTED NEW), got 1"),
        Arguments.of("ops", reg + "2 5 6 write one -> ok\n", 3, "value \"one\" is not a whole number"),
        Arguments.of("ops", reg + "2 5 6 cas 1 2 -> maybe\n", 3,
            "cas answers ok, fail or unknown, not \"maybe\""),
        Arguments.of("ops", reg + "2 5 never write 2 -> ok\n", 3,
            "never returned, so its output must be unknown, not \"ok\""),
        Arguments.of("ops", kv + "2 5 6 get \"k -> ErrNoKey\n", 3, "a quoted string is not closed"),
        Arguments.of("ops", kv + "2 5 6 get \"k\\q\" -> ErrNoKey\n", 3, "unknown escape \\q"),
        Arguments.of("ops", kv + "2 5 6 put \"k\" \"w\" x -> OK\n", 3,
            "version \"x\" is not a whole number"),
        Arguments.of("ops", kv + "2 5 6 get \"k\" -> \"v\"\n", 3,
            "get answers VALUE VERSION, ErrNoKey or unknown, got 1 field after ->"),
        Arguments.of("ops", kv + "2 5 6 put \"k\" \"w\" 1 -> Done\n", 3,
            "put answers OK, ErrNoKey, ErrVersion, ErrMaybe or unknown, not \"Done\""),
        Arguments.of("ops", reg + "2 5 9 read -> 1\n2 7 8 read -> 1\n", 4,
            "client 2 calls at 7 while its operation on line 3 (called at 5, returning at 9) is "
                + "still running"),
        Arguments.of("ops", reg + "2 5 never write 2 -> unknown\n2 7 8 read -> 1\n", 4,
            "client 2 calls at 7 after its operation on line 3 never returned"),
        Arguments.of("ops", "model stack\n1 0 1 push 1 -> ok\n", 1,
            "unknown model \"stack\": use register, kv or versioned-kv"),
        Arguments.of("ops", "# no model line\n1 0 1 read -> 5\n", 2,
            "does not name its model before its first operation"),
        Arguments.of("ops", "1 0 1 read -> 5\nmodel register\n", 2,
            "the model line must come before the operations"),
        Arguments.of("ops", "model kv\nmodel kv\n", 2, "a second model line (the first is line 1)"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:invoke\t:write\t1\n"
            + "INFO  jepsen.util - 0\t:ok\n", 2, "ends after 2 fields"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:invoke\t:write\tone\n", 1,
            "written value \"one\" is not a whole number"),
        Arguments.of("jepsen", "INFO  jepsen.util - x\t:invoke\t:read\tnil\n", 1,
            "process \"x\" is not a whole number"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
            + "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n", 2,
            "process 0 calls again while its operation from line 1 is still open"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
            + "INFO  jepsen.util - 0\t:ok\t:write\t3\n", 2,
            "process 0 returns :write 3 but its open call on line 1 is :read"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:invoke\t:write\t1\n"
            + "INFO  jepsen.util - 0\t:ok\t:write\t2\n", 2,
            "returns :write 2 but its open call on line 1 is :write 1"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:invoke\t:cas\t[1 2\n", 1,
            "a :cas value is [EXPECTED NEW], not [1 2"),
        Arguments.of("jepsen", "INFO  jepsen.util - 0\t:ok\t:read\t1\n", 1,
            "process 0 returns (:ok) with no operation open"),
        Arguments.of("porcupine-kv", "{:process 0, :type :invoke, :f :get, :key \"a\", :value nil}\n"
            + "{:process 0, :type :ok, :f :get, :key \"b\", :value \"x\"}\n", 2,
            "process 0 returns :get on key \"b\" but its open call on line 1 is :get on key \"a\""),
        Arguments.of("porcupine-kv", "{:process 0, :type :invoke, :f :get, :key \"a\", :value nil}\n"
            + "{:process 0, :type :ok, :f :put, :key \"a\", :value \"x\"}\n", 2,
            "returns :put on key \"a\" but its open call on line 1 is :get"),
        Arguments.of("porcupine-kv", "{:process 0, :type :invoke, :f :get, :key \"a\", :value nil}\n"
            + "{:process 0, :type :invoke, :f :get, :key \"a\", :value nil}\n", 2,
            "process 0 calls again while its operation from line 1 is still open"),
        Arguments.of("porcupine-kv", "{:process one, :type :invoke, :f :get, :key \"a\", :value nil}\n",
            1, "process \"one\" is not a whole number"),
        Arguments.of("porcupine-kv", "{:process 0, :type :invoke, :f :get}\n", 1,
            "not a Porcupine kv event"));
  }

  @ParameterizedTest(name = "{0} line {2}: {3}")
  @MethodSource("malformed")
  @DisplayName("each malformed line: exit 2 and one line naming it")
  void malformedLine(String format, String text, int line, String fragment) throws IOException {
    Path history = file("h.txt", text);
    Run run = run("check", "--format", format, history.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).as(run.err()).hasSize(1).first().asString()
        .startsWith(history + ": line " + line + ": ").contains(fragment);
  }

  @Test
  @DisplayName("a file with many bad lines lists each one (up to 20, then how many more)")
  void manyProblems() throws IOException {
    StringBuilder text = new StringBuilder("model register\n");
    for (int i = 0; i < 25; i++) {
      text.append(i).append(" 0 1 read -> x\n");
    }
    Run run = run("check", file("many.txt", text.toString()).toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(21).last().asString()
        .endsWith(": ... and 5 more problems");
  }
}
