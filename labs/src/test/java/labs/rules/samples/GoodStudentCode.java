package labs.rules.samples;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Env;
import labs.runtime.TimedLock;

/** Uses the runtime API (and untimed JDK waits, which are fine); checked by {@code StudentCodeRulesTest}. */
public class GoodStudentCode {
  private final TimedLock lock = new TimedLock();
  private final TimedLock.TimedCondition ready = lock.newCondition();
  private final ReentrantLock plain = new ReentrantLock();
  private final Condition plainCondition = plain.newCondition();

  public long everything() throws InterruptedException {
    Env.sleep(10);
    Env.go("worker", () -> {});
    lock.lock();
    try {
      ready.await(10, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
    plain.lock();
    try {
      plainCondition.await();
    } finally {
      plain.unlock();
    }
    return Env.nowMillis() + Env.random().nextInt(5);
  }
}
