package labs.rules;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the rules import classes, and what they ask of the other types those classes use.
 *
 * <p>ArchUnit's default import also reads from the class path every type the student classes
 * mention or call, and the whole supertype tree of each: hundreds of JDK classes, parsed before
 * the first lab test of every run (a second of a cold JVM, the largest part of a short run). The
 * rules read only the student classes. A type they did not read (a JDK class, a class of the
 * course's framework) is a stub that knows its name, so what the rules ask of it (is
 * ReentrantLock a Lock? is TimeUnit an enum? has Thread its own hashCode?) is asked of the loaded
 * class instead, through reflection: {@link #isAssignableTo}, {@link #isEnum}, {@link #reflect}.
 */
final class ImportedTypes {
  private ImportedTypes() {}

  /** Runs {@code how} with the rules' import settings (for this thread only): nothing read from the class path. */
  static JavaClasses importWith(Function<ClassFileImporter, JavaClasses> how) {
    return ArchConfiguration.withThreadLocalScope(config -> {
      config.setResolveMissingDependenciesFromClassPath(false);
      return how.apply(new ClassFileImporter());
    });
  }

  /** The classes {@code classes} as the rules import them (for tests of the rules). */
  static JavaClasses importClasses(Class<?>... classes) {
    return importWith(importer -> importer.importClasses(classes));
  }

  /** Whether {@code c} is {@code to} or a subtype, whether or not the import read {@code c} or its supertypes. */
  static boolean isAssignableTo(JavaClass c, Class<?> to) {
    if (c.isAssignableTo(to)) {
      return true; // by name, as far as the import read the supertypes
    }
    if (c.isPrimitive() || c.isArray()) {
      return false;
    }
    if (!c.isFullyImported()) {
      return reflect(c).map(to::isAssignableFrom).orElse(false);
    }
    // A student class: its supertypes may be stubs (a class extending ReentrantLock is a Lock).
    return c.getRawSuperclass().map(s -> isAssignableTo(s, to)).orElse(false)
        || c.getRawInterfaces().stream().anyMatch(i -> isAssignableTo(i, to));
  }

  /** {@link #isAssignableTo(JavaClass, Class)} for a class given by name. */
  static boolean isAssignableTo(JavaClass c, String to) {
    Optional<Class<?>> target = load(to);
    return target.isPresent() ? isAssignableTo(c, target.get()) : c.isAssignableTo(to);
  }

  /** Whether {@code c} is an enum, whether or not the import read it. */
  static boolean isEnum(JavaClass c) {
    return c.isFullyImported() ? c.isEnum() : reflect(c).map(Class::isEnum).orElse(false);
  }

  /**
   * The loaded class of a type the import did not read (a JDK class, a class of the course's
   * framework), without initializing it; empty if it cannot be loaded from here.
   */
  static Optional<Class<?>> reflect(JavaClass c) {
    return load(c.getName());
  }

  private static Optional<Class<?>> load(String name) {
    try {
      return Optional.of(Class.forName(name, false, ImportedTypes.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
