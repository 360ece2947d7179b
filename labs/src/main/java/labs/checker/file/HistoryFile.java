package labs.checker.file;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labs.checker.Model;
import labs.checker.Operation;
import labs.checker.file.Tokens.Bad;
import labs.checker.file.Tokens.Token;

/**
 * The history file format: one operation per line, for histories recorded outside the tests (or
 * saved by them) and checked with {@link HistoryTool}.
 *
 * <pre>
 * # A register history. Lines starting with # are comments; blank lines are ignored.
 * model register
 * # client  call  return  operation         -&gt; output
 *   1       0     10      write 5           -&gt; ok
 *   2       3     12      read              -&gt; 5
 *   3       4     never   cas 5 6           -&gt; unknown
 * </pre>
 *
 * <p>The first line that is not a comment names the model: {@code model register} (read, write,
 * cas of integers; {@code nil} is the empty register), {@code model kv} (get, put, append of
 * strings) or {@code model versioned-kv} (get, put with a version). Each other line is one
 * operation: the client (a whole number; a client runs one operation at a time), the call time,
 * the return time or {@code never} (the client crashed or gave up), the operation and its
 * arguments, {@code ->}, and the output, or {@code unknown} when the client got no answer (always
 * for an operation that never returned). Times are whole numbers on any one clock; a call and a
 * return at the same time count as concurrent. Fields are separated by blanks; a string with
 * blanks (or an empty one, or one that reads like a keyword) goes in double quotes, with {@code
 * \"}, {@code \\}, {@code \n} and {@code \t} as escapes.
 *
 * <table>
 *   <caption>Operations and outputs per model</caption>
 *   <tr><th>model</th><th>operation</th><th>output</th></tr>
 *   <tr><td>register</td><td>{@code read}</td><td>the value, or {@code nil}</td></tr>
 *   <tr><td></td><td>{@code write V}</td><td>{@code ok}</td></tr>
 *   <tr><td></td><td>{@code cas EXPECTED NEW}</td><td>{@code ok} (swapped) or {@code fail}</td></tr>
 *   <tr><td>kv</td><td>{@code get KEY}</td><td>the value ({@code ""} for a missing key)</td></tr>
 *   <tr><td></td><td>{@code put KEY VALUE}, {@code append KEY VALUE}</td><td>{@code ok}</td></tr>
 *   <tr><td>versioned-kv</td><td>{@code get KEY}</td><td>{@code VALUE VERSION}, or
 *       {@code ErrNoKey}</td></tr>
 *   <tr><td></td><td>{@code put KEY VALUE VERSION}</td><td>{@code OK}, {@code ErrNoKey},
 *       {@code ErrVersion} or {@code ErrMaybe}</td></tr>
 * </table>
 *
 * <p>A malformed file is rejected as a whole with one {@link Problem} per bad line, each naming
 * the line and what to change ({@link HistoryFormatException}).
 */
public final class HistoryFile {
  private static final String USAGE = "CLIENT CALL RETURN OPERATION [ARGUMENTS] -> OUTPUT";

  private HistoryFile() {}

  /**
   * A history read from a file.
   *
   * @param modelName the name in the file (register, kv, versioned-kv)
   * @param lines the line of each operation
   */
  public record Contents<I, O>(
      String modelName, Model<?, I, O> model, List<Operation<I, O>> operations, List<Integer> lines) {}

  /**
   * Reads a history file.
   *
   * @param modelName the model to assume if the file does not name one, or null
   * @throws HistoryFormatException listing every malformed line
   */
  public static Contents<?, ?> read(String text, String modelName) {
    List<Problem> problems = new ArrayList<>();
    Syntax<?, ?> given = null;
    if (modelName != null) {
      given = Syntax.named(modelName);
      if (given == null) {
        throw new IllegalArgumentException(
            "unknown model \"" + modelName + "\": use " + Syntax.names());
      }
    }
    return parse(text.split("\r?\n", -1), given, problems);
  }

  private static Contents<?, ?> parse(String[] lines, Syntax<?, ?> given, List<Problem> problems) {
    Syntax<?, ?> syntax = given;
    int modelLine = 0;
    List<Integer> opLines = new ArrayList<>();
    List<List<Token>> opTokens = new ArrayList<>();
    for (int k = 0; k < lines.length; k++) {
      int line = k + 1;
      String text = lines[k].strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      List<Token> tokens;
      try {
        tokens = Tokens.split(text);
      } catch (Bad e) {
        problems.add(new Problem(line, e.getMessage()));
        continue;
      }
      if (tokens.getFirst().is("model")) {
        if (tokens.size() != 2) {
          problems.add(new Problem(line, "write the model line as: model " + Syntax.names()));
        } else if (modelLine > 0) {
          problems.add(new Problem(line, "a second model line (the first is line " + modelLine
              + "): a file holds one model's history"));
        } else if (!opLines.isEmpty()) {
          problems.add(new Problem(line, "the model line must come before the operations"));
          modelLine = line;
        } else {
          modelLine = line;
          Syntax<?, ?> named = Syntax.named(tokens.get(1).text());
          if (named == null) {
            problems.add(new Problem(line, "unknown model " + tokens.get(1).shown() + ": use "
                + Syntax.names()));
          } else if (given != null && named != given) {
            problems.add(new Problem(line, "the file says model " + named.name()
                + " but the command line says " + given.name() + ": drop one of them"));
          } else {
            syntax = named;
          }
        }
        continue;
      }
      opLines.add(line);
      opTokens.add(tokens);
    }
    if (syntax == null) {
      if (modelLine == 0) {
        problems.add(new Problem(opLines.isEmpty() ? 1 : opLines.getFirst(), "the history does "
            + "not name its model before its first operation: start it with a line 'model "
            + "register', 'model kv' or 'model versioned-kv' (or pass --model)"));
      }
      throw failure(problems);
    }
    return operations(syntax, opLines, opTokens, problems);
  }

