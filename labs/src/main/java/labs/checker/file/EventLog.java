package labs.checker.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labs.checker.Event;
import labs.checker.History;
import labs.checker.Model;
import labs.checker.Operation;

/**
 * The bookkeeping shared by the event logs ({@link JepsenLog}, {@link PorcupineKvLog}): a
 * process calls, then returns, one operation at a time; every broken rule is a {@link Problem}
 * on its line, and the log is rejected with all of them.
 */
final class EventLog<I, O> {
  /** An operation still open: its id, input, and the line that called it. */
  record Open<I>(int id, I input, int line) {}

  /** Reads one non-blank line into the log; throws what is wrong with it. */
  interface LineReader<I, O> {
    void read(EventLog<I, O> log, int line, String text) throws Tokens.Bad;
  }

  private final List<Event<I, O>> events = new ArrayList<>();
  private final List<Integer> callLines = new ArrayList<>();
  private final Map<Integer, Open<I>> open = new HashMap<>();
  final List<Problem> problems = new ArrayList<>();

  /** Reads every line of {@code text} with {@code reader}; a bad line becomes a problem. */
  static <I, O> EventLog<I, O> read(String text, LineReader<I, O> reader) {
    EventLog<I, O> log = new EventLog<>();
    String[] lines = text.split("\r?\n", -1);
    for (int k = 0; k < lines.length; k++) {
      if (!lines[k].isBlank()) {
        try {
          reader.read(log, k + 1, lines[k]);
        } catch (Tokens.Bad e) {
          log.problem(k + 1, e.getMessage());
        }
      }
    }
    return log;
  }

  void problem(int line, String message) {
    problems.add(new Problem(line, message));
  }

  /** Process {@code process} calls {@code input} on {@code line}. */
  void call(int line, int process, I input) {
    Open<I> running = open.get(process);
    if (running != null) {
      problem(line, "process " + process + " calls again while its operation from line "
          + running.line() + " is still open: a process runs one operation at a time");
      return;
    }
    int id = callLines.size();
    callLines.add(line);
    open.put(process, new Open<>(id, input, line));
    events.add(Event.call(process, id, input));
  }

  /** The operation process {@code process} has open, or null after reporting that none is. */
  Open<I> opened(int line, int process, String what) {
    Open<I> running = open.get(process);
    if (running == null) {
      problem(line, "process " + process + " " + what + " with no operation open: each return "
          + "must follow a call by the same process");
    }
    return running;
  }

  /** Process {@code process} returns its open operation with {@code output}. */
  void ret(int process, O output) {
    Open<I> running = open.remove(process);
    events.add(Event.ret(process, running.id(), output));
  }

  /** The history as operations (lines: each one's call), or the problems found. */
  HistoryFile.Contents<I, O> contents(String name, Model<?, I, O> model) {
    List<Operation<I, O>> ops = History.fromEvents(events());
    return new HistoryFile.Contents<>(name, model, ops, callLines);
  }

  /** The events, or the problems found. */
  List<Event<I, O>> events() {
    if (!problems.isEmpty()) {
      problems.sort(java.util.Comparator.comparingInt(Problem::line));
      throw new HistoryFormatException(problems);
    }
    return events;
  }
}
