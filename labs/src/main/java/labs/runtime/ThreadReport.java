package labs.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Formats the simulation's threads for deadlock, livelock, busy-loop and time-limit reports. Each
 * waiting thread is shown with what it waits for: a lock (named L1, L2, ... in the report) and
 * the thread that holds it, an RPC, a sleep. Threads with the same stack and the same wait are
 * shown once, as a group. The console version is cut to {@link #CONSOLE_LINES} lines; the full
 * version lists every group with longer stacks.
 */
final class ThreadReport {
  /** Lines a report may take on the console, its headline included (the harness adds ~8). */
  static final int CONSOLE_LINES = 44;
  /** Lines the thread listing gets however long the headline is. */
  private static final int MIN_LISTING = 12;
  private static final int CONSOLE_FRAMES = 5;
  private static final int FULL_FRAMES = 40;
  private static final int NAMES_SHOWN = 3;
  private static final String FRAMEWORK = "labs.runtime.";

  /** A report in two sizes: for the console, and whole (for the file next to the trace). */
  record Text(String console, String full) {}

  private final List<ThreadStatus> statuses;
  private final Map<Object, String> lockNames = new IdentityHashMap<>();
  private final Map<SimThread, List<ThreadStatus>> waitersByHolder = new IdentityHashMap<>();

  ThreadReport(List<ThreadStatus> statuses) {
    this.statuses = statuses;
    for (ThreadStatus s : statuses) {
      if (s.activity().waitsForLock() && s.lock() != null) {
        lockNames.computeIfAbsent(s.lock(), l -> "L" + (lockNames.size() + 1));
        if (s.holder() != null) {
          waitersByHolder.computeIfAbsent(s.holder(), h -> new ArrayList<>()).add(s);
        }
      }
    }
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f s", nanos / 1e9);
  }

  private static String shortSeconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  // ------------------------------------------------------------------ whole reports

  /**
   * {@code headline}, then every thread, grouped; {@code first} (cycle members, the busy thread)
   * are listed first. The console version fits in {@link #CONSOLE_LINES} lines.
   */
  Text threads(String headline, long now, Collection<SimThread> first) {
    String head = headline + "Threads at virtual time " + shortSeconds(now) + " (" + statuses.size() + " live; "
        + "threads with the same stack and wait are shown once):\n";
    int room = Math.max(MIN_LISTING, CONSOLE_LINES - (int) head.lines().count());
    List<List<ThreadStatus>> groups = groups(first);
    return new Text(head + listing(groups, now, CONSOLE_FRAMES, room),
        head + listing(groups, now, FULL_FRAMES, Integer.MAX_VALUE));
  }

  /**
   * The lock waits worth a hint: threads that have waited {@code minNanos} or more for a lock,
   * grouped by lock, each with what the holder is doing. Empty if there are none.
   */
  String lockWaits(long now, long minNanos) {
    Map<Object, List<ThreadStatus>> byLock = new LinkedHashMap<>();
    for (ThreadStatus s : statuses) {
      if (s.activity().waitsForLock() && s.lock() != null && now - s.sinceNanos() >= minNanos) {
        byLock.computeIfAbsent(s.lock(), l -> new ArrayList<>()).add(s);
      }
    }
    if (byLock.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("Threads held up by a lock for " + shortSeconds(minNanos) + " of virtual time "
        + "or more:\n");
    int shown = 0;
    for (List<ThreadStatus> waiters : byLock.values()) {
      if (shown++ == 4) {
        sb.append("  (").append(byLock.size() - 4).append(" more locks with waiting threads: see the full report)\n");
        break;
      }
      ThreadStatus first = waiters.getFirst();
      long longest = now - waiters.stream().mapToLong(ThreadStatus::sinceNanos).min().orElse(now);
      sb.append("  ").append(count(waiters.size(), "thread")).append(" (").append(names(waiters)).append(") ")
          .append(waiters.size() == 1 ? "waits" : "wait").append(" for ").append(lockName(first))
          .append(", the longest for ").append(shortSeconds(longest)).append(";\n    it is held by ")
          .append(holderDoing(first)).append('\n');
    }
    sb.append("  Never hold a lock while you sleep, wait for an RPC reply, or wait for another thread to act.\n");
    return sb.toString();
  }

  /** Threads waiting for a lock whose holder has ended: it will never be released. */
  String orphans(Thread ended) {
    StringBuilder sb = new StringBuilder();
    for (ThreadStatus s : statuses) {
      if (s.owner() == ended && s.activity() == ThreadStatus.Activity.LOCK) {
        sb.append("  ").append(s.thread().label()).append(" waits for ").append(lockName(s)).append(where(s)).append('\n');
      }
    }
    return sb.toString();
  }

  /** A wait-for cycle: each thread waits for a lock held by the next, the last by the first. */
  String cycle(List<ThreadStatus> members) {
    StringBuilder sb = new StringBuilder();
    for (ThreadStatus s : members) {
      sb.append("  ").append(s.thread().label()).append(" waits for ").append(lockName(s)).append(" held by ")
          .append(s.holderName()).append(where(s)).append('\n');
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ pieces

  private String holderDoing(ThreadStatus waiter) {
    SimThread h = waiter.holder();
    if (h == null) {
      if (waiter.owner() != null) {
        return waiter.holderName();
      }
      return (waiter.activity() == ThreadStatus.Activity.MONITOR ? Locks.monitorsKnown() : Locks.ownersKnown())
          ? "a thread that is no longer live"
          : "(unknown: the JVM flags " + Locks.FLAGS + " let the report name it)";
    }
    ThreadStatus hs = statusOf(h);
    if (hs == null) {
      return h.label();
    }
    StringBuilder sb = new StringBuilder(h.label()).append(", which is ").append(hs.activity().words);
    if (hs.activity().waitsForLock()) {
      sb.append(' ').append(lockName(hs)).append(" held by ").append(hs.holderName());
    }
    return sb.append(" while holding it").append(where(hs)).toString();
  }

  private ThreadStatus statusOf(SimThread t) {
    for (ThreadStatus s : statuses) {
      if (s.thread() == t) {
        return s;
      }
    }
    return null;
  }

  private String lockName(ThreadStatus s) {
    if (s.lock() == null) {
      return "a monitor (unknown)";
    }
    return lockNames.get(s.lock()) + " (" + Locks.kindOf(s.lock(), s.activity() == ThreadStatus.Activity.MONITOR) + ")";
  }

  private static String where(ThreadStatus s) {
    StackTraceElement w = s.where();
    return w == null ? "" : ", at " + w;
  }

  /** What the thread does, without its name or times: the key threads are grouped by. */
  private String doing(ThreadStatus s) {
    StringBuilder sb = new StringBuilder(s.activity().words);
    if (s.activity().waitsForLock()) {
      sb.append(' ').append(lockName(s)).append(" held by ").append(s.holderName());
    }
    List<ThreadStatus> waiters = waitersByHolder.get(s.thread());
    if (waiters != null) {
      Map<String, Integer> held = new LinkedHashMap<>();
      for (ThreadStatus w : waiters) {
        held.merge(lockName(w), 1, Integer::sum);
      }
      held.forEach((lock, n) -> sb.append("; holds ").append(lock).append(", which ").append(count(n, "thread"))
          .append(n == 1 ? " waits" : " wait").append(" for"));
    }
    return sb.toString();
  }

  private List<List<ThreadStatus>> groups(Collection<SimThread> first) {
    Map<String, List<ThreadStatus>> byKey = new LinkedHashMap<>();
    Set<SimThread> firstSet = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    firstSet.addAll(first);
    List<ThreadStatus> ordered = new ArrayList<>();
    statuses.stream().filter(s -> firstSet.contains(s.thread())).forEach(ordered::add);
    statuses.stream().filter(s -> !firstSet.contains(s.thread()) && waitersByHolder.containsKey(s.thread()))
        .forEach(ordered::add);
    statuses.stream().filter(s -> !firstSet.contains(s.thread()) && !waitersByHolder.containsKey(s.thread()))
        .forEach(ordered::add);
    for (ThreadStatus s : ordered) {
      String key = firstSet.contains(s.thread()) ? "#" + s.thread().id
          : doing(s) + "\n" + stack(s.stack(), FULL_FRAMES);
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    return new ArrayList<>(byKey.values());
  }

  private String listing(List<List<ThreadStatus>> groups, long now, int frames, int maxLines) {
    StringBuilder sb = new StringBuilder();
    int lines = 0;
    for (int g = 0; g < groups.size(); g++) {
      List<ThreadStatus> group = groups.get(g);
      ThreadStatus s = group.getFirst();
      String stack = stack(s.stack(), frames);
      StringBuilder entry = new StringBuilder("  ");
      if (group.size() == 1) {
        entry.append(s.thread().label()).append("  ").append(doing(s)).append(since(group, now)).append('\n');
      } else {
        entry.append(group.size()).append(" threads: ").append(names(group)).append("\n    all ").append(doing(s))
            .append(since(group, now)).append('\n');
      }
      entry.append(stack);
      int entryLines = (int) entry.chars().filter(c -> c == '\n').count();
      if (lines + entryLines > maxLines - 1 && g > 0) {
        int left = 0;
        for (int k = g; k < groups.size(); k++) {
          left += groups.get(k).size();
        }
        sb.append("  ... and ").append(count(left, "more thread")).append(" in ").append(count(groups.size() - g, "group"))
            .append(": see the full report\n");
        return sb.toString();
      }
      sb.append(entry);
      lines += entryLines;
    }
    return sb.toString();
  }

  private static String since(List<ThreadStatus> group, long now) {
    ThreadStatus s = group.getFirst();
    if (s.activity() == ThreadStatus.Activity.RUNNING) {
      return "";
    }
    long earliest = group.stream().mapToLong(ThreadStatus::sinceNanos).min().orElse(now);
    return "  (since " + shortSeconds(earliest) + ")";
  }

  private static String names(List<ThreadStatus> group) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < group.size() && i < NAMES_SHOWN; i++) {
      sb.append(i == 0 ? "" : ", ").append(group.get(i).thread().label());
    }
    if (group.size() > NAMES_SHOWN) {
      sb.append(" and ").append(group.size() - NAMES_SHOWN).append(" more");
    }
    return sb.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  // ------------------------------------------------------------------ stacks

  /** The interesting part of a stack: from the first frame of the thread's own code on. */
  static String stack(StackTraceElement[] stack, int maxFrames) {
    StringBuilder sb = new StringBuilder();
    appendStack(sb, stack, maxFrames);
    return sb.toString();
  }

  static void appendStack(StringBuilder sb, StackTraceElement[] stack) {
    appendStack(sb, stack, CONSOLE_FRAMES * 3);
  }

  private static void appendStack(StringBuilder sb, StackTraceElement[] stack, int maxFrames) {
    int shown = 0;
    boolean seenUserFrame = false;
    for (int i = 0; i < stack.length && shown < maxFrames; i++) {
      StackTraceElement f = stack[i];
      boolean jdk = isJdk(f);
      boolean nextIsUser = i + 1 < stack.length && !isJdk(stack[i + 1]);
      if (jdk && !seenUserFrame && !nextIsUser) {
        continue;
      }
      seenUserFrame |= !jdk;
      if (isWhereTheThreadBegan(f)) {
        break;
      }
      sb.append("      at ").append(f).append('\n');
      shown++;
    }
  }

  /** The runtime's or the harness's frames below a thread's own code: a stack is cut there. */
  private static boolean isWhereTheThreadBegan(StackTraceElement f) {
    String c = f.getClassName();
    return c.startsWith("labs.runtime.Context") || c.startsWith("labs.runtime.Simulation") || c.startsWith("labs.harness.SeededRun") || c.startsWith("jdk.internal.reflect.")
        || (c.equals("java.lang.reflect.Method") && f.getMethodName().equals("invoke"));
  }

  static boolean isJdk(StackTraceElement f) {
    String c = f.getClassName();
    return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")
        || (c.startsWith(FRAMEWORK) && c.indexOf('.', FRAMEWORK.length()) < 0);
  }
}
