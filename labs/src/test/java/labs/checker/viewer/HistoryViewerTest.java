package labs.checker.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import labs.checker.CheckResult;
import labs.checker.models.KvModel.Input;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The page is self-contained and carries the history as escaped data. */
class HistoryViewerTest {

  @Test
  @DisplayName("the page needs no network and embeds no history text as markup")
  void selfContainedAndEscaped() {
    CheckResult<Input, String> result = ViewerBrowserTest.illegalHistory();
    String html = HistoryViewer.render(result, "t</title><script>alert(1)</script>",
        ViewerBrowserTest.faults());
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    assertThat(html).doesNotContain("<img src=x", "</title><script>alert");
    assertThat(html).contains("\\u003cimg src\\u003dx");
    assertThat(html).contains("<script type=\"application/json\" id=\"history-data\">{");
    assertThat(html).doesNotContain("VIEWER_DATA", "/*VIEWER_CSS*/", "/*VIEWER_JS*/");
  }

  @Test
  @DisplayName("writeIfNotOk writes under target/linearizability only for failed checks")
  void writesOnlyFailures() throws Exception {
    CheckResult<Input, String> result = ViewerBrowserTest.illegalHistory();
    Path page = HistoryViewer.writeIfNotOk(result, "viewer test/illegal", List.of()).orElseThrow();
    assertThat(page).isEqualTo(Path.of("target", "linearizability", "viewer_test_illegal.html"));
    assertThat(Files.readString(page)).contains("ILLEGAL");
    assertThat(result.describe(page)).contains("History viewer: file:/", "viewer_test_illegal.html");
  }

  @Test
  @DisplayName("annotations that end before they start are rejected")
  void badAnnotation() {
    assertThatThrownBy(() -> new Annotation(5, 4, "x", "", "crash"))
        .hasMessageContaining("ends at 4, before it starts at 5");
  }

  @Test
  @DisplayName("times map to ranks, with annotations in between interpolated")
  void ranks() {
    long[] times = {10, 20, 40};
    assertThat(ViewerData.rank(times, 20)).isEqualTo(1.0);
    assertThat(ViewerData.rank(times, 30)).isEqualTo(1.5);
    assertThat(ViewerData.rank(times, 5)).isEqualTo(-0.5);
    assertThat(ViewerData.rank(times, 99)).isEqualTo(2.5);
  }
}
