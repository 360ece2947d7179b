package grader.exec;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import grader.build.BuiltTree;
import grader.course.Lab;
import grader.runner.RunnerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Lists a lab's tests by running {@code TestRunner list} on its built test classes. */
public final class Discovery {
  private Discovery() {}

  /** The tests listed by an earlier run on the same (unchanged) pristine tree, or listed now. */
  public static List<TestCase> cached(BuiltTree tree, Lab lab, JvmCommand jvm, Path workDir) {
    Path out = workDir.resolve(lab.name() + "-tests.json");
    return Files.isRegularFile(out) ? read(lab, out) : tests(tree, lab, jvm, workDir);
  }

  public static List<TestCase> tests(BuiltTree tree, Lab lab, JvmCommand jvm, Path workDir) {
    Path out = workDir.resolve(lab.name() + "-tests.json");
    Path log = workDir.resolve(lab.name() + "-discovery.log");
    try {
      Files.createDirectories(workDir);
      Files.deleteIfExists(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = jvm.command(tree.root(), tree.classpath(lab), List.of(), "list", out.toString(),
        tree.testClasses(lab).toString());
    ForkResult r = Fork.run(cmd, workDir, java.util.Map.of(), null, log, new Limits(Duration.ofMinutes(2), "512m", 4L << 20));
    if (r.exitCode() != 0 || !Files.isRegularFile(out)) {
      throw new IllegalStateException("could not list the tests of " + lab.name() + " (exit " + r.exitCode()
          + "):\n" + r.output());
    }
    return read(lab, out);
  }

  private static List<TestCase> read(Lab lab, Path out) {
    try {
      List<RunnerRecord.Listed> listed = new Gson().fromJson(Files.readString(out),
          new TypeToken<List<RunnerRecord.Listed>>() {}.getType());
      List<TestCase> tests = new ArrayList<>();
      for (RunnerRecord.Listed l : listed) {
        tests.add(new TestCase(lab.name(), l));
      }
      return tests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
