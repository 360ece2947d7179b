import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares an English handout with its Korean twin, by the rules in {@code HandoutTwins.java}. */
final class TwinCheck {
  /** What kind of thing is out of step. */
  enum Kind { TWIN, SECTION, COMMAND, TEST, OUTPUT, CODE, TABLE, LINK, ANCHOR }

  /** One difference: its kind, the thing itself (for tests), and a message for the writer. */
  record Problem(Kind kind, String item, String message) {}

  /** How much of a pair is compared: a handout pair in full, the READMEs by commands and links. */
  enum Scope { HANDOUT, README }

  private static final Pattern SECTION_NUMBER = Pattern.compile("^(\\d+(?:\\.\\d+)*)[.)]?\\s");

  private TwinCheck() {}

  /**
   * The problems of the pair ({@code english}, {@code korean}); {@code linkToKorean} and
   * {@code linkToEnglish} are the relative links each must carry to the other.
   */
  static List<Problem> compare(Handout english, Handout korean, Scope scope, String linkToKorean, String linkToEnglish) {
    List<Problem> problems = new ArrayList<>();
    String en = english.doc.path;
    String ko = korean.doc.path;
    if (scope == Scope.HANDOUT) {
      compareSections(english, korean, problems);
    }
    both(Kind.COMMAND, "command", english.commands, korean.commands, en, ko, problems,
        "copy it verbatim into a code block or an inline code span");
    if (scope == Scope.HANDOUT) {
      both(Kind.TEST, "test name", english.testNames, korean.testNames, en, ko, problems,
          "keep it in English, exactly as written");
      both(Kind.OUTPUT, "quoted program output", english.programText, korean.programText, en, ko, problems,
          "quote it in English, exactly as the program prints it");
      for (Handout.Item span : english.codeSpans.values()) {
        if (!korean.codeSpans.containsKey(span.text())) {
          problems.add(new Problem(Kind.CODE, span.text(), "inline code `%s` (%s:%d) does not occur in %s: keep code in English, as inline code"
              .formatted(span.text(), en, span.line(), ko)));
        }
      }
      compareTables(english, korean, problems);
    }
    link(english, linkToKorean, "no link to its Korean twin: add [한국어](%s) near the top".formatted(linkToKorean), problems);
    link(korean, linkToEnglish, "no link back to its English twin: add [English](%s) near the top".formatted(linkToEnglish), problems);
    anchors(english, problems);
    anchors(korean, problems);
    return problems;
  }

  /** Items that must occur in both: missing ones in Korean, and stale ones left in Korean. */
  private static void both(Kind kind, String what, Map<String, Handout.Item> english, Map<String, Handout.Item> korean,
      String en, String ko, List<Problem> problems, String fix) {
    for (Handout.Item item : english.values()) {
      if (!korean.containsKey(item.text())) {
        problems.add(new Problem(kind, item.text(), "%s \"%s\" (%s:%d) does not occur in %s: %s"
            .formatted(what, item.text(), en, item.line(), ko, fix)));
      }
    }
    for (Handout.Item item : korean.values()) {
      if (!english.containsKey(item.text())) {
        problems.add(new Problem(kind, item.text(), "%s \"%s\" (%s:%d) is not in %s (any more): update or remove it"
            .formatted(what, item.text(), ko, item.line(), en)));
      }
    }
  }

