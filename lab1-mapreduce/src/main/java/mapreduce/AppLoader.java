package mapreduce;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import mapreduce.apps.Crash;
import mapreduce.apps.EarlyExit;
import mapreduce.apps.Indexer;
import mapreduce.apps.JobCount;
import mapreduce.apps.MapTiming;
import mapreduce.apps.NoCrash;
import mapreduce.apps.ReduceTiming;
import mapreduce.apps.WordCount;

/**
 * Finds a {@link MapReduceApp}: a built-in one by name, or any class implementing the interface
 * from a jar file (the Java counterpart of the Go plugins MIT's workers load).
 *
 * <pre>{@code
 * MapReduceApp wc = AppLoader.byName("wc");
 * MapReduceApp mine = AppLoader.fromJar(Path.of("myapp.jar"), "org.example.Grep");
 * }</pre>
 *
 * Both methods throw {@link IllegalArgumentException} with a message naming the problem and the
 * fix when the app cannot be loaded.
 */
public final class AppLoader {
  private static final Map<String, Supplier<MapReduceApp>> BUILT_IN =
      Map.of(
          "wc", WordCount::new,
          "indexer", Indexer::new,
          "mtiming", MapTiming::new,
          "rtiming", ReduceTiming::new,
          "jobcount", JobCount::new,
          "early_exit", EarlyExit::new,
          "crash", Crash::new,
          "nocrash", NoCrash::new);

  private AppLoader() {}

  /** The names {@link #byName} accepts, sorted. */
  public static SortedSet<String> names() {
    return new TreeSet<>(BUILT_IN.keySet());
  }

  /** A new instance of the built-in app called {@code name} (see {@link #names()}). */
  public static MapReduceApp byName(String name) {
    Supplier<MapReduceApp> app = BUILT_IN.get(name);
    if (app == null) {
      throw new IllegalArgumentException(
          "unknown app '" + name + "': the built-in apps are " + String.join(", ", names())
              + " (for your own app give --jar <file.jar> and its class name)");
    }
    return app.get();
  }

  /**
   * A new instance of class {@code className}, loaded from {@code jar}; the class must implement
   * {@link MapReduceApp} and have a public no-argument constructor. The jar may use the classes
   * of this module (they come from the worker's class path).
   */
  public static MapReduceApp fromJar(Path jar, String className) {
    if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
      throw new IllegalArgumentException("cannot read app jar '" + jar + "': no such file");
    }
    Class<?> type;
    try {
      // Left open on purpose: the app's classes are loaded lazily while the worker runs.
      @SuppressWarnings("resource")
      URLClassLoader loader =
          new URLClassLoader(new URL[] {toUrl(jar)}, AppLoader.class.getClassLoader());
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "class '" + className + "' is not in " + jar + " (give the fully qualified name, for"
              + " example org.example.Grep; list the jar with: jar tf " + jar + ")");
    } catch (LinkageError e) {
      throw new IllegalArgumentException(
          "class '" + className + "' in " + jar + " cannot be loaded: " + e
              + " (was it compiled against this lab's classes, with JDK 25 or older?)");
    }
    if (!MapReduceApp.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "class '" + className + "' in " + jar + " does not implement "
              + MapReduceApp.class.getName());
    }
    try {
      return (MapReduceApp) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException(
          "class '" + className + "' needs a public no-argument constructor (and must be public)");
    } catch (InstantiationException e) {
      throw new IllegalArgumentException("class '" + className + "' is abstract");
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "the constructor of '" + className + "' failed: " + e.getCause(), e.getCause());
    }
  }

  private static URL toUrl(Path jar) {
    try {
      return jar.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("cannot turn '" + jar + "' into a URL: " + e.getMessage());
    }
  }
}
