package grader.exec;

/** What the grader fills into the course's JVM flags ({@code labs.argLine}) for each test JVM. */
public final class JvmFlags {
  /**
   * Stands for the root of the course tree in {@code labs.argLine} (the race agent's jar is in
   * its {@code labs/target}); the grader puts in the root of the copy the JVM runs.
   */
  public static final String TREE_ROOT = "${maven.multiModuleProjectDirectory}";

  private JvmFlags() {}
}
