package labs.runtime;

/** Explains a JDK timed wait made inside the simulation: which call it was and what to use instead. */
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
}
