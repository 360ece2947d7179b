package mapreduce.apps;

import java.util.LinkedHashSet;
import java.util.List;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;

/**
 * Inverted index ({@code indexer}): map emits {@code (word, filename)} once per distinct word of
 * the file; reduce lists the documents. Output line: {@code word N doc1,doc2,...} with the
 * documents sorted.
 */
public final class Indexer implements MapReduceApp {
  @Override
  public List<KeyValue> map(String filename, String contents) {
    return new LinkedHashSet<>(WordCount.words(contents)).stream()
        .map(word -> new KeyValue(word, filename))
        .toList();
  }

  @Override
  public String reduce(String key, List<String> values) {
    List<String> documents = values.stream().sorted().toList();
    return documents.size() + " " + String.join(",", documents);
  }
}
