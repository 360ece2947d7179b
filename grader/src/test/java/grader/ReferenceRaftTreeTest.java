package grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import grader.build.Maven;
import grader.build.TreeBuilder;
import grader.course.Course;
import grader.course.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code --reference-raft}: a graded tree holds no reference solution, except Lab 2's Raft when
 * the instructor grades later labs apart from Lab 2.
 */
class ReferenceRaftTreeTest {
  private static final String REFERENCE = "lab2-raft/src/solution/java/raft/Raft.java";

  @Test
  @DisplayName("only --reference-raft puts Lab 2's reference Raft into a graded tree")
  void referenceRaftOnlyWhenAsked() {
    Course course = Course.at(Fixtures.COURSE);
    Path plain = Fixtures.out("tree-plain");
    new TreeBuilder(course, Manifest.of(course), new Maven(true, Duration.ofMinutes(1)))
        .layOut(plain, Map.of());
    assertThat(plain.resolve(REFERENCE)).doesNotExist();
    assertThat(plain.resolve("lab3-kvraft/src/solution")).doesNotExist();

    Path withRaft = Fixtures.out("tree-reference-raft");
    new TreeBuilder(course, Manifest.of(course),
        new Maven(true, Duration.ofMinutes(1), List.of(TreeBuilder.REFERENCE_RAFT_PROFILE)))
        .layOut(withRaft, Map.of());
    assertThat(withRaft.resolve(REFERENCE)).exists();
    assertThat(withRaft.resolve("lab3-kvraft/src/solution")).doesNotExist();
  }

  @Test
  @DisplayName("--reference-raft on a tree without the reference says what is missing")
  void referenceRaftNeedsTheInstructorsTree() {
    Course instructors = Course.at(Fixtures.COURSE);
    Path release = Fixtures.out("release-like"); // given files and skeletons only, as exported
    new TreeBuilder(instructors, Manifest.of(instructors), new Maven(true, Duration.ofMinutes(1)))
        .layOut(release, Map.of());
    Course students = Course.at(release);
    TreeBuilder builder = new TreeBuilder(students, Manifest.of(students),
        new Maven(true, Duration.ofMinutes(1), List.of(TreeBuilder.REFERENCE_RAFT_PROFILE)));
    assertThatThrownBy(() -> builder.layOut(Fixtures.out("tree-missing"), Map.of()))
        .hasMessageContaining("--reference-raft needs Lab 2's reference Raft")
        .hasMessageContaining("instructors' tree");
  }
}
