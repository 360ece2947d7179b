package labs.rules.samples;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forbidden calls made through JDK subclasses of the forbidden owners (the rules' import does
 * not read the JDK, so only the loaded classes know that ReentrantLock is a Lock); checked by
 * {@code StudentCodeRulesTest}.
 */
public class HierarchyStudentCode {
  /** A student class whose supertype is the JDK's: a Lock all the same. */
  public static class NamedLock extends ReentrantLock {}

  public long everything(ReentrantLock lock, ArrayBlockingQueue<String> queue, ArrayList<String> list,
      NamedLock named) throws InterruptedException {
    long r = lock.tryLock(5, TimeUnit.MILLISECONDS) ? 1 : 0;
    r += named.tryLock(5, TimeUnit.MILLISECONDS) ? 1 : 0;
    r += queue.poll(5, TimeUnit.MILLISECONDS) == null ? 1 : 0;
    return r + list.parallelStream().count();
  }
}
