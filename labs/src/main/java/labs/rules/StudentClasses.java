package labs.rules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class files of some packages as a class loader finds them, in directories or in a jar (the
 * module's own jar, in an integration-test run), without test classes, the first copy of each
 * class in the loader's order winning, as it does when the class is loaded.
 */
final class StudentClasses {
  private StudentClasses() {}

  static JavaClasses importFrom(ClassLoader loader, String... packages) {
    Map<String, URL> files = new LinkedHashMap<>();
    for (String pkg : packages) {
      String dir = pkg.replace('.', '/');
      try {
        for (URL url : Collections.list(loader.getResources(dir))) {
          switch (url.getProtocol()) {
            case "file" -> addFromDirectory(Path.of(url.toURI()), dir, files);
            case "jar" -> addFromJar(url, dir, files);
            default -> { } // other sources (a module image, the network) hold no student code
          }
        }
      } catch (IOException | URISyntaxException e) {
        throw new IllegalStateException("cannot list the classes of package " + pkg + ": " + e, e);
      }
    }
    return ImportedTypes.importWith(importer -> importer.importUrls(files.values()));
  }

  private static void addFromDirectory(Path root, String dir, Map<String, URL> files) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.toString().endsWith(".class"))
          .filter(p -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(Location.of(p)))
          .forEach(p -> files.putIfAbsent(dir + "/" + root.relativize(p), url(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addFromJar(URL packageUrl, String dir, Map<String, URL> files) throws IOException {
    JarURLConnection c = (JarURLConnection) packageUrl.openConnection();
    c.setUseCaches(false);
    URL jar = c.getJarFileURL();
    try (JarFile file = new JarFile(Path.of(toUri(jar)).toFile())) {
      for (JarEntry e : Collections.list(file.entries())) {
        if (e.getName().startsWith(dir + "/") && e.getName().endsWith(".class")) {
          URL entry = java.net.URI.create("jar:" + jar + "!/" + e.getName()).toURL();
          if (ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(Location.of(entry))) {
            files.putIfAbsent(e.getName(), entry);
          }
        }
      }
    }
  }

  private static java.net.URI toUri(URL url) throws IOException {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
