package mapreduce.apps;

import java.util.List;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;
import mapreduce.Partition;

/**
 * Catches workers or a coordinator that exit too early ({@code early_exit}): map emits
 * {@code (filename, "1")}; reduce returns the count, but for every key with an even
 * {@link Partition#ihash} it first sleeps 3 seconds. So some reduce tasks finish at once and
 * others late, and a process that quits while reduce tasks are still running leaves a partial
 * output behind when it exits.
 */
public final class EarlyExit implements MapReduceApp {
  @Override
  public List<KeyValue> map(String filename, String contents) {
    return List.of(new KeyValue(filename, "1"));
  }

  @Override
  public String reduce(String key, List<String> values) {
    if (Partition.ihash(key) % 2 == 0) {
      AppSupport.sleepMillis(3000);
    }
    return Integer.toString(values.size());
  }
}
