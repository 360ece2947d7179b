package labs.race;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The Java agent that instruments the student's classes as they load, when the JVM runs with
 * {@code -Dlabs.race=true}. It is on every test JVM's command line (the build's
 * {@code labs.argLine}: {@code -javaagent:.../labs/target/labs-<version>-race-agent.jar}); without
 * {@code labs.race=true} it installs nothing and costs nothing.
 *
 * <p>Which classes: those compiled from a lab's {@code src/student/java} or
 * {@code src/solution/java} ({@link StudentSources}). A class that cannot be instrumented runs
 * as compiled, and is listed by {@link Instrumenter#failures()} (the harness fails the test).
 */
public final class RaceAgent {
  private static volatile boolean loaded;
  private static volatile boolean transforming;

  private RaceAgent() {}

  public static void premain(String args, Instrumentation inst) {
    loaded = true;
    if (Boolean.getBoolean("labs.race")) {
      inst.addTransformer(new StudentClassTransformer());
      transforming = true;
    }
  }

  /** Whether the JVM was started with the agent. */
  public static boolean loaded() {
    return loaded;
  }

  /** Whether the agent instruments student classes in this JVM (it was started with {@code -Dlabs.race=true}). */
  public static boolean transforming() {
    return transforming;
  }

  private static final class StudentClassTransformer implements ClassFileTransformer {
    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
        byte[] classFile) {
      if (loader == null || name == null || redefined != null || skipped(name)) {
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
