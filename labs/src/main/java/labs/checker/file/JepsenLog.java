package labs.checker.file;

import java.util.List;
import java.util.OptionalInt;
import labs.checker.Event;
import labs.checker.file.EventLog.Open;
import labs.checker.models.RegisterModel;
import labs.checker.models.RegisterModel.Cas;
import labs.checker.models.RegisterModel.CasResult;
import labs.checker.models.RegisterModel.Input;
import labs.checker.models.RegisterModel.Output;
import labs.checker.models.RegisterModel.Read;
import labs.checker.models.RegisterModel.ReadResult;
import labs.checker.models.RegisterModel.Write;
import labs.checker.models.RegisterModel.WriteResult;

/**
 * A Jepsen etcd log ({@code INFO  jepsen.util - <process> :<type> :<f> <value>}, fields separated
 * by blanks) as an event history for {@link RegisterModel}, with Porcupine's semantics: line order
 * is time; {@code :invoke} opens an operation; the next {@code :ok} or {@code :fail} of the same
 * process closes it ({@code :fail :cas}: the comparison failed; {@code :fail :read}: no answer);
 * {@code :info} lines leave it open, so it never returns (it may take effect after its call, or
 * never). A return must name the operation (and for a write or swap, the value) of its call.
 */
public final class JepsenLog {
  private static final String PREFIX = "INFO  jepsen.util - ";

  private JepsenLog() {}

  /** Parses a log; throws {@link HistoryFormatException} listing every malformed line. */
  public static List<Event<Input, Output>> parse(String text) {
    return log(text).events();
  }

  static HistoryFile.Contents<Input, Output> read(String text) {
    return log(text).contents("register", RegisterModel.INSTANCE);
  }

  private static EventLog<Input, Output> log(String text) {
    return EventLog.read(text, (log, line, row) -> {
      if (!row.startsWith(PREFIX)) {
        throw new Tokens.Bad("not a Jepsen log line: it should start with \"" + PREFIX + "\"");
      }
      String[] f = row.substring(PREFIX.length()).strip().split("\\s+", 4);
      if (f.length < 4) {
        throw new Tokens.Bad("expected PROCESS :TYPE :F VALUE after the prefix, but the line "
            + "ends after " + f.length + (f.length == 1 ? " field" : " fields"));
      }
      event(log, line, f);
    });
  }

  private static void event(EventLog<Input, Output> log, int line, String[] f) throws Tokens.Bad {
    int process = Syntax.integer(new Tokens.Token(f[0], false), "process");
    String type = f[1];
    String fn = f[2];
    String value = f[3].strip();
    if (!List.of(":read", ":write", ":cas").contains(fn)) {
      throw new Tokens.Bad("unknown operation " + fn + ": expected :read, :write or :cas");
    }
    switch (type) {
      case ":invoke" -> log.call(line, process, input(fn, value));
      case ":ok", ":fail" -> {
        Open<Input> open = log.opened(line, process, "returns (" + type + ")");
        if (open == null) {
          return;
        }
        Input input = input(fn, fn.equals(":read") ? "nil" : value);
        if (!sameCall(open.input(), input)) {
          throw new Tokens.Bad("process " + process + " returns " + fn + " " + value
              + " but its open call on line " + open.line() + " is " + show(open.input())
              + ": a return must repeat its call's operation");
        }
        log.ret(process, output(type, open.input(), value));
      }
      case ":info" -> {
        // Indeterminate: the operation stays open (it never returns) to the end of the history.
      }
      default -> throw new Tokens.Bad("unknown type " + type
          + ": expected :invoke, :ok, :fail or :info");
    }
  }

  private static boolean sameCall(Input called, Input returned) {
    return called instanceof Read ? returned instanceof Read : called.equals(returned);
  }

  private static String show(Input input) {
    return switch (input) {
      case Read r -> ":read";
      case Write w -> ":write " + w.value();
      case Cas c -> ":cas [" + c.expected() + " " + c.update() + "]";
    };
  }

  private static Input input(String fn, String value) throws Tokens.Bad {
    return switch (fn) {
      case ":read" -> new Read();
      case ":write" -> new Write(Syntax.integer(new Tokens.Token(value, false), "written value"));
      default -> {
        if (!value.startsWith("[") || !value.endsWith("]")) {
          throw new Tokens.Bad("a :cas value is [EXPECTED NEW], not " + value);
        }
        String[] ab = value.substring(1, value.length() - 1).strip().split("\\s+");
        if (ab.length != 2) {
          throw new Tokens.Bad("a :cas value is [EXPECTED NEW], not " + value);
        }
        yield new Cas(Syntax.integer(new Tokens.Token(ab[0], false), "expected value"),
            Syntax.integer(new Tokens.Token(ab[1], false), "new value"));
      }
    };
  }

  private static Output output(String type, Input input, String value) throws Tokens.Bad {
    boolean ok = type.equals(":ok");
    return switch (input) {
      case Read r -> !ok ? null : new ReadResult(value.equals("nil") ? OptionalInt.empty()
          : OptionalInt.of(Syntax.integer(new Tokens.Token(value, false), "value read")));
      case Write w -> {
        if (!ok) {
          throw new Tokens.Bad("a write cannot :fail in this log format (only :ok or :info)");
        }
        yield new WriteResult();
      }
      case Cas c -> new CasResult(ok);
    };
  }
}
