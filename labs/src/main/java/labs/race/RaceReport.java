package labs.race;

import java.util.List;

/**
 * One data race: a location (a field, an array, a collection's contents) and two accesses to it,
 * at least one a write, that nothing orders. Its text names both threads, both lines, the locks
 * each held, and both stacks (student frames, bounded), and says how to fix it.
 */
public final class RaceReport {
  /** Stack frames shown per access. */
  static final int FRAMES = 8;

  private final String location;
  private final String summary;
  private final String text;

  RaceReport(String location, Access earlier, Access later) {
    this.location = location;
    this.summary = "DATA RACE on " + location + ": " + brief(earlier) + "; " + brief(later);
    StringBuilder sb = new StringBuilder(summary).append('\n');
    describe(sb, earlier);
    describe(sb, later);
    sb.append("  Fix: ").append(fix(earlier, later)).append('\n');
    this.text = sb.toString();
  }

  /** What is raced on: "field `Raft.currentTerm`", "array `Raft.nextIndex`", "the contents of `RaftLog.entries`". */
  public String location() {
    return location;
  }

  /** One line: the location, both threads, both lines, the locks held. */
  public String summary() {
    return summary;
  }

  /** The whole report of this race: the summary, both stacks, the fix. */
  public String text() {
    return text;
  }

  /** "written by `server-1/ticker#4` at Raft.java:212 under `lock`". */
  private static String brief(Access a) {
    Site s = Sites.get(a.site);
    return s.verb(a.write) + " by `" + a.thread.label() + "` at " + s.where()
        + (a.held.isEmpty() ? " without a lock" : " under " + a.held.describe());
  }

  private static void describe(StringBuilder sb, Access a) {
    sb.append("  ").append(a.write ? "write" : "read").append(" by ").append(a.thread.label());
    if (a.thread.startedBy != null) {
      sb.append(" (started by ").append(a.thread.startedBy);
      if (a.thread.startedAt != 0) {
        sb.append(" at ").append(Sites.get(a.thread.startedAt).frame());
      }
      sb.append(')');
    }
    sb.append(", holding ").append(a.held.describe()).append(":\n");
    sb.append("      at ").append(Sites.get(a.site).frame()).append('\n');
    int shown = 1;
    int more = 0;
    for (Frame f = a.frame; f != null && f.callSite != 0; f = f.caller) {
      if (shown < FRAMES) {
        sb.append("      at ").append(Sites.get(f.callSite).frame()).append('\n');
        shown++;
      } else {
        more++;
      }
    }
    if (more > 0) {
      sb.append("      ... (").append(more).append(" more)\n");
    }
  }

  private static String fix(Access earlier, Access later) {
    Site e = Sites.get(earlier.site);
    Site l = Sites.get(later.site);
    if (earlier.held.isEmpty() && later.held.isEmpty()) {
      return "neither access holds a lock. Guard " + location(l) + " with one lock, held for both (or hand the "
          + "value to the other thread through a Channel).";
    }
    if (earlier.held.isEmpty() || later.held.isEmpty()) {
      Access bare = earlier.held.isEmpty() ? earlier : later;
      Access locked = bare == earlier ? later : earlier;
      return "hold " + locked.held.describe() + " at " + Sites.get(bare.site).where() + " too: the "
          + (locked.write ? "write" : "read") + " at " + Sites.get(locked.site).where() + " holds it, the "
          + (bare.write ? "write" : "read") + " does not, so the lock does not order them.";
    }
    return "the two accesses hold different locks (" + earlier.held.describe() + " at " + e.where() + ", "
        + later.held.describe() + " at " + l.where() + "): guard " + location(l) + " with one lock.";
  }

  private static String location(Site s) {
    String loc = s.location();
    return loc.startsWith("field ") ? "the field" : loc.startsWith("array ") ? "the array" : "it";
  }

  /**
   * The message of a run with races: the first race's whole text (its summary is the first line),
   * the next ones' whole texts up to {@code detailed} in all, one line for each further race, then
   * what a data race is and why the simulation alone did not show it.
   */
  public static String describe(List<RaceReport> races, int detailed) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < races.size(); i++) {
      RaceReport r = races.get(i);
      if (i < detailed) {
        sb.append(i == 0 ? "" : "\n").append(r.text());
      } else {
        sb.append(i == detailed ? "\n" : "").append("  also: ").append(r.summary()).append('\n');
      }
    }
    if (races.size() > 1) {
      sb.append("  (").append(races.size()).append(" locations with a race in this run, one report each)\n");
    }
    sb.append("\nTwo threads touched the same memory, at least one of them writing, and nothing orders the two\n"
        + "accesses: no lock held by both, no Channel message, thread start or RPC between them. The simulation\n"
        + "switches threads only where they block, so it ran them one after the other and the checks passed; on\n"
        + "real threads they can overlap, and a read can see a stale or half-written value. The race detector\n"
        + "(-Dlabs.race=true) finds this from the order of events, not by luck: the same seed gives the same report.\n");
    return sb.toString();
  }
}
