package mapreduce.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** What the test apps share: pauses, this process's id, the working directory, a seeded random. */
final class AppSupport {
  /**
   * Environment variable holding the seed of the test apps' random choices in this process (the
   * tests set a different one per worker process, so a run can be repeated).
   */
  static final String SEED_VARIABLE = "MAPREDUCE_SEED";

  private AppSupport() {}

  /** A random generator seeded from {@value #SEED_VARIABLE}, or from a fresh seed it prints. */
  static Random seededRandom(String appName) {
    String configured = System.getenv(SEED_VARIABLE);
    long seed;
    if (configured != null && !configured.isBlank()) {
      try {
        seed = Long.parseLong(configured.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            SEED_VARIABLE + " must be a whole number, got '" + configured + "'");
      }
    } else {
      seed = ThreadLocalRandom.current().nextLong();
    }
    System.out.println(appName + " app: seed " + seed + " (set " + SEED_VARIABLE + " to repeat)");
    return new Random(seed);
  }

  static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sleeping in a test app", e);
    }
  }

  static long pid() {
    return ProcessHandle.current().pid();
  }

  /** Names of the files in the working directory (where the workers run) that start with prefix. */
  static List<String> filesStartingWith(String prefix) {
    try (Stream<Path> files = Files.list(Path.of(""))) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith(prefix))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the working directory", e);
    }
  }

  static void createFile(String name) {
    try {
      Files.writeString(Path.of(name), "x");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + name, e);
    }
  }

  static void deleteFile(String name) {
    try {
      Files.deleteIfExists(Path.of(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + name, e);
    }
  }

  /** The values sorted and joined with single spaces (deterministic whatever their order). */
  static String sortedJoin(List<String> values) {
    return String.join(" ", values.stream().sorted().toList());
  }
}
