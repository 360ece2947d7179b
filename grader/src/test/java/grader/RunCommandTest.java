package grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code grader run}: seeds of a few tests; the reference passes all, the skeleton's failures replay. */
class RunCommandTest {
  @Test
  void theReferencePassesEverySeedAndTheSkeletonsFailuresComeWithReplayAndTrace() {
    Path out = Fixtures.out("run-reference");
    Fixtures.Ran ok = Fixtures.grader("run", "--solution", "-pl", "lab2-raft", "-t", "ElectionTest#initialElection",
        "-n", "4", "--per-jvm", "2", "--seed", "100", "--no-progress", "-o", out.toString());
    assertThat(ok.status()).isZero();
    assertThat(ok.out()).contains("| lab2-raft | ElectionTest#initialElection | 4 | 0 |").contains("runs (seeds) per minute");

    Path bad = Fixtures.out("run-skeleton");
    Fixtures.Ran failed = Fixtures.grader("run", "-pl", "lab2-raft", "-t", "ElectionTest#initialElection", "-n", "2",
        "--seed", "7", "-x", "--no-progress", "-o", bad.toString());
    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.out()).contains("replay: `./mvnw test -pl lab2-raft -Dtest='ElectionTest#initialElection' -Dlabs.seed=7`");
    assertThat(Files.isRegularFile(bad.resolve(
        "failures/lab2-raft/ElectionTest.initialElection/ElectionTest.initialElection-seed7.txt"))).isTrue();
  }
}
