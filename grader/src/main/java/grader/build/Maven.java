package grader.build;

import grader.exec.Fork;
import grader.exec.ForkResult;
import grader.exec.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the course's own Maven Wrapper in a tree, on the JDK the grader runs on, offline unless
 * told otherwise (a machine that graded once has everything in its local repository).
 */
public record Maven(boolean offline, Duration timeout) {
  public static final Maven DEFAULT = new Maven(true, Duration.ofMinutes(10));

  public ForkResult run(Path tree, Path log, List<String> args) {
    return run(tree.resolve("mvnw"), tree, log, args);
  }

  /** Runs the course's wrapper on a pom outside the course tree. */
  public ForkResult runPom(Path courseRoot, Path pom, Path log, List<String> args) {
    List<String> all = new ArrayList<>(List.of("-f", pom.toString()));
    all.addAll(args);
    return run(courseRoot.resolve("mvnw"), courseRoot, log, all);
  }

  private ForkResult run(Path mvnw, Path tree, Path log, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(mvnw.toString(), "-B", "-ntp"));
    if (offline) {
      cmd.add("-o");
    }
    cmd.addAll(args);
    return Fork.run(cmd, tree, Map.of("JAVA_HOME", System.getProperty("java.home")), null, log,
        new Limits(timeout, "1g", 32L << 20));
  }
}
