package labs.harness;

import java.util.Locale;
import labs.runtime.RunFailure;
import labs.runtime.Trace;

/**
 * Proves (or disproves) that a seed replays: compares two runs of one seed event by event, and
 * their failures and schedules. Used after every failure in the simulation, and for passing runs
 * with {@code -Dlabs.checkDeterminism=true}.
 */
final class Replay {
  private static final int EVENT_CHARS = 160;

  private Replay() {}

  /** False for failures a second run would only repeat at great cost (a busy loop, a real-time limit). */
  static boolean worthRunning(Throwable error) {
    return !(error instanceof RunFailure rf) || switch (rf.kind()) {
      case BUSY_LOOP, REAL_TIME_LIMIT, SELF_TEST -> false;
      default -> true;
    };
  }

  /** Whether the second run of a failed seed repeated the first: one line, or a few. */
  static String verdict(Outcome first, Outcome second) {
    String difference = firstDifference(first.world().trace(), second.world().trace());
    if (second.error() == null) {
      return "did NOT replay: a second run of this seed passed, so your code is nondeterministic"
          + (difference == null ? "" : "; first difference: " + difference);
    }
    boolean sameFailure = summary(first.error()).equals(summary(second.error()))
        && first.virtualNanos() == second.virtualNanos();
    if (difference == null && sameFailure) {
      if (first.world().scheduleHash() != second.world().scheduleHash()) {
        return "did NOT replay exactly: the same failure and trace, but the threads were scheduled differently "
            + "(something outside the runtime woke a thread or decided an order)";
      }
      long events = first.world().trace().size();
      return String.format(Locale.ROOT, "replayed: same failure at the same virtual time (%.3f s), same trace "
          + "(%,d event%s)", first.virtualNanos() / 1e9, events, events == 1 ? "" : "s");
    }
    if (difference == null) {
      return String.format(Locale.ROOT, "did NOT replay: the second run failed differently, at %.3f s: %s",
          second.virtualNanos() / 1e9, summary(second.error()));
    }
    return "did NOT replay: your code is nondeterministic; first difference: " + difference;
  }

  /** The first event where two runs differ (with a hint at the usual causes), or null if they agree. */
  static String firstDifference(Trace a, Trace b) {
    long[] ha = a.eventHashes();
    long[] hb = b.eventHashes();
    int n = Math.min(ha.length, hb.length);
    for (int i = 0; i < n; i++) {
      if (ha[i] != hb[i]) {
        return "event " + i + ":\n             run 1: " + eventAt(a, i) + "\n             run 2: " + eventAt(b, i)
            + "\n           Something depends on more than the seed: a wall clock, unseeded randomness, identity "
            + "hash codes\n           (the order of a HashMap/HashSet keyed by objects without hashCode), thread ids, or "
            + "static fields kept from the run before.";
      }
    }
    if (ha.length != hb.length) {
      return "run 1 recorded " + ha.length + " events, run 2 recorded " + hb.length;
    }
    return null;
  }

  private static String summary(Throwable t) {
    String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + ": " + cut(first);
  }

  private static String eventAt(Trace t, long index) {
    return t.events().stream().filter(e -> e.index() == index).findFirst().map(e -> cut(e.toString().strip()))
        .orElse("(event " + index + ", no longer kept)");
  }

  private static String cut(String s) {
    return s.length() <= EVENT_CHARS ? s : s.substring(0, EVENT_CHARS) + "…";
  }
}
