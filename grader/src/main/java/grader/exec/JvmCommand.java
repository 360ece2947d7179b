package grader.exec;

import grader.runner.TestRunner;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a forked test JVM: the course's JVM flags ({@code labs.argLine}, with the
 * race agent of the tree the JVM runs in), the heap limit (the JVM ends at once when it runs out,
 * so that no catch block can hide it), the race detector's switch, then the lab's class path
 * followed by the runner and the JUnit launcher.
 *
 * @param race whether the tests run with the race detector ({@code -Dlabs.race=true})
 */
public record JvmCommand(List<String> argLine, String heap, boolean race) {
  public List<String> command(Path treeRoot, List<String> labClasspath, List<String> properties, String... runnerArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : argLine) {
      cmd.add(flag.replace(JvmFlags.TREE_ROOT, treeRoot.toAbsolutePath().normalize().toString()));
    }
    cmd.add("-Dlabs.race=" + race);
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Xshare:auto");
    cmd.addAll(properties);
    Set<String> cp = new LinkedHashSet<>(labClasspath);
    cp.addAll(runnerClasspath());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add(TestRunner.class.getName());
    cmd.addAll(List.of(runnerArgs));
    return cmd;
  }

  /** Where the runner, the JUnit launcher and Gson live in this JVM (a folder or a jar each). */
  static List<String> runnerClasspath() {
    List<String> out = new ArrayList<>();
    for (Class<?> c : List.of(TestRunner.class, org.junit.platform.launcher.Launcher.class, com.google.gson.Gson.class)) {
      try {
        out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
