package labs.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import labs.rules.StudentCodeRules;

/**
 * Runs the rules for student code before the first lab test of a JVM (once per set of classes: a
 * class loader and its student packages), so that a single test, a replay, or the whole lab never
 * runs code that cannot be replayed. A violation fails every lab test of the JVM with the rules'
 * message, before the test starts.
 */
final class RulesGate {
  private record Key(ClassLoader loader, List<String> packages) {}

  private static final Map<Key, String> VIOLATIONS = new ConcurrentHashMap<>();

  private RulesGate() {}

  /** The student's packages for {@code testClass}: its {@link StudentCode}, or else its own package. */
  static List<String> studentPackages(Class<?> testClass) {
    StudentCode declared = testClass.getAnnotation(StudentCode.class);
    return declared != null ? Arrays.asList(declared.value()) : List.of(testClass.getPackageName());
  }

  /** The rules' message for the student code of {@code testClass}, or "" if it follows them. */
  static String violations(Class<?> testClass) {
    List<String> packages = studentPackages(testClass);
    if (packages.isEmpty()) {
      return "";
    }
    return VIOLATIONS.computeIfAbsent(new Key(testClass.getClassLoader(), packages), k -> {
      try {
        StudentCodeRules.checkLoadedBy(k.loader(), k.packages().toArray(String[]::new));
        return "";
      } catch (AssertionError e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("no classes found") ? "the rules for student code found no classes in package(s) "
            + k.packages() + " for " + testClass.getSimpleName() + ": name the student's packages with @StudentCode "
            + "on the test class (labs.harness.StudentCode)" : m;
      }
    });
  }
}
