import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown file that the twin check compares, read line by line. It understands
 * the subset our handouts use (CommonMark where it matters): ATX headings ({@code ## ...}),
 * fenced code blocks ({@code ```} or {@code ~~~}), indented code blocks (4+ spaces after a blank
 * line, outside a list), pipe tables, inline code spans and links. Everything is numbered by
 * 1-based line, so that messages can say where a thing is.
 */
final class Markdown {
  /** A heading: its level (number of {@code #}), text as written, GitHub anchor and line. */
  record Heading(int level, String text, String anchor, int line) {
    String marked() {
      return "#".repeat(level) + " " + text;
    }
  }

  /** A line of code (fenced or indented), continuation lines ({@code \}) already joined. */
  record CodeLine(String text, int line) {}

  /** An inline code span's content (whitespace collapsed) and line. */
  record Span(String text, int line) {}

  /** A pipe table: its rows (separator excluded), each row's cells. */
  record Table(List<List<String>> rows, List<Integer> rowLines) {
    int line() {
      return rowLines.getFirst();
    }
  }

  /** A link target in the text ({@code [..](target)}) and its line. */
  record Link(String target, int line) {}

  final String path;
  final List<String> lines;
  final List<Heading> headings = new ArrayList<>();
  final List<CodeLine> code = new ArrayList<>();
  final List<Span> spans = new ArrayList<>();
  final List<Table> tables = new ArrayList<>();
  final List<Link> links = new ArrayList<>();
  /** Every line, whitespace collapsed (for names that may wrap onto the next line). */
  final Flat all;
  /** Lines outside code, code spans masked (for quotations in the prose). */
  final Flat prose;

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern SPAN = Pattern.compile("(`+)(.+?)(?<!`)\\1(?!`)");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+.*");
  private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

  Markdown(String path, String text) {
    this.path = path;
    this.lines = text.lines().toList();
    List<String> proseLines = new ArrayList<>();
    String fence = null;
    boolean previousBlank = true;
    boolean inList = false;
    boolean inIndentedCode = false;
    List<CodeLine> block = new ArrayList<>();
    Table table = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replace("\t", "    ");
      String stripped = line.strip();
      int number = i + 1;
      if (fence != null) {
        if (stripped.startsWith(fence) && runLength(stripped) == stripped.length()) {
          fence = null;
          joinContinuations(block);
        } else {
          block.add(new CodeLine(line, number));
        }
        proseLines.add("");
        continue;
      }
      if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
        fence = stripped.substring(0, runLength(stripped));
        previousBlank = false;
        table = null;
        proseLines.add("");
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      if (!stripped.isEmpty() && indent >= 4 && !inList && (previousBlank || inIndentedCode)) {
        inIndentedCode = true;
        block.add(new CodeLine(line, number));
        proseLines.add("");
        continue;
      }
      if (inIndentedCode && !stripped.isEmpty()) {
        inIndentedCode = false;
        joinContinuations(block);
      }
      if (stripped.isEmpty()) {
        previousBlank = true;
        table = null;
        proseLines.add("");
        continue;
      }
      if (LIST_ITEM.matcher(line).matches()) {
        inList = true;
      } else if (indent == 0) {
        inList = false;
      }
      previousBlank = false;
      Matcher heading = HEADING.matcher(line);
      if (indent < 4 && heading.matches()) {
        headings.add(new Heading(heading.group(1).length(), heading.group(2), null, number));
        table = null;
      } else if (stripped.startsWith("|")) {
        if (TABLE_SEPARATOR.matcher(stripped).matches()) {
          // The separator row belongs to the table started by the header row above it.
        } else {
          if (table == null) {
            table = new Table(new ArrayList<>(), new ArrayList<>());
            tables.add(table);
          }
          table.rows().add(cells(stripped));
          table.rowLines().add(number);
        }
      } else {
        table = null;
      }
      Matcher span = SPAN.matcher(line);
      StringBuilder masked = new StringBuilder();
      while (span.find()) {
        spans.add(new Span(collapse(span.group(2)), number));
        span.appendReplacement(masked, "\u00b7");
      }
      span.appendTail(masked);
      Matcher link = LINK.matcher(line);
      while (link.find()) {
        links.add(new Link(link.group(1), number));
      }
      proseLines.add(masked.toString());
    }
    joinContinuations(block);
    anchorHeadings();
    this.all = new Flat(lines);
    this.prose = new Flat(proseLines);
  }

  /** Moves the lines gathered in {@code block} to {@link #code}, joining {@code \} continuations. */
  private void joinContinuations(List<CodeLine> block) {
    StringBuilder pending = null;
    int start = 0;
    for (CodeLine codeLine : block) {
      String text = codeLine.text().strip();
      if (pending == null) {
        pending = new StringBuilder();
        start = codeLine.line();
      }
      if (text.endsWith("\\")) {
        pending.append(text, 0, text.length() - 1).append(' ');
      } else {
        pending.append(text);
        code.add(new CodeLine(pending.toString(), start));
        pending = null;
      }
    }
    if (pending != null) {
      code.add(new CodeLine(pending.toString(), start));
    }
    block.clear();
  }

  /** Gives each heading GitHub's anchor; a repeated anchor gets {@code -1}, {@code -2}, ... */
  private void anchorHeadings() {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < headings.size(); i++) {
      Heading h = headings.get(i);
      String base = anchor(h.text());
      int count = seen.merge(base, 1, Integer::sum) - 1;
      headings.set(i, new Heading(h.level(), h.text(), count == 0 ? base : base + "-" + count, h.line()));
    }
  }

  /**
   * GitHub's anchor for a heading (as github-slugger makes it): the rendered text (code marks,
   * emphasis and link syntax dropped), lower-cased, every character that is not a letter, digit,
   * mark, connector, space or hyphen removed, then each space turned into a hyphen. Hangul is
   * kept: {@code "7. 파트 2A: 리더 선출"} becomes {@code "7-파트-2a-리더-선출"}.
   */
  static String anchor(String headingText) {
    String rendered = headingText
        .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
        .replace("`", "")
        .replace("*", "");
    String lower = Normalizer.normalize(rendered, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    return lower.replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} \\-]", "").replace(' ', '-');
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    if (inner.startsWith("|")) {
      inner = inner.substring(1);
    }
    if (inner.endsWith("|")) {
      inner = inner.substring(0, inner.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static int runLength(String s) {
    int n = 0;
    while (n < s.length() && s.charAt(n) == s.charAt(0)) {
      n++;
    }
    return n;
  }

  static String collapse(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  /**
   * Lines joined into one string with single spaces (each line's whitespace collapsed), so that a
   * phrase wrapped onto the next line is still found; {@link #lineAt} maps an offset back.
   */
  static final class Flat {
    final String text;
    private final int[] starts;

    Flat(List<String> lines) {
      StringBuilder text = new StringBuilder();
      starts = new int[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        starts[i] = text.length();
        text.append(collapse(lines.get(i))).append(' ');
      }
      this.text = text.toString();
    }

    /** The 1-based line on which the character at {@code offset} lies. */
    int lineAt(int offset) {
      int low = 0;
      int high = starts.length - 1;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (starts[middle] <= offset) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      return low + 1;
    }
  }
}
