package mapreduce;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command-line choice of app, shared by the worker and the sequential runner (a picocli mixin). */
final class AppOptions {
  @Parameters(
      index = "0",
      paramLabel = "APP",
      description = "A built-in app (wc, indexer, ...) or, with --jar, a class name.")
  private String app;

  @Option(names = "--jar", paramLabel = "JAR", description = "Jar file to load class APP from.")
  private Path jar;

  /** The chosen app, loaded by name or from the jar; a usage error if that fails. */
  MapReduceApp load() {
    try {
      return jar == null ? AppLoader.byName(app) : AppLoader.fromJar(jar, app);
    } catch (IllegalArgumentException e) {
      throw Cli.usage(e.getMessage());
    }
  }
}
