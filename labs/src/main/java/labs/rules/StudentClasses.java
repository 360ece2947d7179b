package labs.rules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The class files of some packages as a class loader finds them: in its directories (not jars),
 * without test classes, the first copy of each class in the loader's order winning, as it does
 * when the class is loaded.
 */
final class StudentClasses {
  private StudentClasses() {}

  static JavaClasses importFrom(ClassLoader loader, String... packages) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String pkg : packages) {
      String dir = pkg.replace('.', '/');
      try {
        for (URL url : Collections.list(loader.getResources(dir))) {
          if (url.getProtocol().equals("file")) {
            addClassFiles(Path.of(url.toURI()), dir, files);
          }
        }
      } catch (IOException | URISyntaxException e) {
        throw new IllegalStateException("cannot list the classes of package " + pkg + ": " + e, e);
      }
    }
    return new ClassFileImporter().importPaths(files.values());
  }

  private static void addClassFiles(Path root, String dir, Map<String, Path> files) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.toString().endsWith(".class"))
          .filter(p -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(Location.of(p)))
          .forEach(p -> files.putIfAbsent(dir + "/" + root.relativize(p), p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
