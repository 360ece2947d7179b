package grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import grader.course.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the grader's tests share: the course tree this module sits in, an output folder per test
 * under {@code target/test-grading}, running the CLI in this JVM, and submissions made from the
 * skeleton and the reference (Lab 2, the lab the tests grade).
 */
final class Fixtures {
  static final Path COURSE = Path.of("..").toAbsolutePath().normalize();
  static final Path LAB2_STUDENT = COURSE.resolve("lab2-raft/src/student/java");
  static final Path LAB2_SOLUTION = COURSE.resolve("lab2-raft/src/solution/java");

  private Fixtures() {}

  static Path out(String name) {
    Path p = Path.of("target", "test-grading", name).toAbsolutePath();
    FileTrees.delete(p);
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** Runs the CLI; returns its exit status and what it printed. */
  record Ran(int status, String out) {}

  static Ran grader(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (List.of("grade", "run").contains(args[0])) {
      // one pristine build for all the tests' runs
      all.addAll(1, List.of("--work", Path.of("target", "test-grading", ".work").toAbsolutePath().toString()));
    }
    if (!args[0].equals("merge")) {
      all.add(1, "--course");
      all.add(2, COURSE.toString());
    }
    PrintStream old = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Main.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    if (status != 0) {
      // quiet when it went well; everything it said when it did not
      oldErr.print(err.toString(StandardCharsets.UTF_8));
      old.print(out);
    }
    return new Ran(status, out);
  }

  /** A whole-tree submission of Lab 2 with the files of {@code studentDir}. */
  static Path lab2Submission(Path dir, Path studentDir) {
    FileTrees.copy(studentDir, dir.resolve("lab2-raft/src/student/java"), FileTrees.files(studentDir, f -> true));
    return dir;
  }

  /** The skeleton with {@code Hostile.run()} first in Raft's constructor and the corpus case's files. */
  static Path hostile(Path classDir, String name) {
    Path sub = lab2Submission(classDir.resolve(name), LAB2_STUDENT);
    Path raft = sub.resolve("lab2-raft/src/student/java/raft");
    try {
      String text = Files.readString(raft.resolve("Raft.java"));
      String injected = text.replaceFirst("(public Raft\\([^)]*\\)\\s*\\{)", "$1\n    Hostile.run();");
      assertThat(injected).as("the skeleton's constructor was found").isNotEqualTo(text);
      Files.writeString(raft.resolve("Raft.java"), injected);
      Files.writeString(raft.resolve("Hostile.java"), resource("hostile/" + name + "/Hostile.java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sub;
  }

  static String resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(Path file) {
    try {
      return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
