package mapreduce.apps;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;

/**
 * Counts map executions ({@code jobcount}): every map call leaves a marker file
 * {@code mr-worker-jobcount-<pid>-<n>}, takes 2 to 5 seconds and emits {@code (a, x)}; reduce
 * returns the number of marker files. Output: {@code a <number of map calls>}, which must equal
 * the number of input files: a coordinator that runs a task twice without need is caught.
 */
public final class JobCount implements MapReduceApp {
  private static final String MARKER_PREFIX = "mr-worker-jobcount-";

  private final AtomicInteger calls = new AtomicInteger();
  private final Random random = AppSupport.seededRandom("jobcount");

  @Override
  public List<KeyValue> map(String filename, String contents) {
    AppSupport.createFile(MARKER_PREFIX + AppSupport.pid() + "-" + calls.getAndIncrement());
    AppSupport.sleepMillis(2000 + random.nextInt(3000));
    return List.of(new KeyValue("a", "x"));
  }

  @Override
  public String reduce(String key, List<String> values) {
    return Integer.toString(AppSupport.filesStartingWith(MARKER_PREFIX).size());
  }
}
