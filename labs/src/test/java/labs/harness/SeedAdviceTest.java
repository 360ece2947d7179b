package labs.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import labs.runtime.World;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The advice to try many seeds: only after a green run of single random seeds. */
class SeedAdviceTest {
  private static Settings settings(Long seed, int iterations) {
    return new Settings(seed, iterations, false, true, World.Mode.SIMULATION, false,
        Duration.ofSeconds(10), "lab2-raft", false, false);
  }

  private static SeedAdvice afterRuns(Settings settings, int passed, int failed) {
    SeedAdvice advice = new SeedAdvice(settings);
    for (int i = 0; i < passed + failed; i++) {
      advice.started();
    }
    for (int i = 0; i < passed; i++) {
      advice.passed();
    }
    return advice;
  }

  @Test
  @DisplayName("a green run of one random seed per test suggests the many-seeds command")
  void greenSingleSeedRunSuggestsManySeeds() {
    assertThat(afterRuns(settings(null, 1), 3, 0).line())
        .contains("3 tests passed, each with one random seed")
        .endsWith("./mvnw test -pl lab2-raft -Dlabs.iterations=50");
  }

  @Test
  @DisplayName("no advice after a failure, a fixed seed, many seeds or no lab test at all")
  void silentOtherwise() {
    assertThat(afterRuns(settings(null, 1), 2, 1).line()).isNull();
    assertThat(afterRuns(settings(42L, 1), 3, 0).line()).isNull();
    assertThat(afterRuns(settings(null, 50), 3, 0).line()).isNull();
    assertThat(afterRuns(settings(null, 1), 0, 0).line()).isNull();
  }
}
