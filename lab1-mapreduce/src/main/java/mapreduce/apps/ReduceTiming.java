package mapreduce.apps;

import java.util.ArrayList;
import java.util.List;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;

/**
 * Reduce-parallelism probe ({@code rtiming}): map emits the keys {@code a} to {@code j}; each
 * reduce call takes about one second and returns how many worker processes were reducing at that
 * moment. With two workers, at least two output lines must read {@code <letter> 2}.
 */
public final class ReduceTiming implements MapReduceApp {
  @Override
  public List<KeyValue> map(String filename, String contents) {
    List<KeyValue> pairs = new ArrayList<>();
    for (char key = 'a'; key <= 'j'; key++) {
      pairs.add(new KeyValue(String.valueOf(key), "1"));
    }
    return pairs;
  }

  @Override
  public String reduce(String key, List<String> values) {
    return Integer.toString(Parallelism.measure("reduce"));
  }
}
