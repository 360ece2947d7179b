package mapreduce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole job in one process, one step after the other: map every input file, sort all pairs
 * by key, reduce each key. Its output is what a correct distributed run must produce (the tests
 * compare the two after sorting the lines). Worker code may use {@link #readInput} and
 * {@link #reduceByKey} so that its output matches byte for byte.
 *
 * <pre>{@code
 * List<String> expected = SequentialRunner.run(AppLoader.byName("wc"), dir, List.of("a.txt"));
 * }</pre>
 */
public final class SequentialRunner {
  private SequentialRunner() {}

  /**
   * Runs {@code app} over the input files (names resolved against {@code dir}, passed to
   * {@link MapReduceApp#map} as given) and returns the output lines, sorted by key.
   */
  public static List<String> run(MapReduceApp app, Path dir, List<String> inputFiles)
      throws IOException {
    List<KeyValue> intermediate = new ArrayList<>();
    for (String name : inputFiles) {
      intermediate.addAll(app.map(name, readInput(dir.resolve(name))));
    }
    return reduceByKey(app, intermediate);
  }

  /** A whole input file, decoded as UTF-8 (malformed bytes become U+FFFD). */
  public static String readInput(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  /**
   * Sorts a copy of {@code pairs} by key, calls {@link MapReduceApp#reduce} once per distinct key
   * with all of its values, and returns the output lines {@code key + " " + result} in key order.
   */
  public static List<String> reduceByKey(MapReduceApp app, List<KeyValue> pairs) {
    List<KeyValue> sorted = new ArrayList<>(pairs);
    sorted.sort(Comparator.comparing(KeyValue::key));
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < sorted.size()) {
      String key = sorted.get(start).key();
      int end = start;
      List<String> values = new ArrayList<>();
      while (end < sorted.size() && sorted.get(end).key().equals(key)) {
        values.add(sorted.get(end).value());
        end++;
      }
      lines.add(key + " " + app.reduce(key, values));
      start = end;
    }
    return lines;
  }
}
