package grader.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Maven command lines the grader runs. */
class MavenTest {
  @Test
  @DisplayName("--reference-raft builds with the course's reference-raft profile, offline by default")
  void profilesReachTheCommandLine() {
    Maven plain = new Maven(true, Duration.ofMinutes(1));
    assertThat(plain.command(Path.of("mvnw"), List.of("-q", "test-compile")))
        .containsExactly("mvnw", "-B", "-ntp", "-o", "-q", "test-compile");
    Maven onReference = new Maven(false, Duration.ofMinutes(1), List.of("reference-raft"));
    assertThat(onReference.command(Path.of("mvnw"), List.of("test-compile")))
        .containsExactly("mvnw", "-B", "-ntp", "-Preference-raft", "test-compile");
  }
}
