package labs.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Append;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.checker.models.KvModel.Put;

/**
 * Parses Porcupine's key/value histories (one EDN map a line: {@code {:process P, :type :invoke,
 * :f :get, :key "k", :value nil}}) into an event history for {@link KvModel}: line order is
 * time, {@code :invoke} opens an operation, {@code :ok} by the same process closes it; a get's
 * output is the value read, put and append outputs (echoes of the argument) are dropped.
 */
final class KvLog {
  private static final Pattern LINE = Pattern.compile(
      "\\{:process (\\d+), :type :(invoke|ok), :f :(get|put|append), :key \"([^\"]*)\", "
          + ":value (?:nil|\"([^\"]*)\")}");

  private KvLog() {}

  static List<Event<Input, String>> parse(String text) {
    List<Event<Input, String>> events = new ArrayList<>();
    Map<Integer, Integer> open = new HashMap<>();
    int nextId = 0;
    int lineNo = 0;
    for (String line : text.lines().toList()) {
      lineNo++;
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("line " + lineNo + " is not a kv event: " + line);
      }
      int process = Integer.parseInt(m.group(1));
      String f = m.group(3);
      String key = m.group(4);
      String value = m.group(5);
      if (m.group(2).equals("invoke")) {
        Input input = switch (f) {
          case "get" -> new Get(key);
          case "put" -> new Put(key, value);
          default -> new Append(key, value);
        };
        open.put(process, nextId);
        events.add(Event.call(process, nextId++, input));
      } else {
        Integer id = open.remove(process);
        if (id == null) {
          throw new IllegalArgumentException(
              "line " + lineNo + ": process " + process + " returns with nothing open");
        }
        events.add(Event.ret(process, id, f.equals("get") ? value : null));
      }
    }
    return events;
  }
}