  /**
   * Aligns the {@code ##}/{@code ###} headings by level and leading number ("7." matches "7.",
   * an unnumbered heading matches an unnumbered one) with a longest common subsequence, then
   * reports every heading left without a partner.
   */
  private static void compareSections(Handout english, Handout korean, List<Problem> problems) {
    List<Markdown.Heading> e = english.sections;
    List<Markdown.Heading> k = korean.sections;
    int[][] lcs = new int[e.size() + 1][k.size() + 1];
    for (int i = e.size() - 1; i >= 0; i--) {
      for (int j = k.size() - 1; j >= 0; j--) {
        lcs[i][j] = key(e.get(i)).equals(key(k.get(j))) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < e.size() || j < k.size()) {
      if (i < e.size() && j < k.size() && key(e.get(i)).equals(key(k.get(j)))) {
        i++;
        j++;
      } else if (j == k.size() || (i < e.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
        Markdown.Heading h = e.get(i++);
        String after = j > 0 ? " after \"" + k.get(j - 1).marked() + "\" (line " + k.get(j - 1).line() + ")" : " before the first section";
        problems.add(new Problem(Kind.SECTION, h.marked(), "section \"%s\" (%s:%d) has no counterpart in %s: add its translation%s"
            .formatted(h.marked(), english.doc.path, h.line(), korean.doc.path, after)));
      } else {
        Markdown.Heading h = k.get(j++);
        problems.add(new Problem(Kind.SECTION, h.marked(), "section \"%s\" (%s:%d) has no counterpart in %s: remove it, or number it as the English one"
            .formatted(h.marked(), korean.doc.path, h.line(), english.doc.path)));
      }
    }
  }

  /** A heading's level and leading number: "2:7" for "## 7. ...", "2:-" if it has none. */
  static String key(Markdown.Heading h) {
    Matcher m = SECTION_NUMBER.matcher(h.text());
    return h.level() + ":" + (m.find() ? m.group(1) : "-");
  }

  /** Same number of tables, of rows in each, and the same numbers in each row (in any order). */
  private static void compareTables(Handout english, Handout korean, List<Problem> problems) {
    List<Markdown.Table> e = english.doc.tables;
    List<Markdown.Table> k = korean.doc.tables;
    String en = english.doc.path;
    String ko = korean.doc.path;
    if (e.size() != k.size()) {
      problems.add(new Problem(Kind.TABLE, "tables", "%s has %d tables, %s has %d: every English table needs its translation, in the same order"
          .formatted(en, e.size(), ko, k.size())));
      return;
    }
    for (int t = 0; t < e.size(); t++) {
      Markdown.Table et = e.get(t);
      Markdown.Table kt = k.get(t);
      if (et.rows().size() != kt.rows().size()) {
        problems.add(new Problem(Kind.TABLE, "table " + (t + 1), "table %d (%s:%d) has %d rows, its twin (%s:%d) has %d"
            .formatted(t + 1, en, et.line(), et.rows().size(), ko, kt.line(), kt.rows().size())));
        continue;
      }
      for (int r = 0; r < et.rows().size(); r++) {
        List<String> en1 = Handout.numbers(et.rows().get(r)).stream().sorted().toList();
        List<String> ko1 = Handout.numbers(kt.rows().get(r)).stream().sorted().toList();
        if (!en1.equals(ko1)) {
          problems.add(new Problem(Kind.TABLE, "table " + (t + 1) + " row " + (r + 1),
              "table %d, row \"%s\" (%s:%d) has the numbers %s, its twin (%s:%d) has %s".formatted(t + 1,
                  et.rows().get(r).getFirst(), en, et.rowLines().get(r), en1, ko, kt.rowLines().get(r), ko1)));
        }
      }
    }
  }

  private static void link(Handout handout, String target, String message, List<Problem> problems) {
    if (handout.doc.links.stream().noneMatch(l -> l.target().equals(target))) {
      problems.add(new Problem(Kind.LINK, target, handout.doc.path + " has " + message));
    }
  }

  /** Every {@code (#anchor)} link must name a heading of the same file. */
  private static void anchors(Handout handout, List<Problem> problems) {
    Set<String> anchors = new java.util.HashSet<>();
    handout.doc.headings.forEach(h -> anchors.add(h.anchor()));
    for (Markdown.Link link : handout.doc.links) {
      if (link.target().startsWith("#") && !anchors.contains(link.target().substring(1))) {
        String expected = handout.doc.headings.stream()
            .filter(h -> h.anchor().startsWith(link.target().substring(1, Math.min(link.target().length(), 3))))
            .map(h -> "#" + h.anchor()).findFirst().map(a -> " (did you mean " + a + "?)").orElse("");
        problems.add(new Problem(Kind.ANCHOR, link.target(), "%s:%d links to %s, which no heading of the file makes%s; GitHub's anchor of a heading is its text lower-cased, punctuation removed, spaces turned into '-'"
            .formatted(handout.doc.path, link.line(), link.target(), expected)));
      }
    }
  }
}
