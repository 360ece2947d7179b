package labs.runtime;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/** Formats the simulation's threads for deadlock, livelock and time-limit reports. */
final class ThreadReport {
  private static final int FRAMES = 14;
  private static final String FRAMEWORK = "labs.runtime.";

  private ThreadReport() {}

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f s", nanos / 1e9);
  }

  static String deadlock(List<SimThread> live, long now) {
    return "at virtual time " + seconds(now) + " no thread can run and no timer is pending, so nothing will "
        + "ever happen again.\nLook for two threads waiting for each other's locks, a lock held while waiting "
        + "for a reply, or a condition nobody will signal.\n" + describe(live, now);
  }

  static String livelock(List<SimThread> live, long now, long steps) {
    return steps + " thread switches happened at virtual time " + seconds(now) + " without time moving on: some "
        + "thread keeps waking others (or yielding) without ever sleeping.\n" + describe(live, now);
  }

  /** Every live thread: its name, what it waits on, and the interesting part of its stack. */
  static String describe(List<SimThread> live, long now) {
    StringBuilder sb = new StringBuilder("Threads at virtual time ").append(seconds(now)).append(":\n");
    for (SimThread t : live) {
      sb.append(thread(t.label(), t.thread));
    }
    return sb.toString();
  }

  static String thread(String label, Thread thread) {
    StringBuilder sb = new StringBuilder("  ").append(label).append("  ").append(thread.getState());
    Object blocker = LockSupport.getBlocker(thread);
    if (blocker != null) {
      sb.append(" on ").append(blockerName(blocker));
    }
    sb.append('\n');
    appendStack(sb, thread.getStackTrace());
    return sb.toString();
  }

  static void appendStack(StringBuilder sb, StackTraceElement[] stack) {
    int shown = 0;
    boolean seenUserFrame = false;
    for (int i = 0; i < stack.length && shown < FRAMES; i++) {
      StackTraceElement f = stack[i];
      boolean jdk = isJdk(f);
      boolean nextIsUser = i + 1 < stack.length && !isJdk(stack[i + 1]);
      if (jdk && !seenUserFrame && !nextIsUser) {
        continue;
      }
      seenUserFrame |= !jdk;
      if (f.getClassName().startsWith("labs.runtime.Context")) {
        break;
      }
      sb.append("      at ").append(f).append('\n');
      shown++;
    }
  }

  static boolean isJdk(StackTraceElement f) {
    String c = f.getClassName();
    return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")
        || (c.startsWith(FRAMEWORK) && c.indexOf('.', FRAMEWORK.length()) < 0);
  }

  private static String blockerName(Object blocker) {
    String n = blocker.getClass().getName();
    int dot = n.lastIndexOf('.');
    return dot >= 0 ? n.substring(dot + 1) : n;
  }
}
