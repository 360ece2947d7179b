package grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import grader.course.FileTrees;
import grader.exec.Fork;
import grader.exec.ForkResult;
import grader.exec.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The Gradescope autograder, run locally: the zip is unpacked into a temporary {@code /autograder}
 * layout ({@code source}, {@code submission}, {@code results}), {@code setup.sh} prepares it (the
 * JDK is already there), and {@code run_autograder} grades a reference and a broken submission
 * (loose files, as students upload them). Each {@code results.json} has Gradescope's fields.
 */
class GradescopeTest {
  private static final Set<String> VISIBILITY = Set.of("hidden", "after_due_date", "after_published", "visible");

  @Test
  void runAutograderGradesAReferenceAndABrokenSubmission() throws IOException {
    Path base = Fixtures.out("gradescope");
    assertThat(Fixtures.grader("gradescope", "-pl", "lab2-raft", "-t", "ElectionTest#initialElection", "-n", "1",
        "--to", base.resolve("zip").toString()).status()).isZero();
    Path ag = base.resolve("autograder");
    unzip(base.resolve("zip/autograder.zip"), ag.resolve("source"));
    assertThat(Files.isRegularFile(ag.resolve("source/setup.sh"))).isTrue();
    assertThat(Files.exists(ag.resolve("source/course/lab2-raft/src/solution"))).as("no solution in the zip").isFalse();
    Files.copy(ag.resolve("source/run_autograder"), ag.resolve("run_autograder"));
    assertThat(bash(ag, ag.resolve("source/setup.sh")).exitCode()).isZero();

    // the reference, uploaded as loose files
    FileTrees.copy(Fixtures.LAB2_SOLUTION.resolve("raft"), ag.resolve("submission"),
        FileTrees.files(Fixtures.LAB2_SOLUTION.resolve("raft"), f -> true));
    assertThat(bash(ag, ag.resolve("run_autograder")).exitCode()).isZero();
    JsonObject good = valid(ag.resolve("results/results.json"));
    double score = 0;
    for (JsonElement t : good.getAsJsonArray("tests")) {
      score += t.getAsJsonObject().get("score").getAsDouble();
      assertThat(t.getAsJsonObject().get("status").getAsString()).isEqualTo("passed");
    }
    assertThat(score).isEqualTo(5.0);

    // a submission that does not compile
    FileTrees.delete(ag.resolve("submission"));
    FileTrees.delete(ag.resolve("results"));
    Fixtures.write(ag.resolve("submission/Raft.java"), "package raft;\npublic class Raft { broken }\n");
    assertThat(bash(ag, ag.resolve("run_autograder")).exitCode()).isZero();
    JsonObject bad = valid(ag.resolve("results/results.json"));
    assertThat(bad.get("output").getAsString()).contains("does not compile").contains("Raft.java");
    for (JsonElement t : bad.getAsJsonArray("tests")) {
      assertThat(t.getAsJsonObject().get("score").getAsDouble()).isZero();
      assertThat(t.getAsJsonObject().get("status").getAsString()).isEqualTo("failed");
    }
  }

  /** Checks the fields Gradescope's specification documents, and returns the file's object. */
  private static JsonObject valid(Path results) {
    JsonObject r = Fixtures.json(results);
    assertThat(r.get("execution_time").getAsJsonPrimitive().isNumber()).isTrue();
    assertThat(r.get("output").getAsJsonPrimitive().isString()).isTrue();
    assertThat(VISIBILITY).contains(r.get("visibility").getAsString(), r.get("stdout_visibility").getAsString());
    assertThat(r.getAsJsonArray("tests")).isNotEmpty();
    for (JsonElement e : r.getAsJsonArray("tests")) {
      JsonObject t = e.getAsJsonObject();
      assertThat(t.get("score").getAsJsonPrimitive().isNumber()).isTrue();
      assertThat(t.get("max_score").getAsJsonPrimitive().isNumber()).isTrue();
      assertThat(t.get("status").getAsString()).isIn("passed", "failed");
      assertThat(t.get("name").getAsString()).isNotBlank();
      assertThat(t.get("number").getAsString()).isNotBlank();
      assertThat(t.get("output").getAsJsonPrimitive().isString()).isTrue();
      assertThat(VISIBILITY).contains(t.get("visibility").getAsString());
    }
    return r;
  }

  private static ForkResult bash(Path ag, Path script) {
    ForkResult r = Fork.run(List.of("bash", script.toString()), ag, Map.of("AUTOGRADER_ROOT", ag.toString(),
        "JAVA_HOME", System.getProperty("java.home")), null, ag.resolve(script.getFileName() + ".log"),
        new Limits(Duration.ofMinutes(10), "1g", 16L << 20));
    System.out.println(r.output());
    return r;
  }

  private static void unzip(Path zip, Path to) throws IOException {
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries())) {
        Path target = to.resolve(e.getName());
        Files.createDirectories(target.getParent());
        try (var in = z.getInputStream(e)) {
          Files.copy(in, target);
        }
        if ((e.getUnixMode() & 0100) != 0) {
          Files.setPosixFilePermissions(target, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        }
      }
    }
  }
}
