package grader.scan;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import grader.course.FileTrees;
import grader.course.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The static check of a submission's compiled student classes, before any of them runs: the
 * {@link GradingRules}, and that student classes stay in the lab's own packages and never take the
 * name of a test class (a class on the class path first would replace the tester's).
 */
public final class Scan {
  private static final int MAX_LINES = 30;

  private Scan() {}

  /**
   * @param lab the lab
   * @param classes the lab's compiled main classes (given and student) in the submission's tree
   * @param pristineClasses the same folder in the pristine build (its classes are the given ones
   *     and the skeleton's)
   * @param testClasses the lab's compiled tests
   * @return one line per violation (empty: nothing found)
   */
  public static List<String> check(Lab lab, Path classes, Path pristineClasses, Path testClasses,
      Set<String> givenSources) {
    JavaClasses all = new ClassFileImporter().importPath(classes);
    Set<String> packages = new HashSet<>();
    for (JavaClass c : new ClassFileImporter().importPath(pristineClasses)) {
      packages.add(c.getPackageName());
    }
    Set<String> testNames = new HashSet<>();
    if (Files.isDirectory(testClasses)) {
      for (String f : FileTrees.files(testClasses, n -> n.endsWith(".class"))) {
        testNames.add(f.substring(0, f.length() - ".class".length()).replace('/', '.'));
      }
    }
    List<JavaClass> student = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (JavaClass c : all) {
      String source = c.getSource().flatMap(s -> s.getFileName()).orElse("?");
      String key = c.getPackageName().replace('.', '/') + "/" + source;
      if (givenSources.contains(key)) {
        continue;
      }
      student.add(c);
      if (!packages.contains(c.getPackageName())) {
        out.add(c.getName() + " (" + source + ") is in package '" + c.getPackageName() + "', which is not the lab's: "
            + "student classes stay in the packages of the lab's files " + packages.stream().sorted().toList());
      }
      if (testNames.contains(c.getName())) {
        out.add(c.getName() + " (" + source + ") has the name of a test class: rename it");
      }
    }
    if (student.isEmpty()) {
      return out;
    }
    JavaClasses studentClasses = all.that(new com.tngtech.archunit.base.DescribedPredicate<>("student classes") {
      @Override
      public boolean test(JavaClass c) {
        return student.contains(c);
      }
    });
    for (ArchRule rule : GradingRules.rules(lab.allows())) {
      EvaluationResult r = rule.allowEmptyShould(true).evaluate(studentClasses);
      if (r.hasViolation()) {
        String why = rule.getDescription().replaceFirst("^.*because ", "");
        for (String line : r.getFailureReport().getDetails()) {
          if (out.size() < MAX_LINES) {
            out.add(shorten(line) + "  [" + why + "]");
          }
        }
      }
    }
    return out;
  }

  /** "Method <raft.Raft.<init>(...)> calls method <java.lang.System.exit(int)> in (Raft.java:80)" made shorter. */
  private static String shorten(String line) {
    return line.replace("Method <", "").replace("Constructor <", "").replace("> calls method <", " calls ")
        .replace("> calls constructor <", " calls new ").replace("> in (", " at (").replace("java.lang.", "");
  }
}
