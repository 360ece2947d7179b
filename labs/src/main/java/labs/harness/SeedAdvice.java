package labs.harness;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one line printed after a green run of single random seeds: one seed per test proves little
 * (a Raft whose election timeout is not random passes most single runs and fails one seed in
 * four), so it names the command that tries many. Kept in JUnit's root store, so it speaks once,
 * when the whole run ends, and only if every lab test of the run passed.
 */
final class SeedAdvice implements AutoCloseable {
  private static final int SEEDS_TO_SUGGEST = 50;

  private final Settings settings;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger passed = new AtomicInteger();

  SeedAdvice(Settings settings) {
    this.settings = settings;
  }

  /** The advice of the run {@code context} belongs to. */
  static SeedAdvice of(ExtensionContext context, Settings settings) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SeedAdvice.class, k -> new SeedAdvice(settings), SeedAdvice.class);
  }

  /** A lab test's run begins; it counts as failed unless {@link #passed} follows. */
  void started() {
    started.incrementAndGet();
  }

  void passed() {
    passed.incrementAndGet();
  }

  /** The line to print, or null when the run gives no reason to. */
  String line() {
    if (passed.get() < started.get() || passed.get() == 0 || settings.seed() != null || settings.iterations() > 1) {
      return null;
    }
    StringBuilder command = new StringBuilder("./mvnw test");
    if (!settings.module().isEmpty()) {
      command.append(" -pl ").append(settings.module());
    }
    String groups = System.getProperty("groups", "").trim();
    if (!groups.isEmpty()) {
      command.append(" -Dgroups=").append(groups);
    }
    if (settings.solution()) {
      command.append(" -Psolution");
    }
    command.append(" -Dlabs.iterations=").append(SEEDS_TO_SUGGEST);
    return "  " + passed.get() + (passed.get() == 1 ? " test" : " tests")
        + " passed, each with one random seed. Many bugs show in only a few seeds of "
        + SEEDS_TO_SUGGEST + "; try them all: " + command;
  }

  @Override
  public void close() {
    String line = line();
    if (line != null) {
      System.out.println(line);
    }
  }
}
