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
 * Writes a run's trace under {@code target/labs-traces/}: a plain-text view with one column per
 * node (read down a column to follow one node, across a row to see what happened at once), and
 * the same events as JSON lines for tools.
 */
final class TraceFiles {
  private static final int COLUMN = 44;
  private static final Gson GSON = new Gson();

  private TraceFiles() {}

  /** Writes both files and returns the path of the text view. */
  static Path write(Trace trace, String baseName) throws IOException {
    Path dir = Path.of("target", "labs-traces");
    Files.createDirectories(dir);
    List<Trace.Event> events = trace.events();
    Path text = dir.resolve(baseName + ".txt");
    try (BufferedWriter w = Files.newBufferedWriter(text)) {
      writeColumns(w, events, trace.size());
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(baseName + ".jsonl"))) {
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

  private static void writeColumns(BufferedWriter w, List<Trace.Event> events, long total) throws IOException {
    List<String> nodes = new ArrayList<>();
    for (Trace.Event e : events) {
      if (!nodes.contains(e.node())) {
        nodes.add(e.node());
      }
    }
    if (total > events.size()) {
      w.write("(the first " + (total - events.size()) + " events are not kept; " + events.size() + " follow)\n");
    }
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s", "time (s)"));
    for (String n : nodes) {
      header.append(pad(n));
    }
    w.write(header.toString().stripTrailing());
    w.newLine();
    w.write("-".repeat(Math.min(header.length(), 12 + COLUMN * nodes.size())));
    w.newLine();
    for (Trace.Event e : events) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-12.6f", e.timeNanos() / 1e9));
      int col = nodes.indexOf(e.node());
      row.append(" ".repeat(COLUMN * col));
      row.append(e.kind()).append(": ").append(e.text());
      w.write(row.toString());
      w.newLine();
    }
  }

  private static String pad(String s) {
    String t = s.length() >= COLUMN - 1 ? s.substring(0, COLUMN - 2) + "…" : s;
    return t + " ".repeat(COLUMN - t.length());
  }
}
