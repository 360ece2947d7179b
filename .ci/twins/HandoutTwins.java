import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps each handout and its Korean twin in step. Run from the repository root (JDK 22+ runs this
 * multi-file source program directly, no build needed):
 *
 * <pre>
 *   java .ci/twins/HandoutTwins.java               # check every pair; exit 1 naming what is missing
 *   java .ci/twins/HandoutTwins.java --self-test   # show that the check catches what it should
 *   java .ci/twins/HandoutTwins.java --list handouts/lab2-raft.md   # what the check sees in a file
 * </pre>
 *
 * <h2>The pairs</h2>
 * Every {@code handouts/NAME.md} has a Korean twin {@code handouts/ko/NAME.md}, and every Korean
 * file there has an English one; a file without its twin fails, naming the file to write. The
 * English handout links to {@code ko/NAME.md}, the Korean one back to {@code ../NAME.md}.
 * {@code README.md} and its Korean quick start {@code README.ko.md} are a pair too, compared only
 * by command lines and their links to each other ({@code README.ko.md}, {@code README.md}).
 *
 * <h2>What a handout pair must share</h2>
 * <ul>
 *   <li><b>Sections.</b> The {@code ##} and {@code ###} headings outside code, aligned by level and
 *       leading number ({@code ## 7. Part 2A: ...} pairs with {@code ## 7. 파트 2A: ...}; an
 *       unnumbered heading pairs with an unnumbered one). Same count, and every heading has a
 *       partner.</li>
 *   <li><b>Command lines</b> (both ways: a command the English one drops must go from the Korean
 *       one too). A command is a line of a fenced or indented code block, continuation lines
 *       ({@code \}) joined, a {@code $ } prompt and a trailing {@code # comment} removed (comments
 *       are translated), whitespace collapsed; or the whole of an inline code span. Either
 *       counts if its first word, after any {@code NAME=value} assignments, is one of
 *       {@code mvn java javac jar jshell bash sh source export git mkdir cd sort rm mv cp diff jq}
 *       or a path starting with {@code ./} (so {@code ./mvnw}), {@code bench/}, {@code .ci/}, or is {@code grader/grader}.
 *       Output shown in code blocks ({@code PASS ...}, {@code seed: ...}) is not a command.</li>
 *   <li><b>Test names</b> (both ways): every {@code FooTest} or {@code FooTest#method} anywhere;
 *       an inline code span that is the name of a test method (a method carrying
 *       {@code @DisplayName} in a module's {@code src/test*}/java); and a test's display name,
 *       where it occurs in full ({@code 2A: initial election}, also inside code blocks) or, for
 *       a name with a part tag, as its rest between double quotes ({@code "initial election"}).</li>
 *   <li><b>Quoted program output</b> (both ways): text between double quotes in the prose that
 *       occurs verbatim in a Java source of the repository, such as a failure message
 *       ({@code "apply out of order"}); students meet it in English, so it stays in English.</li>
 *   <li><b>Inline code</b> (English to Korean): every other inline code span of the English
 *       handout is an inline code span of the Korean one too (code stays in English).</li>
 *   <li><b>Tables</b>: the same number of tables, of rows in each, and the same numbers in each
 *       row (points, counts, exit statuses), in any order within the row.</li>
 *   <li><b>Anchors</b>: every {@code (#anchor)} link names a heading of its own file, by GitHub's
 *       rule (lower case, punctuation removed, spaces to {@code -}, Hangul kept).</li>
 * </ul>
 */
public final class HandoutTwins {
  /** One pair and what is wrong with it. */
  record PairResult(String name, List<TwinCheck.Problem> problems, int sections, int commands, int testNames) {}

  private static final int SHOWN_PER_PAIR = 15;

  public static void main(String[] args) throws IOException {
    Path root = Path.of("");
    if (args.length == 1 && args[0].equals("--self-test")) {
      System.exit(SelfTest.run(root) ? 0 : 1);
    }
    if (args.length == 2 && args[0].equals("--list")) {
      list(root.resolve(args[1]), Sources.scan(root));
      return;
    }
    if (args.length != 0) {
      System.err.println("usage: java .ci/twins/HandoutTwins.java [--self-test | --list FILE.md]  (from the repository root)");
      System.exit(2);
    }
    if (!Files.isDirectory(root.resolve("handouts"))) {
      System.err.println("handout twins: no handouts/ folder here; run this from the repository root");
      System.exit(2);
    }
    List<PairResult> results = checkRepository(root, Sources.scan(root));
    System.exit(report(results) ? 0 : 1);
  }

  /** Checks every pair under {@code root}: the handouts, then the READMEs. */
  static List<PairResult> checkRepository(Path root, Sources sources) throws IOException {
    List<PairResult> results = new ArrayList<>();
    Path english = root.resolve("handouts");
    Path korean = english.resolve("ko");
    List<String> englishNames = markdownNames(english);
    List<String> koreanNames = markdownNames(korean);
    for (String name : englishNames) {
      String en = "handouts/" + name;
      String ko = "handouts/ko/" + name;
      if (!koreanNames.contains(name)) {
        results.add(missing(en, ko, "%s has no Korean twin: write %s (a translation with the same sections, command lines, test names and table numbers; rules at the top of .ci/twins/HandoutTwins.java)"
            .formatted(en, ko)));
      } else {
        results.add(pair(root, en, ko, sources, TwinCheck.Scope.HANDOUT, "ko/" + name, "../" + name));
      }
    }
    for (String name : koreanNames) {
      if (!englishNames.contains(name)) {
        String ko = "handouts/ko/" + name;
        results.add(missing(ko, "handouts/" + name, "%s has no English twin handouts/%s: rename it to match its English handout, or remove it"
            .formatted(ko, name)));
      }
    }
    if (Files.exists(root.resolve("README.md"))) {
      if (!Files.exists(root.resolve("README.ko.md"))) {
        results.add(missing("README.md", "README.ko.md", "README.md has no Korean quick start: write README.ko.md"));
      } else {
        results.add(pair(root, "README.md", "README.ko.md", sources, TwinCheck.Scope.README, "README.ko.md", "README.md"));
      }
    }
    return results;
  }

  private static PairResult pair(Path root, String en, String ko, Sources sources, TwinCheck.Scope scope,
      String linkToKorean, String linkToEnglish) throws IOException {
    Handout english = read(root, en, sources);
    Handout korean = read(root, ko, sources);
    List<TwinCheck.Problem> problems = TwinCheck.compare(english, korean, scope, linkToKorean, linkToEnglish);
    boolean full = scope == TwinCheck.Scope.HANDOUT;
    return new PairResult(en + " / " + ko, problems, full ? english.sections.size() : 0, english.commands.size(),
        full ? english.testNames.size() : 0);
  }

  private static PairResult missing(String present, String absent, String message) {
    return new PairResult(present + " / " + absent, List.of(new TwinCheck.Problem(TwinCheck.Kind.TWIN, absent, message)), 0, 0, 0);
  }

  static Handout read(Path root, String relative, Sources sources) throws IOException {
    return new Handout(new Markdown(relative, Files.readString(root.resolve(relative))), sources);
  }

  private static List<String> markdownNames(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".md"))
          .map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** Prints one line if every pair is in step, else each pair's problems; true if all are in step. */
  static boolean report(List<PairResult> results) {
    List<PairResult> failed = results.stream().filter(r -> !r.problems().isEmpty()).toList();
    if (failed.isEmpty()) {
      System.out.printf("handout twins: %d pairs in step (%d sections, %d commands, %d test names compared)%n",
          results.size(), results.stream().mapToInt(PairResult::sections).sum(),
          results.stream().mapToInt(PairResult::commands).sum(), results.stream().mapToInt(PairResult::testNames).sum());
      return true;
    }
    System.out.printf("handout twins: %d of %d pairs out of step%n", failed.size(), results.size());
    for (PairResult r : failed) {
      System.out.printf("%n%s: %d problem%s%n", r.name(), r.problems().size(), r.problems().size() == 1 ? "" : "s");
      r.problems().stream().limit(SHOWN_PER_PAIR).forEach(p -> System.out.println("  - " + p.message()));
      if (r.problems().size() > SHOWN_PER_PAIR) {
        System.out.printf("  ... and %d more%n", r.problems().size() - SHOWN_PER_PAIR);
      }
    }
    System.out.println();
    System.out.println("A Korean handout must keep its English twin's sections, command lines, test names, quoted");
    System.out.println("program output, inline code and table numbers (rules: .ci/twins/HandoutTwins.java).");
    System.out.println("Translate what changed, then run: java .ci/twins/HandoutTwins.java");
    return false;
  }

  /** Prints what the check extracts from one file, for a writer who wonders why it complains. */
  private static void list(Path file, Sources sources) throws IOException {
    Handout h = new Handout(new Markdown(file.toString(), Files.readString(file)), sources);
    System.out.println("sections:");
    h.sections.forEach(s -> System.out.printf("  %4d  %s   (#%s)%n", s.line(), s.marked(), s.anchor()));
    print("commands", h.commands.values());
    print("test names", h.testNames.values());
    print("quoted program output", h.programText.values());
    print("inline code", h.codeSpans.values());
    System.out.println("tables:");
    for (Markdown.Table t : h.doc.tables) {
      System.out.printf("  %4d  %d rows: %s%n", t.line(), t.rows().size(), t.rows().stream().map(Handout::numbers).toList());
    }
  }

  private static void print(String title, java.util.Collection<Handout.Item> items) {
    System.out.println(title + ":");
    items.forEach(i -> System.out.printf("  %4d  %s%n", i.line(), i.text()));
  }
}
