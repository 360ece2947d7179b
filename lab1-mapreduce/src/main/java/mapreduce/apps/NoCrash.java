package mapreduce.apps;

import java.util.List;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;

/**
 * The crash app without crashes ({@code nocrash}), whose sequential output the crash test
 * expects: map emits {@code a = filename}, {@code b = length of the filename}, {@code c = length
 * of the contents} and {@code d = "xyzzy"}; reduce joins the sorted values with spaces.
 */
public class NoCrash implements MapReduceApp {
  @Override
  public List<KeyValue> map(String filename, String contents) {
    return List.of(
        new KeyValue("a", filename),
        new KeyValue("b", Integer.toString(filename.length())),
        new KeyValue("c", Integer.toString(contents.length())),
        new KeyValue("d", "xyzzy"));
  }

  @Override
  public String reduce(String key, List<String> values) {
    return AppSupport.sortedJoin(values);
  }
}
