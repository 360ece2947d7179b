import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Shows that the twin check fails when it should, naming what is missing: on a small made-up
 * pair (which must pass as written, and fail after each single edit), on every real pair of the
 * repository, READMEs included (deleting from the Korean twin each English command, test name,
 * section and quoted output in turn must be caught, and so must deleting a command from the
 * English one), and on a folder with a handout whose twin was never written.
 */
final class SelfTest {
  private final List<String> failures = new ArrayList<>();
  private int cases;

  private SelfTest() {}

  static boolean run(Path root) throws IOException {
    SelfTest t = new SelfTest();
    t.madeUpPair();
    t.realPairs(root);
    t.missingTwins();
    if (t.failures.isEmpty()) {
      System.out.printf("handout twins self-test: %d cases passed%n", t.cases);
      return true;
    }
    System.out.printf("handout twins self-test: %d of %d cases failed%n", t.failures.size(), t.cases);
    t.failures.stream().limit(30).forEach(f -> System.out.println("  - " + f));
    return false;
  }

  // ---------------------------------------------------------------- a made-up pair, edit by edit

  private static final Sources DEMO_SOURCES = new Sources(
      List.of(new Sources.DisplayName("9A: first demo", "first demo")), Set.of("first"),
      "throw fail(\"the demo went wrong\");");

  private static final String DEMO_EN = """
      # Lab 9: Demo

      [한국어](ko/lab9-demo.md)

      ## Contents

      1. [Running it](#1-running-it)

      ## 1. Running it

      Run `./mvnw test -pl lab9`, or one test of `DemoTest`, here `DemoTest#first` ("first demo"):

      ```
      ./mvnw test -pl lab9 \\
          -Dgroups=9A                 # one part
      bench/demo.sh                   # the benchmark
      ```

      A broken lab prints "the demo went wrong"; look at `Demo.java` and say "thank you".

      | test | points |
      |---|---|
      | `first` | 10 |
      """;

  private static final String DEMO_KO = """
      # 실습 9: 데모

      [English](../lab9-demo.md)

      ## 목차

      1. [실행하기](#1-실행하기)

      ## 1. 실행하기

      `./mvnw test -pl lab9`로 실행합니다. `DemoTest`의 테스트 하나("first demo", `DemoTest#first`)만 돌릴 수도 있습니다:

      ```
      ./mvnw test -pl lab9 -Dgroups=9A    # 파트 하나
      bench/demo.sh                       # 벤치마크
      ```

      실습이 틀리면 "the demo went wrong"을 출력합니다. `Demo.java`를 보고 "고맙습니다"라고 말하세요.

      | 테스트 | 점수 |
      |---|---|
      | `first` | 10 |
      """;

  private void madeUpPair() {
    expectNone("the made-up pair as written (comments and prose translated, a command rewrapped)", DEMO_EN, DEMO_KO);
    expectKo("a command line deleted from the Korean code block", TwinCheck.Kind.COMMAND, "bench/demo.sh",
        ko -> ko.replace("bench/demo.sh                       # 벤치마크\n", ""));
    expectKo("an inline command deleted", TwinCheck.Kind.COMMAND, "./mvnw test -pl lab9",
        ko -> ko.replace("`./mvnw test -pl lab9`로 실행합니다. ", ""));
    expectKo("an option dropped from a command", TwinCheck.Kind.COMMAND, "./mvnw test -pl lab9 -Dgroups=9A",
        ko -> ko.replace(" -Dgroups=9A", ""));
    expect("a command deleted from the English handout only", TwinCheck.Kind.COMMAND, "bench/demo.sh",
        DEMO_EN.replace("bench/demo.sh                   # the benchmark\n", ""), DEMO_KO);
    expectKo("a test class#method deleted", TwinCheck.Kind.TEST, "DemoTest#first",
        ko -> ko.replace(", `DemoTest#first`", ""));
    expectKo("a quoted display name translated", TwinCheck.Kind.TEST, "9A: first demo",
        ko -> ko.replace("\"first demo\"", "\"첫 데모\""));
    expectKo("a test method's name in a table translated", TwinCheck.Kind.TEST, "first",
        ko -> ko.replace("| `first` |", "| 첫 테스트 |"));
    expectKo("quoted program output translated", TwinCheck.Kind.OUTPUT, "the demo went wrong",
        ko -> ko.replace("\"the demo went wrong\"", "\"데모가 실패했습니다\""));
    expectKo("inline code dropped", TwinCheck.Kind.CODE, "Demo.java", ko -> ko.replace("`Demo.java`를", "소스를"));
    expectKo("a section heading deleted", TwinCheck.Kind.SECTION, "## 1. Running it", ko -> ko.replace("## 1. 실행하기\n", ""));
    expectKo("a section renumbered", TwinCheck.Kind.SECTION, "## 1. Running it", ko -> ko.replace("## 1. 실행하기", "## 2. 실행하기"));
    expectKo("a number in a table changed", TwinCheck.Kind.TABLE, "table 1 row 2", ko -> ko.replace("| 10 |", "| 20 |"));
    expectKo("a table row deleted", TwinCheck.Kind.TABLE, "table 1", ko -> ko.replace("| `first` | 10 |\n", ""));
    expectKo("a contents link that is not GitHub's anchor", TwinCheck.Kind.ANCHOR, "#1.-실행하기",
        ko -> ko.replace("(#1-실행하기)", "(#1.-실행하기)"));
    expectKo("the link back to the English twin deleted", TwinCheck.Kind.LINK, "../lab9-demo.md",
        ko -> ko.replace("[English](../lab9-demo.md)\n", ""));
    expect("the link to the Korean twin deleted", TwinCheck.Kind.LINK, "ko/lab9-demo.md",
        DEMO_EN.replace("[한국어](ko/lab9-demo.md)\n", ""), DEMO_KO);
  }

