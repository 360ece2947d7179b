package grader;

import static org.assertj.core.api.Assertions.assertThat;

import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Manifest;
import grader.release.LeakScan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The student release: exported, verified (builds, skeleton fails cleanly), and free of solution files. */
class ReleaseTest {
  @Test
  void theReleaseHasNoSolutionAndItsSkeletonFailsCleanly() {
    Path base = Fixtures.out("release");
    Path to = base.resolve("student-tree");
    Fixtures.Ran ran = Fixtures.grader("release", "--to", to.toString(), "-pl", "lab2-raft", "-t", "ElectionTest",
        "-o", base.resolve("verify").toString());
    assertThat(ran.status()).isZero();
    // every test of ElectionTest must have run and failed cleanly on the skeleton
    long electionTests = Fixtures.read(Fixtures.COURSE.resolve("lab2-raft/src/test/java/raft/ElectionTest.java"))
        .lines().filter(l -> l.strip().startsWith("@LabTest")).count();
    assertThat(electionTests).isPositive();
    assertThat(ran.out()).contains("verified: no solution file left, the release builds, " + electionTests
        + " skeleton test(s) fail cleanly");
    assertThat(FileTrees.files(to, f -> true)).noneMatch(f -> f.contains("/src/solution/")
        || f.contains("/src/test-solution/") || f.startsWith("grader/src/test/") || f.startsWith("bench/"));
    assertThat(Files.isRegularFile(to.resolve(Manifest.FILE))).isTrue();
    assertThat(Fixtures.read(to.resolve("README.md"))).contains("./mvnw test -pl lab2-raft -Dgroups=2A")
        .doesNotContain("-Psolution");

    // the scan finds a copied line of the reference, and a copied file
    Course course = Course.at(Fixtures.COURSE);
    assertThat(LeakScan.findings(course, to)).isEmpty();
    String solution = Fixtures.read(Fixtures.LAB2_SOLUTION.resolve("raft/Raft.java"));
    String line = LeakScan.distinctiveLines(course).entrySet().stream()
        .filter(e -> e.getValue().equals("lab2-raft/src/solution/java/raft/Raft.java")).map(java.util.Map.Entry::getKey)
        .sorted().findFirst().orElseThrow();
    Fixtures.write(to.resolve("lab2-raft/src/student/java/raft/Helper.java"), "class Helper {\n  " + line + "\n}\n");
    Fixtures.write(to.resolve("notes/Copy.java"), solution);
    assertThat(LeakScan.findings(course, to)).anyMatch(f -> f.startsWith("lab2-raft/src/student/java/raft/Helper.java"))
        .anyMatch(f -> f.startsWith("notes/Copy.java: has the same bytes"));
  }
}
