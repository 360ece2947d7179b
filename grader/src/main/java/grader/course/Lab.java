package grader.course;

import java.nio.file.Path;
import java.util.Set;

/**
 * One lab module of the course: its folder name ({@code lab2-raft}), the files a student edits
 * ({@code src/student/java}), the reference ({@code src/solution/java}), and what its graded
 * code may use beyond the default rules ({@link Course#ALLOW_PROPERTY} in the lab's pom).
 */
public record Lab(String name, Path dir, Set<String> allows) {
  /** Where a student's files go, relative to the course root. */
  public static final String STUDENT = "src/student/java";
  public static final String SOLUTION = "src/solution/java";

  public Path studentDir() {
    return dir.resolve(STUDENT);
  }

  public Path solutionDir() {
    return dir.resolve(SOLUTION);
  }

  /** The student folder relative to the course root, with forward slashes. */
  public String studentPrefix() {
    return name + "/" + STUDENT + "/";
  }
}