  private void expectNone(String name, String en, String ko) {
    cases++;
    List<TwinCheck.Problem> problems = compare(en, ko, DEMO_SOURCES);
    if (!problems.isEmpty()) {
      failures.add(name + ": expected no problem, got " + problems.stream().map(TwinCheck.Problem::message).toList());
    }
  }

  private void expectKo(String name, TwinCheck.Kind kind, String item, Function<String, String> edit) {
    String edited = edit.apply(DEMO_KO);
    if (edited.equals(DEMO_KO)) {
      cases++;
      failures.add(name + ": the edit changed nothing (the self-test's fixture is out of date)");
      return;
    }
    expect(name, kind, item, DEMO_EN, edited);
  }

  private void expect(String name, TwinCheck.Kind kind, String item, String en, String ko) {
    cases++;
    List<TwinCheck.Problem> problems = compare(en, ko, DEMO_SOURCES);
    if (problems.stream().noneMatch(p -> p.kind() == kind && p.item().equals(item))) {
      failures.add("%s: expected a %s problem naming \"%s\", got %s".formatted(name, kind, item,
          problems.stream().map(TwinCheck.Problem::message).toList()));
    }
  }

  private static List<TwinCheck.Problem> compare(String en, String ko, Sources sources) {
    return TwinCheck.compare(new Handout(new Markdown("handouts/lab9-demo.md", en), sources),
        new Handout(new Markdown("handouts/ko/lab9-demo.md", ko), sources), TwinCheck.Scope.HANDOUT,
        "ko/lab9-demo.md", "../lab9-demo.md");
  }

  // ---------------------------------------------------------------- the repository's own pairs

  private void realPairs(Path root) throws IOException {
    Sources sources = Sources.scan(root);
    List<String[]> pairs = new ArrayList<>();
    try (var files = Files.list(root.resolve("handouts"))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted()
          .forEach(n -> pairs.add(new String[] {"handouts/" + n, "handouts/ko/" + n}));
    }
    pairs.add(new String[] {"README.md", "README.ko.md"});
    for (String[] pair : pairs) {
      String en = pair[0];
      String ko = pair[1];
      if (!Files.exists(root.resolve(en)) || !Files.exists(root.resolve(ko))) {
        continue; // the check itself reports the missing twin
      }
      TwinCheck.Scope scope = en.startsWith("handouts/") ? TwinCheck.Scope.HANDOUT : TwinCheck.Scope.README;
      Side side = new Side(en, ko, Files.readString(root.resolve(en)), Files.readString(root.resolve(ko)), sources, scope);
      Handout english = new Handout(new Markdown(en, side.enText()), sources);
      Handout korean = new Handout(new Markdown(ko, side.koText()), sources);
      nonEmpty(en, "commands", english.commands.size());
      for (String command : english.commands.keySet()) {
        deleted(side, TwinCheck.Kind.COMMAND, command, false, h -> h.commands);
        deleted(side, TwinCheck.Kind.COMMAND, command, true, h -> h.commands);
      }
      if (scope == TwinCheck.Scope.README) {
        continue;
      }
      nonEmpty(en, "test names", english.testNames.size());
      nonEmpty(en, "sections", english.sections.size());
      for (String test : english.testNames.keySet()) {
        deleted(side, TwinCheck.Kind.TEST, test, false, h -> h.testNames);
      }
      for (int i = 0; i < english.sections.size(); i++) {
        Markdown.Heading section = english.sections.get(i);
        int line = partner(english, i, korean);
        if (line < 0) {
          continue; // no partner to delete: the check itself reports the section as missing
        }
        cases++;
        List<String> lines = new ArrayList<>(side.koText().lines().toList());
        lines.remove(line - 1);
        Handout edited = new Handout(new Markdown(ko, String.join("\n", lines)), sources);
        List<TwinCheck.Problem> problems = TwinCheck.compare(english, edited, scope, "x", "y");
        if (problems.stream().noneMatch(p -> p.kind() == TwinCheck.Kind.SECTION && p.item().equals(section.marked()))) {
          failures.add("%s: deleting the twin of section \"%s\" from %s went unnoticed".formatted(en, section.marked(), ko));
        }
      }
      for (String output : english.programText.keySet()) {
        deleted(side, TwinCheck.Kind.OUTPUT, output, false, h -> h.programText);
      }
    }
  }

