package labs.harness;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Copies of a lab's reference solution changed by text edits, compiled and loaded in a class
 * loader of their own: how the tests of the tests (deliberate bugs, typical mistakes) put a bug
 * into a reference without any hook in it. Run from a lab module's tests (the working directory
 * is the module, whose reference is {@code src/solution/java}).
 *
 * <pre>{@code
 * ClassLoader broken = ReferenceCopies.compile("no self-vote",
 *     List.of(new Edit("raft/Raft.java", "    votedFor = me;\n", "")),
 *     List.of("raft"), List.of(ElectionTest.class, RaftApi.class));
 * }</pre>
 *
 * <p>The copy is laid out like a lab module ({@code src/solution/java}, {@code target/classes}),
 * so the race detector's agent takes it for the student's code, as it does the module's own.
 */
public final class ReferenceCopies {
  /** Where a module's reference sources are, relative to the module. */
  private static final Path REFERENCE = Path.of("src", "solution", "java");

  /**
   * One text edit of a reference source file.
   *
   * @param file the file's path under {@code src/solution/java}, for example {@code "rsm/Rsm.java"}
   * @param original text that must occur in it exactly once
   * @param changed what replaces it
   */
  public record Edit(String file, String original, String changed) {}

  private ReferenceCopies() {}

  /**
   * Compiles the module's reference with {@code edits} and returns a loader that loads the
   * classes of {@code packages} from the copy first, then from where {@code alsoFrom} classes come
   * from (the lab's tests and given code, so they link to the changed classes), and everything
   * else (the framework, JUnit, earlier labs) from the caller's loader.
   *
   * @param name names the change in error messages
   */
  public static ClassLoader compile(String name, List<Edit> edits, List<String> packages,
      List<Class<?>> alsoFrom) throws IOException {
    Path dir = Files.createTempDirectory("reference-copy-");
    Path src = dir.resolve(REFERENCE);
    Path out = dir.resolve("target").resolve("classes");
    Files.createDirectories(out);
    Set<String> applied = new HashSet<>();
    List<String> files = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(REFERENCE)) {
      for (Path p : sources.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = REFERENCE.relativize(p).toString().replace('\\', '/');
        String code = Files.readString(p);
        for (Edit edit : edits) {
          if (edit.file().equals(relative)) {
            int at = code.indexOf(edit.original());
            if (at < 0 || code.indexOf(edit.original(), at + 1) >= 0) {
              throw new AssertionError("the reference's " + relative + " no longer contains \"" + edit.original()
                  + "\" exactly once: update \"" + name + "\"");
            }
            code = code.replace(edit.original(), edit.changed());
            applied.add(edit.file());
          }
        }
        Path copy = src.resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, code);
        files.add(copy.toString());
      }
    }
    for (Edit edit : edits) {
      if (!applied.contains(edit.file())) {
        throw new AssertionError("\"" + name + "\" edits " + edit.file() + ", which is not a file of the reference ("
            + REFERENCE.toAbsolutePath() + ")");
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"),
        "-nowarn", "-proc:none"));
    args.addAll(files);
    var errors = new ByteArrayOutputStream();
    if (javac.run(null, null, errors, args.toArray(String[]::new)) != 0) {
      throw new AssertionError("\"" + name + "\" does not compile:\n" + errors);
    }
    List<URL> urls = new ArrayList<>(List.of(url(out)));
    for (Class<?> c : alsoFrom) {
      URL u = c.getProtectionDomain().getCodeSource().getLocation();
      if (!urls.contains(u)) {
        urls.add(u);
      }
    }
    return new ChangedFirst(urls.toArray(URL[]::new), packages, ReferenceCopies.class.getClassLoader());
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads the lab's packages (classes and resources) from its own URLs, changed classes first,
   * and everything else from the parent, so the scenarios run the changed code on the shared
   * framework, and the rules for student code see the changed classes.
   */
  private static final class ChangedFirst extends URLClassLoader {
    private final List<String> packages;

    ChangedFirst(URL[] urls, List<String> packages, ClassLoader parent) {
      super(urls, parent);
      this.packages = List.copyOf(packages);
    }

    private boolean ours(String name, char separator) {
      for (String p : packages) {
        if (name.equals(p) || name.startsWith(p.replace('.', separator) + separator)) {
          return true;
        }
      }
      return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!ours(name, '.')) {
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
      if (ours(name, '/')) {
        return Collections.enumeration(Collections.list(findResources(name)));
      }
      return super.getResources(name);
    }
  }
}
