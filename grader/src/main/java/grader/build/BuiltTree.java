package grader.build;

import grader.course.Course;
import grader.course.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A course tree that compiled: its root and, per lab, the test class path Maven resolved.
 *
 * @param root the tree's root folder
 * @param classpaths per lab name, the test class path (test classes, classes, dependencies)
 */
public record BuiltTree(Path root, Map<String, List<String>> classpaths) {
  /** Where the build writes each module's class path. */
  static final String CLASSPATH_FILE = "target/grader-classpath.txt";

  public Path labDir(Lab lab) {
    return root.resolve(lab.name());
  }

  public Path testClasses(Lab lab) {
    return labDir(lab).resolve("target/test-classes");
  }

  public Path classes(Lab lab) {
    return labDir(lab).resolve("target/classes");
  }

  /** The lab's test class path: its own test classes and classes first, then what Maven resolved. */
  public List<String> classpath(Lab lab) {
    List<String> cp = classpaths.get(lab.name());
    if (cp == null) {
      throw new IllegalStateException("lab " + lab.name() + " was not built in " + root);
    }
    return cp;
  }

  /** This tree's class path of {@code lab} moved to another copy of the tree. */
  BuiltTree relocated(Path other, Lab lab) {
    String from = root.toString();
    List<String> cp = classpath(lab).stream()
        .map(e -> e.startsWith(from + "/") ? other + e.substring(from.length()) : e).toList();
    return new BuiltTree(other, Map.of(lab.name(), cp));
  }

  static List<String> readClasspath(Path tree, Lab lab) {
    Path file = tree.resolve(lab.name()).resolve(CLASSPATH_FILE);
    try {
      List<String> cp = new ArrayList<>();
      cp.add(tree.resolve(lab.name()).resolve("target/test-classes").toString());
      cp.add(tree.resolve(lab.name()).resolve("target/classes").toString());
      for (String e : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
        if (!e.isBlank()) {
          cp.add(e);
        }
      }
      return List.copyOf(cp);
    } catch (IOException e) {
      throw new UncheckedIOException("the build wrote no class path for " + lab.name() + " (" + file + ")", e);
    }
  }

  public static BuiltTree of(Path tree, Course course, List<Lab> labs) {
    Map<String, List<String>> cps = new java.util.LinkedHashMap<>();
    for (Lab lab : labs) {
      cps.put(lab.name(), readClasspath(tree, lab));
    }
    return new BuiltTree(tree, Map.copyOf(cps));
  }
}
