package grader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long runs, opt-in ({@code ./mvnw verify -pl grader -Dgrader.long=true -Dtest=LongRunTest}):
 * 20 seeds of every Lab 2 test on the reference with no failure (the throughput is printed), and
 * the reference graded in full.
 */
@EnabledIfSystemProperty(named = "grader.long", matches = "true")
class LongRunTest {
  @Test
  void twentySeedsOfEveryLab2TestOnTheReference() {
    Fixtures.Ran r = Fixtures.grader("run", "--solution", "-pl", "lab2-raft", "-n", "20", "--seed", "1",
        "--no-progress", "-o", Fixtures.out("long-run").toString());
    assertThat(r.out()).contains(" 0 failed");
    assertThat(r.status()).isZero();
  }

  @Test
  void theReferenceGetsFullPoints() {
    Fixtures.Ran r = Fixtures.grader("grade", "--reference", "-o", Fixtures.out("long-grade").toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).containsPattern("reference: (\\d+) / \\1 points");
  }
}