  private static <I, O> Contents<I, O> operations(Syntax<I, O> syntax, List<Integer> lines,
      List<List<Token>> tokens, List<Problem> problems) {
    List<Operation<I, O>> ops = new ArrayList<>();
    List<Integer> opLines = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      try {
        ops.add(operation(syntax, tokens.get(k)));
        opLines.add(lines.get(k));
      } catch (Bad e) {
        problems.add(new Problem(lines.get(k), e.getMessage()));
      }
    }
    problems.addAll(overlappingClients(ops, opLines));
    if (!problems.isEmpty()) {
      throw failure(problems);
    }
    return new Contents<>(syntax.name(), syntax.model(), ops, opLines);
  }

  private static <I, O> Operation<I, O> operation(Syntax<I, O> syntax, List<Token> tokens)
      throws Bad {
    int arrow = 0;
    while (arrow < tokens.size() && !tokens.get(arrow).is("->")) {
      arrow++;
    }
    if (arrow == tokens.size()) {
      throw new Bad(tokens.size() < 4 ? "expected " + USAGE + ", but the line ends after "
          + tokens.size() + (tokens.size() == 1 ? " field" : " fields")
          : "no -> before the output: write " + USAGE + " (the output may be unknown)");
    }
    if (arrow < 4) {
      throw new Bad("expected " + USAGE + ", but there are only " + arrow
          + (arrow == 1 ? " field" : " fields") + " before ->");
    }
    if (arrow == tokens.size() - 1) {
      throw new Bad("nothing after ->: write the output, or unknown if there was no answer");
    }
    int client = Syntax.integer(tokens.get(0), "client");
    long call = Syntax.number(tokens.get(1), "call time");
    Token returned = tokens.get(2);
    long ret = returned.is("never") ? Operation.NEVER
        : Syntax.number(returned, "return time (or never)");
    if (ret < call) {
      throw new Bad("returns at " + ret + ", before its call at " + call
          + ": write the return time after the call time");
    }
    I input = syntax.input(tokens.get(3).text(), tokens.subList(4, arrow));
    List<Token> outFields = tokens.subList(arrow + 1, tokens.size());
    boolean unknown = outFields.size() == 1 && outFields.getFirst().is("unknown");
    if (ret == Operation.NEVER && !unknown) {
      throw new Bad("the operation never returned, so its output must be unknown, not "
          + String.join(" ", outFields.stream().map(Token::shown).toList()));
    }
    O output = unknown ? null : syntax.output(input, outFields);
    return new Operation<>(call, ret, client, input, output);
  }

  /** A client runs one operation at a time, and nothing after one that never returned. */
  private static List<Problem> overlappingClients(
      List<? extends Operation<?, ?>> ops, List<Integer> lines) {
    Map<Integer, List<Integer>> byClient = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      byClient.computeIfAbsent(ops.get(i).client(), c -> new ArrayList<>()).add(i);
    }
    List<Problem> problems = new ArrayList<>();
    for (List<Integer> mine : byClient.values()) {
      mine.sort(Comparator.<Integer>comparingLong(i -> ops.get(i).call())
          .thenComparingInt(lines::get));
      for (int k = 1; k < mine.size(); k++) {
        Operation<?, ?> before = ops.get(mine.get(k - 1));
        Operation<?, ?> next = ops.get(mine.get(k));
        int line = lines.get(mine.get(k));
        int beforeLine = lines.get(mine.get(k - 1));
        if (!before.isComplete()) {
          problems.add(new Problem(line, "client " + next.client() + " calls at " + next.call()
              + " after its operation on line " + beforeLine + " never returned: a client that "
              + "crashed runs nothing more; give later operations a new client number"));
        } else if (next.call() < before.ret()) {
          problems.add(new Problem(line, "client " + next.client() + " calls at " + next.call()
              + " while its operation on line " + beforeLine + " (called at " + before.call()
              + ", returning at " + before.ret() + ") is still running: a client runs one "
              + "operation at a time; give concurrent operations different client numbers"));
        }
      }
    }
    return problems;
  }

  private static HistoryFormatException failure(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(Problem::line));
    return new HistoryFormatException(sorted);
  }

  /**
   * Writes a history in this format.
   *
   * @throws IllegalArgumentException if the model is not one the format covers
   */
  public static <I, O> String write(Model<?, I, O> model, List<Operation<I, O>> ops) {
    Syntax<I, O> syntax = syntaxOf(model);
    StringBuilder out = new StringBuilder();
    out.append("# A history for labs.checker: one operation per line (format: HistoryFile).\n")
        .append("model ").append(syntax.name()).append('\n')
        .append("# client call return operation -> output\n");
    for (Operation<I, O> op : ops) {
      out.append(op.client()).append(' ').append(op.call()).append(' ')
          .append(op.isComplete() ? Long.toString(op.ret()) : "never").append(' ')
          .append(syntax.format(op.input())).append(" -> ")
          .append(op.output() != null ? syntax.format(op.input(), op.output())
              : op.isComplete() ? syntax.unanswered(op.input()) : "unknown")
          .append('\n');
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static <I, O> Syntax<I, O> syntaxOf(Model<?, I, O> model) {
    for (Syntax<?, ?> s : Syntax.ALL) {
      if (s.model() == model) {
        return (Syntax<I, O>) s;
      }
    }
    throw new IllegalArgumentException("the history file format covers RegisterModel, KvModel "
        + "and VersionedKvModel, not " + model.getClass().getSimpleName());
  }
}
