package labs.race;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The Java agent that instruments the student's classes as they load, while the system property
 * {@code labs.race} is {@code true} (read at each class load: surefire sets its system properties
 * after the JVM started, before the tests' classes load). It is on every test JVM's command line
 * (the build's {@code labs.argLine}: {@code -javaagent:.../labs/target/labs-<version>-race-agent.jar});
 * with {@code labs.race} off it returns every class unchanged, at the cost of one property lookup
 * per class loaded.
 *
 * <p>Which classes: those compiled from a lab's {@code src/student/java} or
 * {@code src/solution/java} ({@link StudentSources}). A class that cannot be instrumented runs
 * as compiled, and is listed by {@link Instrumenter#failures()} (the harness fails the test).
 */
public final class RaceAgent {
  private static volatile boolean loaded;

  private RaceAgent() {}

  public static void premain(String args, Instrumentation inst) {
    loaded = true;
    inst.addTransformer(new StudentClassTransformer());
  }

  /** Whether the JVM was started with the agent. */
  public static boolean loaded() {
    return loaded;
  }

  /** Whether the agent instruments the student classes loaded from now on ({@code labs.race} is true). */
  public static boolean transforming() {
    return loaded && Boolean.getBoolean("labs.race");
  }

  /**
   * Whether {@code c} belongs to a lab module (its class files come from a module with a
   * {@code src/student/java} or {@code src/solution/java} folder): a lab's test, whose student
   * code the agent instruments.
   */
  public static boolean inLabModule(Class<?> c) {
    return StudentSources.inLabModule(c);
  }

  private static final class StudentClassTransformer implements ClassFileTransformer {
    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
        byte[] classFile) {
      if (loader == null || name == null || redefined != null || skipped(name) || !Boolean.getBoolean("labs.race")) {
        return null;
      }
      try {
        if (!StudentSources.isStudentClass(domain, name, classFile)) {
          return null;
        }
        return Instrumenter.instrument(classFile, loader);
      } catch (Throwable t) {
        Instrumenter.failed(name, t);
        return null;
      }
    }

    private static boolean skipped(String name) {
      return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/") || name.startsWith("sun/")
          || name.startsWith("com/sun/") || name.startsWith("labs/") || name.startsWith("org/junit/")
          || name.startsWith("org/opentest4j/") || name.startsWith("org/apache/") || name.startsWith("org/assertj/")
          || name.startsWith("com/tngtech/") || name.startsWith("com/google/") || name.startsWith("net/bytebuddy/")
          || name.contains("$$Lambda") || name.startsWith("grader/");
    }
  }
}
