package labs.rules.samples;

import java.util.Random;
import java.util.concurrent.Executors;

/** Breaks every family of rules once; checked by {@code StudentCodeRulesTest}. */
public class BadStudentCode {
  public long everything() throws Exception {
    Thread.sleep(10);
    new Thread(() -> {}).start();
    Executors.newFixedThreadPool(2).shutdown();
    return System.currentTimeMillis() + new Random().nextInt(5);
  }
}
