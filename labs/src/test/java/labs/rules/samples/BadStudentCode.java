package labs.rules.samples;

import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Breaks every family of rules once; checked by {@code StudentCodeRulesTest}. */
public class BadStudentCode {
  public long everything() throws Exception {
    Thread.sleep(10);
    new Thread(() -> {}).start();
    Executors.newFixedThreadPool(2).shutdown();
    ReentrantLock lock = new ReentrantLock();
    Condition c = lock.newCondition();
    c.await(10, TimeUnit.MILLISECONDS);
    return System.currentTimeMillis() + new Random().nextInt(5);
  }
}
