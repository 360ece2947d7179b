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
 * told otherwise (a machine that graded once has everything in its local repository), with the
 * course's profiles to activate (for example {@code reference-raft}: later labs on the reference
 * Raft).
 */
public record Maven(boolean offline, Duration timeout, List<String> profiles) {
  public static final Maven DEFAULT = new Maven(true, Duration.ofMinutes(10));

  public Maven {
    profiles = List.copyOf(profiles);
  }

  public Maven(boolean offline, Duration timeout) {
    this(offline, timeout, List.of());
  }

  private static boolean mentionsOffline(Path log) {
    try {
      return java.nio.file.Files.readString(log).contains("offline");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  public ForkResult run(Path tree, Path log, List<String> args) {
    return run(tree.resolve("mvnw"), tree, log, args);
  }

  /** Runs the course's wrapper on a pom outside the course tree. */
  public ForkResult runPom(Path courseRoot, Path pom, Path log, List<String> args) {
    List<String> all = new ArrayList<>(List.of("-f", pom.toString()));
    all.addAll(args);
    return run(courseRoot.resolve("mvnw"), courseRoot, log, all);
  }

  /** The command line that runs {@code args} with the wrapper {@code mvnw}. */
  List<String> command(Path mvnw, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(mvnw.toString(), "-B", "-ntp"));
    if (offline) {
      cmd.add("-o");
    }
    if (!profiles.isEmpty()) {
      cmd.add("-P" + String.join(",", profiles));
    }
    cmd.addAll(args);
    return cmd;
  }

  private ForkResult run(Path mvnw, Path tree, Path log, List<String> args) {
    List<String> cmd = command(mvnw, args);
    // A Maven that runs the grader (its tests, say) must not hand its own project folder down.
    Map<String, String> env = new java.util.HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MAVEN_PROJECTBASEDIR", null);
    env.put("MAVEN_ARGS", null);
    // short builds: the quick JIT and a small collector halve Maven's time here
    env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto");
    env.put("MAVEN_CONFIG", null);
    ForkResult r = Fork.run(cmd, tree, env, null, log, new Limits(timeout, "1g", 32L << 20));
    if (offline && r.exitCode() != 0 && r.killed() == null && mentionsOffline(log)) {
      // a machine that has not fetched everything yet: once more, allowed to download
      cmd.remove("-o");
      r = Fork.run(cmd, tree, env, null, log, new Limits(timeout, "1g", 32L << 20));
    }
    return r;
  }
}
