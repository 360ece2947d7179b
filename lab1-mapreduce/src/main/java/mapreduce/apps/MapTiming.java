package mapreduce.apps;

import java.util.List;
import java.util.Locale;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;

/**
 * Map-parallelism probe ({@code mtiming}): each map call takes about one second and emits
 * {@code (times-<pid>, <start time in s>)} and {@code (parallel-<pid>, <number of worker
 * processes mapping at that moment>)}; reduce joins the sorted values. With two workers, both
 * pids must appear and some {@code parallel-} line must contain a 2.
 */
public final class MapTiming implements MapReduceApp {
  @Override
  public List<KeyValue> map(String filename, String contents) {
    double startSeconds = System.currentTimeMillis() / 1000.0;
    long pid = AppSupport.pid();
    int parallel = Parallelism.measure("map");
    return List.of(
        new KeyValue("times-" + pid, String.format(Locale.ROOT, "%.1f", startSeconds)),
        new KeyValue("parallel-" + pid, Integer.toString(parallel)));
  }

  @Override
  public String reduce(String key, List<String> values) {
    return AppSupport.sortedJoin(values);
  }
}
