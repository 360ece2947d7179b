package labs.harness;

import com.google.gson.Gson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import labs.runtime.Trace;

/**
 * Writes a failed run's files under {@code target/labs-traces/}: the trace as plain text with one
 * column per node, the same events as JSON lines for tools, and the whole failure report. The
 * formats are described in the package documentation ({@code package-info.java}).
 */
final class TraceFiles {
  /** The longest line of the text view: long events are wrapped, then cut. */
  static final int MAX_LINE = 220;
  private static final int TIME = 12;
  private static final int WIDEST_COLUMN = 44;
  private static final int NARROWEST_COLUMN = 14;
  /** Room the rightmost column keeps for its text. */
  private static final int LAST_TEXT = 60;
  /** Lines one event may take before it is cut. */
  private static final int EVENT_LINES = 3;
  private static final Path DIR = Path.of("target", "labs-traces");
  private static final Gson GSON = new Gson();

  private TraceFiles() {}

  /** Writes both trace files and returns the path of the text view. */
  static Path write(Trace trace, String baseName) throws IOException {
    Files.createDirectories(DIR);
    List<Trace.Event> events = trace.events();
    Path text = DIR.resolve(baseName + ".txt");
    try (BufferedWriter w = Files.newBufferedWriter(text)) {
      writeColumns(w, events, trace.size());
    }
    try (BufferedWriter w = Files.newBufferedWriter(DIR.resolve(baseName + ".jsonl"))) {
      for (Trace.Event e : events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("i", e.index());
        m.put("t", e.timeNanos());
        m.put("node", e.node());
        m.put("kind", e.kind());
        m.put("text", e.text());
        w.write(GSON.toJson(m));
        w.newLine();
      }
    }
    return text;
  }

  /** Writes the whole report of a failure and returns its path. */
  static Path writeReport(String baseName, String report) throws IOException {
    Files.createDirectories(DIR);
    Path p = DIR.resolve(baseName + ".report.txt");
    Files.writeString(p, report);
    return p;
  }

  /** The column a node is shown in: a later life ("server-2.r1") shares its server's column. */
  static String column(String node) {
    return node.replaceFirst("\\.r\\d+$", "");
  }

  private static void writeColumns(BufferedWriter w, List<Trace.Event> events, long total) throws IOException {
    List<String> columns = new ArrayList<>();
    for (Trace.Event e : events) {
      if (!columns.contains(column(e.node()))) {
        columns.add(column(e.node()));
      }
    }
    int width = Math.max(NARROWEST_COLUMN,
        Math.min(WIDEST_COLUMN, (MAX_LINE - TIME - LAST_TEXT) / Math.max(1, columns.size() - 1)));
    if (total > events.size()) {
      w.write("(the first " + (total - events.size()) + " events are not kept; " + events.size() + " follow)\n");
    }
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + TIME + "s", "time (s)"));
    for (String c : columns) {
      header.append(pad(c, width));
    }
    String head = header.toString().stripTrailing();
    w.write(head.length() <= MAX_LINE ? head : head.substring(0, MAX_LINE - 1) + "…");
    w.newLine();
    w.write("-".repeat(Math.min(MAX_LINE, TIME + width * columns.size())));
    w.newLine();
    for (Trace.Event e : events) {
      int indent = TIME + width * columns.indexOf(column(e.node()));
      int room = Math.max(LAST_TEXT, MAX_LINE - indent);
      String life = e.node().equals(column(e.node())) ? "" : "(" + e.node().substring(column(e.node()).length() + 1) + ") ";
      String text = e.kind() + ": " + life + e.text().replace('\n', ' ');
      String time = String.format(Locale.ROOT, "%-" + TIME + ".6f", e.timeNanos() / 1e9);
      for (int line = 0; line < EVENT_LINES && !text.isEmpty(); line++) {
        boolean last = line == EVENT_LINES - 1 && text.length() > room;
        String cutNote = "";
        String part = text.substring(0, Math.min(room, text.length()));
        if (last) {
          String note = " …(cut: event " + e.index() + " in the .jsonl has it all)";
          part = text.substring(0, Math.max(0, room - note.length()));
          cutNote = note;
        }
        String prefix = line == 0 ? time : " ".repeat(TIME);
        w.write(prefix + " ".repeat(indent - TIME) + (line == 0 ? "" : "  ") + part + cutNote);
        w.newLine();
        text = last ? "" : text.substring(part.length());
        room = Math.max(LAST_TEXT, MAX_LINE - indent) - 2;
      }
    }
  }

  private static String pad(String s, int width) {
    String t = s.length() >= width - 1 ? s.substring(0, width - 2) + "…" : s;
    return t + " ".repeat(width - t.length());
  }
}