  /** One real pair's texts and how it is compared. */
  private record Side(String en, String ko, String enText, String koText, Sources sources, TwinCheck.Scope scope) {}

  /** The line of the Korean heading with the same key and rank as English section {@code i}, or -1. */
  private static int partner(Handout english, int i, Handout korean) {
    String key = TwinCheck.key(english.sections.get(i));
    long rank = english.sections.subList(0, i).stream().filter(h -> TwinCheck.key(h).equals(key)).count();
    return korean.sections.stream().filter(h -> TwinCheck.key(h).equals(key)).skip(rank)
        .mapToInt(Markdown.Heading::line).findFirst().orElse(-1);
  }

  /**
   * Deletes the lines on which {@code item} occurs from one side (the Korean twin, or the English
   * handout if {@code fromEnglish}) until the item is gone, and expects the check to name it.
   */
  private void deleted(Side pair, TwinCheck.Kind kind, String item, boolean fromEnglish,
      Function<Handout, Map<String, Handout.Item>> items) {
    cases++;
    String path = fromEnglish ? pair.en() : pair.ko();
    List<String> lines = new ArrayList<>((fromEnglish ? pair.enText() : pair.koText()).lines().toList());
    for (int round = 0; round < 50; round++) {
      Handout side = new Handout(new Markdown(path, String.join("\n", lines)), pair.sources());
      Handout.Item found = items.apply(side).get(item);
      if (found == null) {
        break;
      }
      lines.remove(found.line() - 1);
    }
    String edited = String.join("\n", lines);
    Handout english = new Handout(new Markdown(pair.en(), fromEnglish ? edited : pair.enText()), pair.sources());
    Handout korean = new Handout(new Markdown(pair.ko(), fromEnglish ? pair.koText() : edited), pair.sources());
    List<TwinCheck.Problem> problems = TwinCheck.compare(english, korean, pair.scope(), "x", "y");
    if (problems.stream().noneMatch(p -> p.kind() == kind && p.item().equals(item))) {
      failures.add("%s: deleting %s \"%s\" from %s went unnoticed".formatted(pair.en(), kind, item, path));
    }
  }

  private void nonEmpty(String file, String what, int count) {
    cases++;
    if (count == 0) {
      failures.add(file + ": the check found no " + what + " in it, so it would compare nothing; is the extraction broken?");
    }
  }

  // ---------------------------------------------------------------- handouts without a twin

  private void missingTwins() throws IOException {
    Path dir = Files.createTempDirectory("handout-twins");
    try {
      Files.createDirectories(dir.resolve("handouts/ko"));
      Files.writeString(dir.resolve("handouts/lab3-kvraft.md"), "# Lab 3\n\n## 1. Goal\n");
      Files.writeString(dir.resolve("handouts/ko/lab9-old.md"), "# 실습 9\n");
      List<TwinCheck.Problem> problems = HandoutTwins.checkRepository(dir, Sources.NONE).stream()
          .flatMap(r -> r.problems().stream()).toList();
      twin("a new English handout without a Korean twin", problems, "handouts/ko/lab3-kvraft.md", "write handouts/ko/lab3-kvraft.md");
      twin("a Korean handout whose English twin is gone", problems, "handouts/lab9-old.md", "has no English twin");
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private void twin(String name, List<TwinCheck.Problem> problems, String item, String words) {
    cases++;
    if (problems.stream().noneMatch(p -> p.kind() == TwinCheck.Kind.TWIN && p.item().equals(item) && p.message().contains(words))) {
      failures.add(name + ": expected a message naming " + item + ", got " + problems.stream().map(TwinCheck.Problem::message).toList());
    }
  }
}
