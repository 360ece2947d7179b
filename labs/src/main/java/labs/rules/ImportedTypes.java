package labs.rules;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the rules import classes, and what they ask of the types those classes use.
 *
 * <p>ArchUnit's default import also reads, from the class path, every type the student classes
 * mention in a field, a signature or an annotation, and the whole supertype tree of each: hundreds
 * of JDK classes, parsed before the first lab test of every run (about a second and a half of a
 * cold JVM, most of a short run). The rules need less: the classes that student code calls, with
 * their supertypes (a forbidden call on a subclass of Lock is still forbidden). So the import reads
 * only those, and a type it did not read (a map's key class from the JDK, a parameter type) is
 * asked about through reflection instead ({@link #isAssignableTo}, {@link #reflect}).
 */
final class ImportedTypes {
  private static final String RESOLUTION = "import.dependencyResolutionProcess.";

  private ImportedTypes() {}

  /** Runs {@code how} with the rules' import settings (for this thread only). */
  static JavaClasses importWith(Function<ClassFileImporter, JavaClasses> how) {
    return ArchConfiguration.withThreadLocalScope(config -> {
      config.setProperty(RESOLUTION + "maxIterationsForMemberTypes", "0");
      config.setProperty(RESOLUTION + "maxIterationsForGenericSignatureTypes", "0");
      config.setProperty(RESOLUTION + "maxIterationsForAnnotationTypes", "0");
      config.setProperty(RESOLUTION + "maxIterationsForEnclosingTypes", "0");
      config.setProperty(RESOLUTION + "maxIterationsForAccessesToTypes", "1");
      config.setProperty(RESOLUTION + "maxIterationsForSupertypes", "-1");
      return how.apply(new ClassFileImporter());
    });
  }

  /** The classes {@code classes} as the rules import them (for tests of the rules). */
  static JavaClasses importClasses(Class<?>... classes) {
    return importWith(importer -> importer.importClasses(classes));
  }

  /** Whether {@code c} is {@code to} or a subtype, whether or not the import read {@code c}. */
  static boolean isAssignableTo(JavaClass c, Class<?> to) {
    if (c.isPrimitive() || c.isArray() || c.isFullyImported()) {
      return c.isAssignableTo(to);
    }
    return reflect(c).map(to::isAssignableFrom).orElseGet(() -> c.isAssignableTo(to));
  }

  /** {@link #isAssignableTo(JavaClass, Class)} for a class given by name. */
  static boolean isAssignableTo(JavaClass c, String to) {
    if (c.isPrimitive() || c.isArray() || c.isFullyImported()) {
      return c.isAssignableTo(to);
    }
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
