import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The things of one handout that its twin must share, as the rules at the top of
 * {@code HandoutTwins.java} define them: sections, command lines, test names, quoted program
 * output, inline code and the numbers in its tables. Each item keeps the line of its first
 * occurrence.
 */
final class Handout {
  /** One thing found in a handout, and the line where it first occurs. */
  record Item(String text, int line) {}

  final Markdown doc;
  final List<Markdown.Heading> sections = new ArrayList<>();
  final Map<String, Item> commands = new LinkedHashMap<>();
  final Map<String, Item> testNames = new LinkedHashMap<>();
  final Map<String, Item> programText = new LinkedHashMap<>();
  final Map<String, Item> codeSpans = new LinkedHashMap<>();

  /** Program names that start a command line (besides {@code ./x}, {@code bench/x}, {@code .ci/x}). */
  static final Set<String> COMMAND_WORDS = Set.of(
      "mvn", "java", "javac", "jar", "jshell", "bash", "sh", "source", "export", "git", "mkdir",
      "cd", "sort", "rm", "mv", "cp", "diff", "jq");
  private static final Pattern ENV_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=\\S*");
  private static final Pattern TEST_CLASS = Pattern.compile("\\b[A-Z][A-Za-z0-9]*Test(?:#[a-z][A-Za-z0-9_]*)?\\b");
  private static final Pattern QUOTE = Pattern.compile("\"([^\"]{2,300}?)\"|\u201c([^\u201d]{2,300}?)\u201d");

  Handout(Markdown doc, Sources sources) {
    this.doc = doc;
    for (Markdown.Heading h : doc.headings) {
      if (h.level() == 2 || h.level() == 3) {
        sections.add(h);
      }
    }
    for (Markdown.CodeLine line : doc.code) {
      String command = command(line.text(), true);
      if (command != null) {
        commands.putIfAbsent(command, new Item(command, line.line()));
      }
    }
    for (Markdown.Span span : doc.spans) {
      String command = command(span.text(), false);
      if (command != null) {
        commands.putIfAbsent(command, new Item(command, span.line()));
      } else if (sources.testMethods().contains(span.text())) {
        testNames.putIfAbsent(span.text(), new Item(span.text(), span.line()));
      }
    }
    for (int i = 0; i < doc.lines.size(); i++) {
      Matcher m = TEST_CLASS.matcher(doc.lines.get(i));
      while (m.find()) {
        testNames.putIfAbsent(m.group(), new Item(m.group(), i + 1));
      }
    }
    findDisplayNames(sources);
    findProgramText(sources);
    for (Markdown.Span span : doc.spans) {
      if (!commands.containsKey(span.text()) && !testNames.containsKey(span.text())) {
        codeSpans.putIfAbsent(span.text(), new Item(span.text(), span.line()));
      }
    }
  }

  /**
   * A test's display name counts where it occurs in full ("2A: initial election", in prose or in
   * a code block such as a PASS line), or in its short form between double quotes ("initial
   * election"). Either way it is filed under its full name.
   */
  private void findDisplayNames(Sources sources) {
    String all = doc.all.text;
    String prose = doc.prose.text;
    for (Sources.DisplayName name : sources.displayNames()) {
      int at = all.indexOf(Markdown.collapse(name.full()));
      if (at >= 0) {
        testNames.putIfAbsent(name.full(), new Item(name.full(), doc.all.lineAt(at)));
        continue;
      }
      if (name.shortForm() != null) {
        Matcher q = QUOTE.matcher(prose);
        while (q.find()) {
          if (quoted(q).equals(name.shortForm())) {
            testNames.putIfAbsent(name.full(), new Item(name.full(), doc.prose.lineAt(q.start())));
            break;
          }
        }
      }
    }
  }

  /** Double-quoted text of the prose that the program prints: it occurs in a Java source file. */
  private void findProgramText(Sources sources) {
    Matcher q = QUOTE.matcher(doc.prose.text);
    while (q.find()) {
      String text = quoted(q);
      if (!testNames.containsKey(text) && !text.contains("\u00b7") && sources.isProgramText(text)
          && sources.displayNames().stream().noneMatch(n -> text.equals(n.shortForm()))) {
        programText.putIfAbsent(text, new Item(text, doc.prose.lineAt(q.start())));
      }
    }
  }

  private static String quoted(Matcher q) {
    return q.group(1) != null ? q.group(1) : q.group(2);
  }

  /**
   * The command in a line of code or an inline code span, or null if it is none: the text (a
   * leading {@code $ } prompt and, in a code block, a trailing {@code # comment} removed,
   * whitespace collapsed) whose first word after any {@code NAME=value} assignments is a
   * program from {@link #COMMAND_WORDS} or a path starting with {@code ./}, {@code bench/} or
   * {@code .ci/}.
   */
  static String command(String text, boolean inCodeBlock) {
    String s = Markdown.collapse(text);
    if (s.startsWith("$ ")) {
      s = s.substring(2);
    }
    if (inCodeBlock) {
      s = withoutComment(s);
    }
    if (s.isEmpty()) {
      return null;
    }
    for (String word : s.split(" ")) {
      if (ENV_ASSIGNMENT.matcher(word).matches()) {
        continue;
      }
      boolean program = COMMAND_WORDS.contains(word) || word.startsWith("./") || word.startsWith("bench/")
          || word.startsWith(".ci/") || word.equals("grader/grader");
      return program ? s : null;
    }
    return null;
  }

  /** {@code s} without a {@code #} comment: from a {@code #} after a space, outside quotes. */
  private static String withoutComment(String s) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ')) {
        return s.substring(0, i).strip();
      }
    }
    return s;
  }

  /** The numbers in a table row, in order of appearance (digits in code and identifiers too). */
  static List<String> numbers(List<String> row) {
    List<String> numbers = new ArrayList<>();
    Matcher m = Pattern.compile("\\d+(?:[.,]\\d+)*").matcher(String.join(" | ", row));
    while (m.find()) {
      numbers.add(m.group());
    }
    return numbers;
  }
}
