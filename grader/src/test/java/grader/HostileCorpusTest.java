package grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus (src/test/resources/hostile, documented in grader/README.md): each case is
 * graded in one class run, after which every case has its documented verdict and reason, the
 * batch went on (the reference graded last still gets full points), and nothing hung. Then the
 * cases the static check stops are graded again without it, to show what the process limits and
 * the tree check do on their own.
 */
class HostileCorpusTest {
  private static final String TEST = "ElectionTest#initialElection";

  /** case -> lab status, and a piece of the first test's reason (or of the lab's reason). */
  private static final Map<String, String[]> WITH_SCAN = new LinkedHashMap<>();

  static {
    WITH_SCAN.put("exit", new String[] {"rejected", "System.exit"});
    WITH_SCAN.put("loop", new String[] {"graded", "BUSY_LOOP"});
    WITH_SCAN.put("deadlock", new String[] {"graded", "DEADLOCK"});
    WITH_SCAN.put("threads", new String[] {"rejected", "Thread.start"});
    WITH_SCAN.put("print", new String[] {"graded", "printed more than the output limit"});
    WITH_SCAN.put("memory", new String[] {"graded", "ran out of memory"});
    WITH_SCAN.put("files", new String[] {"rejected", "file access"});
    WITH_SCAN.put("reflection", new String[] {"rejected", "reflection"});
    WITH_SCAN.put("sockets", new String[] {"rejected", "network access"});
    WITH_SCAN.put("shadow", new String[] {"rejected", "package 'labs.harness', which is not the lab's"});
    WITH_SCAN.put("tamper", new String[] {"graded", "no election was won"});
  }

  @Test
  void everyHostileSubmissionGetsItsVerdictAndTheBatchGoesOn() {
    Path base = Fixtures.out("hostile");
    Path classDir = base.resolve("submissions");
    for (String name : WITH_SCAN.keySet()) {
      if (name.equals("tamper")) {
        tamper(classDir.resolve(name));
      } else if (name.equals("shadow")) {
        Path sub = Fixtures.hostile(classDir, name);
        Fixtures.write(sub.resolve("lab2-raft/src/student/java/labs/harness/SeededRun.java"),
            Fixtures.resource("hostile/shadow/SeededRun.java.txt"));
      } else {
        Fixtures.hostile(classDir, name);
      }
    }
    // sorts after every hostile case: it is graded last
    Fixtures.lab2Submission(classDir.resolve("zz-reference"), Fixtures.LAB2_SOLUTION);
    Path out = base.resolve("graded");
    assertThat(Fixtures.grader("grade", "--class", classDir.toString(), "-pl", "lab2-raft", "-t", TEST, "-n", "1",
        "--test-timeout", "90", "--memory", "256m", "--output-limit", "4", "--parallel", "2", "-o", out.toString())
        .status()).isZero();

    for (var e : WITH_SCAN.entrySet()) {
      JsonObject lab = firstLab(out, e.getKey());
      assertThat(lab.get("status").getAsString()).as(e.getKey()).isEqualTo(e.getValue()[0]);
      assertThat(reasons(lab)).as(e.getKey()).contains(e.getValue()[1]);
      assertThat(lab.get("points").getAsDouble()).as(e.getKey()).isZero();
    }
    JsonObject tamper = Fixtures.json(out.resolve("tamper/result.json"));
    assertThat(tamper.getAsJsonArray("tampering").toString())
        .contains("lab2-raft/pom.xml differs").contains("ElectionTest.java differs");
    JsonObject reference = Fixtures.json(out.resolve("zz-reference/result.json"));
    assertThat(reference.get("points").getAsDouble()).isEqualTo(reference.get("maxPoints").getAsDouble()).isPositive();
    assertThat(Fixtures.read(out.resolve("grades.csv")).lines()).hasSize(WITH_SCAN.size() + 2);
  }

  @Test
  void withoutTheScanTheProcessLimitsAndTheTreeCheckStillDecide() {
    Path base = Fixtures.out("hostile-no-scan");
    Path classDir = base.resolve("submissions");
    Fixtures.hostile(classDir, "exit");
    Fixtures.hostile(classDir, "files");
    Path out = base.resolve("graded");
    assertThat(Fixtures.grader("grade", "--class", classDir.toString(), "--no-scan", "-pl", "lab2-raft", "-t", TEST,
        "-n", "1", "--test-timeout", "20", "--parallel", "2", "-o", out.toString()).status()).isZero();
    // System.exit from a simulated thread blocks on the JVM's shutdown: the simulation sees no thread
    // able to run; either way the run fails and counts nothing
    JsonObject exit = firstLab(out, "exit");
    assertThat(exit.get("points").getAsDouble()).isZero();
    assertThat(reasons(exit)).containsAnyOf("DEADLOCK", "exited", "no result within");
    JsonObject files = firstLab(out, "files");
    assertThat(files.get("status").getAsString()).isEqualTo("void");
    assertThat(files.get("reason").getAsString()).contains("escaped.txt (added)");
  }

  private static JsonObject firstLab(Path out, String id) {
    return Fixtures.json(out.resolve(id).resolve("result.json")).getAsJsonArray("labs").get(0).getAsJsonObject();
  }

  private static String reasons(JsonObject lab) {
    String own = lab.has("reason") ? lab.get("reason").getAsString() : "";
    return own + " " + lab.getAsJsonArray("tests").get(0).getAsJsonObject().get("reason").getAsString();
  }

  /** The skeleton, a pom that skips the tests, and a test whose checks are gone. */
  private static void tamper(Path sub) {
    Fixtures.lab2Submission(sub, Fixtures.LAB2_STUDENT);
    String pom = Fixtures.read(Fixtures.COURSE.resolve("lab2-raft/pom.xml"));
    Fixtures.write(sub.resolve("lab2-raft/pom.xml"), pom.replace("<artifactId>lab2-raft</artifactId>",
        "<artifactId>lab2-raft</artifactId><properties><maven.test.skip>true</maven.test.skip></properties>"));
    String test = Fixtures.read(Fixtures.COURSE.resolve("lab2-raft/src/test/java/raft/ElectionTest.java"));
    Fixtures.write(sub.resolve("lab2-raft/src/test/java/raft/ElectionTest.java"),
        test.replace("t.checkOneLeader();", "// checks removed"));
  }
}
