package labs.checker.viewer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Runs Debian's headless Chromium on a local page: its DOM after scripts ran, or a screenshot. */
final class Chromium {
  private static final long TIMEOUT_SECONDS = 90;

  private Chromium() {}

  /** The environment variable that makes a missing browser a failure instead of a skip (CI). */
  static final String REQUIRED = "LABS_REQUIRE_BROWSER";

  /** How to get a browser, for the skip line and the failure. */
  static final String INSTALL = "install it (Debian/Ubuntu: sudo apt-get install -y chromium)";

  /** The browser executable, if one is installed. */
  static Optional<Path> find() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "chromium");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Makes sure a browser is there: skips the calling test with a one-line reason if not, or fails
   * it where a browser is required (CI sets {@value #REQUIRED}).
   */
  static void assumeInstalled(String test) {
    if (find().isPresent()) {
      return;
    }
    String where = "looked for /usr/bin/chromium and chromium on PATH";
    if (System.getenv(REQUIRED) != null) {
      throw new AssertionError("The " + test + " needs a headless Chromium and none was found ("
          + where + "). " + REQUIRED + " is set, so it must run here: " + INSTALL + ".");
    }
    String reason = test + " skipped: no Chromium found (" + where + "); " + INSTALL + " to run it";
    System.out.println("  SKIP  " + reason);
    Assumptions.abort(reason);
  }

  private static Path executable() {
    return find().orElseThrow(() -> new AssertionError("no Chromium found: " + INSTALL));
  }

  /** The page's DOM after its scripts ran. */
  static String dumpDom(Path page) throws IOException, InterruptedException {
    return run(page, List.of("--dump-dom"));
  }

  /** Saves a screenshot of the page (1400 x 900). */
  static void screenshot(Path page, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,900",
        "--hide-scrollbars"));
  }

  private static String run(Path page, List<String> extra)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("checker-chromium-");
    Path stdout = profile.resolve("stdout.txt");
    Path stderr = profile.resolve("stderr.txt");
    List<String> command = new ArrayList<>(List.of(executable().toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.resolve("profile")));
    command.addAll(extra);
    command.add(page.toAbsolutePath().toUri().toString());
    Process process = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s");
      }
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError("chromium exited with " + process.exitValue() + ":\n"
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return out;
    } finally {
      deleteRecursively(profile);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
