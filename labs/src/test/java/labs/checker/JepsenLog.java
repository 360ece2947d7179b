package labs.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
 * Parses a Jepsen etcd log ({@code INFO  jepsen.util - <process> :<type> :<f> <value>}, fields
 * separated by tabs or runs of spaces) into an event history for {@link RegisterModel}, with
 * Porcupine's semantics: line order is time; {@code :invoke} opens an operation; the next {@code
 * :ok} / {@code :fail} of the same process closes it ({@code :fail :cas}: the comparison failed;
 * {@code :fail :read}: no answer); {@code :info} lines are ignored, so their operations stay open
 * and become pending (they may take effect any time after their call, or never).
 */
final class JepsenLog {
  private static final String PREFIX = "INFO  jepsen.util - ";

  private JepsenLog() {}

  static List<Event<Input, Output>> parse(String text) {
    List<Event<Input, Output>> events = new ArrayList<>();
    Map<Integer, Integer> open = new HashMap<>();
    int nextId = 0;
    int lineNo = 0;
    for (String line : text.lines().toList()) {
      lineNo++;
      if (!line.startsWith(PREFIX)) {
        throw new IllegalArgumentException("line " + lineNo + " lacks the Jepsen prefix: " + line);
      }
      String[] f = line.substring(PREFIX.length()).split("\\s+", 4);
      int process = Integer.parseInt(f[0]);
      String type = f[1];
      String fn = f[2];
      String value = f[3].strip();
      switch (type) {
        case ":invoke" -> {
          if (open.containsKey(process)) {
            throw new IllegalArgumentException("line " + lineNo + ": process " + process
                + " invokes while its previous operation is open");
          }
          open.put(process, nextId);
          events.add(Event.call(process, nextId++, input(fn, value, lineNo)));
        }
        case ":ok", ":fail" -> {
          Integer id = open.remove(process);
          if (id == null) {
            throw new IllegalArgumentException(
                "line " + lineNo + ": process " + process + " completes with nothing open");
          }
          events.add(Event.ret(process, id, output(type, fn, value, lineNo)));
        }
        case ":info" -> {
          // Indeterminate: the operation stays open (pending) to the end of the history.
        }
        default -> throw new IllegalArgumentException("line " + lineNo + ": type " + type);
      }
    }
    return events;
  }

  private static Input input(String fn, String value, int lineNo) {
    return switch (fn) {
      case ":read" -> new Read();
      case ":write" -> new Write(Integer.parseInt(value));
      case ":cas" -> {
        int[] ab = pair(value);
        yield new Cas(ab[0], ab[1]);
      }
      default -> throw new IllegalArgumentException("line " + lineNo + ": operation " + fn);
    };
  }

  private static Output output(String type, String fn, String value, int lineNo) {
    boolean ok = type.equals(":ok");
    return switch (fn) {
      case ":read" -> !ok ? null
          : new ReadResult(value.equals("nil") ? OptionalInt.empty()
              : OptionalInt.of(Integer.parseInt(value)));
      case ":write" -> {
        if (!ok) {
          throw new IllegalArgumentException("line " + lineNo + ": unexpected :fail :write");
        }
        yield new WriteResult();
      }
      case ":cas" -> new CasResult(ok);
      default -> throw new IllegalArgumentException("line " + lineNo + ": operation " + fn);
    };
  }

  private static int[] pair(String value) {
    String[] ab = value.substring(1, value.length() - 1).split(" ");
    return new int[] {Integer.parseInt(ab[0]), Integer.parseInt(ab[1])};
  }
}
