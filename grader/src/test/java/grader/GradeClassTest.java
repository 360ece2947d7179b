package grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small class (the reference, the skeleton, a submission that does not compile) graded on a
 * few Lab 2 tests with one seed: full points, zero with a reason per test, a build-error report;
 * and the same class graded in two shards and merged gives the same CSV.
 */
class GradeClassTest {
  static final String TESTS = "ElectionTest#initialElection,AgreementTest#basicAgreement";
  static Path classDir;
  static Path whole;

  @BeforeAll
  static void gradeTheClass() {
    Path base = Fixtures.out("class");
    classDir = base.resolve("submissions");
    Fixtures.lab2Submission(classDir.resolve("reference"), Fixtures.LAB2_SOLUTION);
    Fixtures.lab2Submission(classDir.resolve("skeleton"), Fixtures.LAB2_STUDENT);
    Path broken = Fixtures.lab2Submission(classDir.resolve("broken"), Fixtures.LAB2_STUDENT);
    Fixtures.write(broken.resolve("lab2-raft/src/student/java/raft/Extra.java"),
        "package raft;\nclass Extra { int x = \"no\"; }\n");
    whole = base.resolve("whole");
    assertThat(Fixtures.grader("grade", "--class", classDir.toString(), "-pl", "lab2-raft", "-t", TESTS, "-n", "1",
        "-o", whole.toString()).status()).isZero();
  }

  @Test
  void theReferenceGetsFullPoints() {
    JsonObject r = Fixtures.json(whole.resolve("reference/result.json"));
    assertThat(r.get("points").getAsDouble()).isEqualTo(r.get("maxPoints").getAsDouble()).isGreaterThan(0);
    assertThat(Files.exists(whole.resolve("reference/report.html"))).isTrue();
    assertThat(Fixtures.read(whole.resolve("reference/junit.xml"))).contains("<testcase").doesNotContain("<failure");
  }

  @Test
  void theSkeletonGetsZeroWithAReasonPerTest() {
    JsonObject r = Fixtures.json(whole.resolve("skeleton/result.json"));
    assertThat(r.get("points").getAsDouble()).isZero();
    for (JsonElement t : r.getAsJsonArray("labs").get(0).getAsJsonObject().getAsJsonArray("tests")) {
      JsonObject test = t.getAsJsonObject();
      if (test.get("maxPoints").getAsInt() > 0) {
        assertThat(test.get("verdict").getAsString()).isEqualTo("failed");
        // the test's own message, with the seed's replay command and its trace
        assertThat(test.get("reason").getAsString()).contains("seed 1").doesNotContain("JVM");
        JsonObject run = test.getAsJsonArray("failed").get(0).getAsJsonObject();
        assertThat(run.get("replay").getAsString()).startsWith("./mvnw test -pl lab2-raft -Dtest=");
        assertThat(Files.exists(whole.resolve("skeleton").resolve(run.get("trace").getAsString()))).isTrue();
      }
    }
    assertThat(Fixtures.read(whole.resolve("skeleton/report.md"))).contains("replay: `./mvnw test -pl lab2-raft");
  }

  @Test
  void aBuildErrorIsAReportWithTheCompilersMessage() {
    JsonObject lab = Fixtures.json(whole.resolve("broken/result.json")).getAsJsonArray("labs").get(0).getAsJsonObject();
    assertThat(lab.get("status").getAsString()).isEqualTo("build-failed");
    assertThat(lab.get("buildErrors").getAsString()).contains("Extra.java").contains("incompatible types");
  }

  @Test
  void twoShardsMergedGiveTheUnshardedCsv() {
    Path base = classDir.getParent();
    for (int i = 1; i <= 2; i++) {
      assertThat(Fixtures.grader("grade", "--class", classDir.toString(), "--shard", i + "/2", "-pl", "lab2-raft",
          "-t", TESTS, "-n", "1", "-o", base.resolve("shard" + i).toString()).status()).isZero();
    }
    assertThat(Fixtures.grader("merge", base.resolve("shard1").toString(), base.resolve("shard2").toString(),
        "-o", base.resolve("merged").toString()).status()).isZero();
    String merged = Fixtures.read(base.resolve("merged/grades.csv"));
    assertThat(merged).isEqualTo(Fixtures.read(whole.resolve("grades.csv")));
    assertThat(merged.lines()).hasSize(4);
  }
}
