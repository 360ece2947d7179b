package labs.runtime;

/**
 * Explains a forbidden call made inside the simulation: a JDK timed wait (which call it was and
 * what to use instead), or a call into the runtime from a thread the runtime did not start.
 */
final class ForbiddenCalls {
  private ForbiddenCalls() {}

  private record Rule(String frame, String call, String replacement) {}

  private static final Rule[] RULES = {
    new Rule("java.lang.Thread.sleep", "Thread.sleep", "Env.sleep(millis)"),
    new Rule("java.util.concurrent.TimeUnit.sleep", "TimeUnit.sleep", "Env.sleep(millis)"),
    new Rule("java.lang.Thread.join", "Thread.join(timeout)", "a Channel message or a TimedLock condition"),
    new Rule("java.lang.Object.wait", "Object.wait(timeout)", "a TimedLock and its condition's await(time, unit)"),
    new Rule("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "Condition.await(time)",
        "a TimedLock (new TimedLock() instead of new ReentrantLock()): its conditions wait in runtime time"),
    new Rule("java.util.concurrent.locks.ReentrantLock", "Lock.tryLock(time)", "lock() or tryLock()"),
    new Rule("java.util.concurrent.LinkedBlockingQueue", "BlockingQueue.poll/offer(time)", "Channel.receive(Duration)"),
    new Rule("java.util.concurrent.ArrayBlockingQueue", "BlockingQueue.poll/offer(time)", "Channel.receive(Duration)"),
    new Rule("java.util.concurrent.SynchronousQueue", "BlockingQueue.poll/offer(time)", "Channel.receive(Duration)"),
    new Rule("java.util.concurrent.CountDownLatch", "CountDownLatch.await(time)", "a TimedLock condition"),
    new Rule("java.util.concurrent.Semaphore", "Semaphore.tryAcquire(time)", "a TimedLock condition"),
    new Rule("java.util.concurrent.CompletableFuture", "Future.get(time)", "a Channel or a TimedLock condition"),
    new Rule("java.util.concurrent.FutureTask", "Future.get(time)", "a Channel or a TimedLock condition"),
    new Rule("java.util.concurrent.locks.LockSupport.parkNanos", "LockSupport.parkNanos", "Env.sleep or a TimedLock condition"),
  };

  static String explain(Thread culprit, String label, long nanos, long now) {
    StackTraceElement[] stack = culprit == null ? new StackTraceElement[0] : culprit.getStackTrace();
    Rule rule = null;
    StackTraceElement where = null;
    for (StackTraceElement f : stack) {
      if (!ThreadReport.isJdk(f)) {
        where = f;
        break;
      }
      String name = f.getClassName() + "." + f.getMethodName();
      for (Rule r : RULES) {
        if (name.startsWith(r.frame())) {
          rule = r;
        }
      }
    }
    String call = rule == null ? "a JDK timed wait" : rule.call();
    String use = rule == null ? "Env.sleep, a TimedLock condition or Channel.receive(Duration)" : rule.replacement();
    StringBuilder sb = new StringBuilder()
        .append(call).append(" (for ").append(nanos / 1_000_000).append(" ms) was called by thread ").append(label)
        .append(where == null ? "" : " at " + where).append(", at virtual time ").append(ThreadReport.seconds(now))
        .append(".\nThe JDK's timed waits run on the real clock, so the simulation cannot replay them. Use ")
        .append(use).append(" instead.\n");
    ThreadReport.appendStack(sb, stack);
    return sb.toString();
  }

  /**
   * A thread that the runtime did not start ({@code culprit}) called into the simulation or woke
   * one of its threads: {@code what} says how.
   */
  static String foreignThread(Thread culprit, String what, long now) {
    StackTraceElement[] stack = culprit.getStackTrace();
    StackTraceElement where = null;
    for (StackTraceElement f : stack) {
      if (!ThreadReport.isJdk(f) && !f.getClassName().startsWith("labs.")) {
        where = f;
        break;
      }
    }
    StringBuilder sb = new StringBuilder()
        .append("thread '").append(culprit.getName()).append("' is not one of the simulation's threads, yet it ")
        .append(what).append(where == null ? "" : " at " + where).append(", at virtual time ")
        .append(ThreadReport.seconds(now)).append(".\nIt was started outside the runtime, ").append(startedBy(culprit))
        .append(". Its timing is real, so no seed can replay the run. Start every thread with Env.go; ")
        .append("for a timer, a thread that loops on Env.sleep.\n  ").append(culprit.getName()).append('\n');
    ThreadReport.appendStack(sb, stack);
    return sb.toString();
  }

  private static String startedBy(Thread t) {
    String n = t.getName();
    if (n.startsWith("Timer-")) {
      return "by a java.util.Timer";
    }
    if (n.startsWith("pool-") || n.contains("-thread-")) {
      return "by a thread pool (Executors, ExecutorService)";
    }
    if (n.startsWith("ForkJoinPool")) {
      return "by the common ForkJoinPool (a parallel stream, parallelSort, or CompletableFuture.*Async)";
    }
    if (n.startsWith("Thread-")) {
      return "by new Thread(..)";
    }
    return "by code that does not use Env.go (a JDK thread pool, a timer, a platform thread, real I/O)";
  }
}
