package labs.checker.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.checker.CheckOptions;
import labs.checker.CheckResult;
import labs.checker.Checker;
import labs.checker.Operation;
import labs.checker.Verdict;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Append;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.checker.models.KvModel.Put;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The viewer page renders in a real headless Chromium: operations, lanes, failure marker. Where no
 * Chromium is installed the test is skipped with a one-line reason; CI requires it.
 */
class ViewerBrowserTest {
  private static final Path OUT = Path.of("target", "checker-viewer");
  private static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\">";

  @BeforeEach
  void needsABrowser() {
    Chromium.assumeInstalled("viewer browser test");
  }

  /** Two keys: "a" is fine; "b" reads a value that was never written. Three clients. */
  static CheckResult<Input, String> illegalHistory() {
    List<Operation<Input, String>> ops = List.of(
        Operation.of(0, new Put("a", "1"), null, 0, 10),
        Operation.of(1, new Get("a"), "1", 5, 15),
        Operation.of(2, new Append("a", "2"), null, 12, 30),
        Operation.of(0, new Get("a"), "12", 31, 40),
        Operation.of(1, new Put("b", "x"), null, 20, 25),
        Operation.of(2, new Get("b"), "x", 32, 38),
        Operation.of(0, new Append("b", HOSTILE), null, 41, 50),
        Operation.of(1, new Get("b"), "y", 45, 55),
        Operation.pending(2, new Put("b", "z"), 60));
    return Checker.check(KvModel.INSTANCE, ops, CheckOptions.ofSteps(10_000_000));
  }

  static List<Annotation> faults() {
    return List.of(
        new Annotation(18, 35, "partition {0} | {1,2}", "leader 0 cut off", "partition"),
        Annotation.at(44, "crash 1", "server 1 crashed", "crash"));
  }

  @Test
  @DisplayName("the page draws every operation, one lane per client, and the failure marker")
  void rendersInChromium() throws Exception {
    CheckResult<Input, String> result = illegalHistory();
    assertThat(result.verdict()).isEqualTo(Verdict.ILLEGAL);
    Path page = HistoryViewer.write(result, OUT.resolve("illegal-kv.html"), "illegal kv", faults());

    String dom = Chromium.dumpDom(page);

    assertThat(dom).contains("data-rendered=\"true\"");
    assertThat(count(dom, "<div class=\"op[ \"]")).isEqualTo(result.operations().size());
    // Partition "a": clients 0, 1, 2; partition "b": clients 0, 1, 2.
    assertThat(count(dom, "<div class=\"lane\" data-client=")).isEqualTo(6);
    assertThat(count(dom, "class=\"failure-marker\"")).isEqualTo(1);
    assertThat(count(dom, "class=\"op blocked")).isEqualTo(1);
    assertThat(dom).contains("get(\"b\") -&gt; \"y\"");
    assertThat(count(dom, "class=\"band-label kind-partition\"")).isEqualTo(2);
    assertThat(count(dom, "class=\"band kind-crash\"")).isEqualTo(2);
    // Text from the history is shown as text, never run as markup.
    assertThat(dom).doesNotContain("<img").contains("&lt;img src=x");
    assertThat(dom).contains("<title>illegal kv — ILLEGAL</title>");

    Path png = OUT.resolve("illegal-kv.png");
    Chromium.screenshot(page, png);
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
