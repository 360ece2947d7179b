package mapreduce.apps;

import java.util.List;
import java.util.Random;
import mapreduce.KeyValue;

/**
 * {@link NoCrash} with failures ({@code crash}): before every map and reduce call the worker
 * process, with probability 0.33, dies at once with exit status {@value #CRASH_EXIT_STATUS} (no
 * clean-up, like a machine losing power), and with probability 0.33 stalls for a uniform 0-10
 * seconds. The random choices come from the seed in {@code MAPREDUCE_SEED}.
 */
public final class Crash extends NoCrash {
  /** The exit status of a worker process the crash app killed. */
  public static final int CRASH_EXIT_STATUS = 3;

  private final Random random = AppSupport.seededRandom("crash");

  @Override
  public List<KeyValue> map(String filename, String contents) {
    maybeCrash();
    return super.map(filename, contents);
  }

  @Override
  public String reduce(String key, List<String> values) {
    maybeCrash();
    return super.reduce(key, values);
  }

  private void maybeCrash() {
    int roll = random.nextInt(1000);
    if (roll < 330) {
      System.out.flush();
      Runtime.getRuntime().halt(CRASH_EXIT_STATUS);
    } else if (roll < 660) {
      AppSupport.sleepMillis(random.nextInt(10_000));
    }
  }
}
