package raft;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Copies of the reference solution changed by text edits, compiled and loaded with the test
 * classes in a class loader of their own: how the tests of the tests put a bug or a mistake into
 * Raft without any hook in the reference. Used by {@link DeliberateBugsTest} and {@link MistakesTest}.
 */
final class ReferenceCopies {
  /** Where the reference's sources are, relative to the module (surefire's working directory). */
  private static final Path REFERENCE = Path.of("src", "solution", "java", "raft");

  /** One text edit of a reference source file: {@code original} must occur exactly once. */
  record Edit(String file, String original, String changed) {}

  static Edit raft(String original, String changed) {
    return new Edit("Raft.java", original, changed);
  }

  private ReferenceCopies() {}

  /**
   * Compiles the reference with {@code edits}; returns a loader that sees the changed classes
   * first, then the tests, then the given code. {@code name} names the change in error messages.
   */
  static ClassLoader compileWith(String name, List<Edit> edits) throws IOException {
    // Laid out like a lab module, so the race agent (-Dlabs.race=true) takes the copy for the
    // student's code, as it does the module's own src/solution/java.
    Path dir = Files.createTempDirectory("raft-copy-");
    Path src = dir.resolve(REFERENCE);
    Path out = dir.resolve("target").resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(out);
    List<String> files = new ArrayList<>();
    try (Stream<Path> sources = Files.list(REFERENCE)) {
      for (Path p : sources.toList()) {
        String code = Files.readString(p);
        for (Edit edit : edits) {
          if (p.getFileName().toString().equals(edit.file())) {
            int at = code.indexOf(edit.original());
            if (at < 0 || code.indexOf(edit.original(), at + 1) >= 0) {
              throw new AssertionError("the reference's " + edit.file() + " no longer contains \"" + edit.original()
                  + "\" exactly once: update \"" + name + "\"");
            }
            code = code.replace(edit.original(), edit.changed());
          }
        }
        Path copy = src.resolve(p.getFileName());
        Files.writeString(copy, code);
        files.add(copy.toString());
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"),
        "-nowarn", "-proc:none"));
    args.addAll(files);
    var errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(String[]::new));
    if (status != 0) {
      throw new AssertionError("\"" + name + "\" does not compile:\n" + errors);
    }
    return new ChangedFirst(new URL[] {url(out), location(ElectionTest.class), location(RaftApi.class)},
        ReferenceCopies.class.getClassLoader());
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads the {@code raft} package (classes and resources) from its own URLs, changed classes
   * first, and everything else (the framework, JUnit) from the parent, so the scenarios run the
   * changed Raft on the shared framework, and the rules for student code see the changed classes.
   */
  private static final class ChangedFirst extends URLClassLoader {
    ChangedFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("raft.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals("raft") || name.startsWith("raft/")) {
        return Collections.enumeration(Collections.list(findResources(name)));
      }
      return super.getResources(name);
    }
  }
}
