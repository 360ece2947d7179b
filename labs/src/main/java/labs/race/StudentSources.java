package labs.race;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes are the student's: those compiled from a lab's {@code src/student/java} or
 * {@code src/solution/java}. A class qualifies when its class files come from a module folder
 * ({@code lab2-raft/target/classes}, or the module's jar in {@code target/}) whose
 * {@code src/student/java} or {@code src/solution/java} holds its source file (package folder and
 * the class file's SourceFile name). The framework, the tests, the given code of a lab (its
 * {@code src/main/java}) and the JDK never qualify. Works for any lab without configuration.
 */
final class StudentSources {
  static final String[] FOLDERS = {"src/student/java", "src/solution/java"};

  private static final Map<Path, Optional<Path>> MODULES = new ConcurrentHashMap<>();
  private static final Map<Path, Boolean> SOURCES = new ConcurrentHashMap<>();

  private StudentSources() {}

  /** Whether {@code c}'s class files come from a lab module (one with a student or solution folder). */
  static boolean inLabModule(Class<?> c) {
    Path location = location(c.getProtectionDomain());
    return location != null && MODULES.computeIfAbsent(location, StudentSources::moduleOf).isPresent();
  }

  static boolean isStudentClass(ProtectionDomain domain, String internalName, byte[] classFile) {
    Path location = location(domain);
    if (location == null) {
      return false;
    }
    Optional<Path> module = MODULES.computeIfAbsent(location, StudentSources::moduleOf);
    if (module.isEmpty()) {
      return false;
    }
    String source = sourceFile(classFile);
    if (source == null) {
      return false; // generated (a lambda's class, a proxy): no source of its own
    }
    int slash = internalName.lastIndexOf('/');
    String dir = slash < 0 ? "" : internalName.substring(0, slash + 1);
    for (String folder : FOLDERS) {
      Path p = module.get().resolve(folder).resolve(dir + source);
      if (SOURCES.computeIfAbsent(p, Files::isRegularFile)) {
        return true;
      }
    }
    return false;
  }

  private static Path location(ProtectionDomain domain) {
    CodeSource cs = domain == null ? null : domain.getCodeSource();
    URL url = cs == null ? null : cs.getLocation();
    if (url == null || !"file".equals(url.getProtocol())) {
      return null;
    }
    try {
      return Path.of(url.toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The module folder of a classes folder or jar: the nearest of its three parents with a student or solution folder. */
  private static Optional<Path> moduleOf(Path location) {
    Path p = location;
    for (int up = 0; up < 3 && p != null; up++) {
      p = p.getParent();
      if (p != null) {
        for (String folder : FOLDERS) {
          if (Files.isDirectory(p.resolve(folder))) {
            return Optional.of(p);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String sourceFile(byte[] classFile) {
    try {
      return ClassFile.of().parse(classFile).findAttribute(Attributes.sourceFile())
          .map(a -> a.sourceFile().stringValue()).orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
