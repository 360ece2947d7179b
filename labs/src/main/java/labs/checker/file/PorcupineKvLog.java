package labs.checker.file;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.checker.Event;
import labs.checker.file.EventLog.Open;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Append;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.checker.models.KvModel.Put;

/**
 * Porcupine's key/value histories (one EDN map a line: {@code {:process P, :type :invoke, :f
 * :get, :key "k", :value nil}}) as an event history for {@link KvModel}: line order is time,
 * {@code :invoke} opens an operation, {@code :ok} by the same process closes it, naming the same
 * operation and key; a get's output is the value read, put and append outputs (echoes of the
 * argument) are dropped.
 */
public final class PorcupineKvLog {
  private static final Pattern LINE = Pattern.compile(
      "\\{:process (\\S+), :type :(\\S+), :f :(\\S+), :key \"([^\"]*)\", "
          + ":value (?:(nil)|\"([^\"]*)\")}");

  private PorcupineKvLog() {}

  /** Parses a log; throws {@link HistoryFormatException} listing every malformed line. */
  public static List<Event<Input, String>> parse(String text) {
    return log(text).events();
  }

  static HistoryFile.Contents<Input, String> read(String text) {
    return log(text).contents("kv", KvModel.INSTANCE);
  }

  private static EventLog<Input, String> log(String text) {
    return EventLog.read(text, (log, line, row) -> {
      Matcher m = LINE.matcher(row.strip());
      if (!m.matches()) {
        throw new Tokens.Bad("not a Porcupine kv event: expected {:process P, :type :invoke or "
            + ":ok, :f :get, :put or :append, :key \"K\", :value nil or \"V\"}");
      }
      event(log, line, m);
    });
  }

  private static void event(EventLog<Input, String> log, int line, Matcher m) throws Tokens.Bad {
    int process = Syntax.integer(new Tokens.Token(m.group(1), false), "process");
    String type = m.group(2);
    String f = m.group(3);
    String key = m.group(4);
    String value = m.group(5) != null ? null : m.group(6);
    if (!List.of("get", "put", "append").contains(f)) {
      throw new Tokens.Bad("unknown operation :" + f + ": expected :get, :put or :append");
    }
    switch (type) {
      case "invoke" -> {
        if (!f.equals("get") && value == null) {
          throw new Tokens.Bad("a :" + f + " needs a value (a string), not nil");
        }
        log.call(line, process, switch (f) {
          case "get" -> new Get(key);
          case "put" -> new Put(key, value);
          default -> new Append(key, value);
        });
      }
      case "ok" -> {
        Open<Input> open = log.opened(line, process, "returns");
        if (open == null) {
          return;
        }
        String called = name(open.input());
        if (!called.equals(f) || !open.input().key().equals(key)) {
          throw new Tokens.Bad("process " + process + " returns :" + f + " on key \"" + key
              + "\" but its open call on line " + open.line() + " is :" + called + " on key \""
              + open.input().key() + "\": a return must name its call's operation and key");
        }
        log.ret(process, f.equals("get") ? value : null); // a get that read nil: no answer
      }
      default -> throw new Tokens.Bad("unknown type :" + type + ": expected :invoke or :ok");
    }
  }

  private static String name(Input input) {
    return switch (input) {
      case Get g -> "get";
      case Put p -> "put";
      case Append a -> "append";
    };
  }
}
