package mapreduce.apps;

import java.util.ArrayList;
import java.util.List;
import mapreduce.KeyValue;
import mapreduce.MapReduceApp;

/**
 * Word count ({@code wc}): map splits the text into words (maximal runs of letters; case is
 * kept) and emits {@code (word, "1")} for each; reduce counts them. Output line: {@code word N}.
 */
public final class WordCount implements MapReduceApp {
  private static final String ONE = "1";

  @Override
  public List<KeyValue> map(String filename, String contents) {
    List<KeyValue> pairs = new ArrayList<>();
    for (String word : words(contents)) {
      pairs.add(new KeyValue(word, ONE));
    }
    return pairs;
  }

  @Override
  public String reduce(String key, List<String> values) {
    return Integer.toString(values.size());
  }

  /** The maximal runs of letters ({@link Character#isLetter(int)}) in text, in order. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      boolean letter = Character.isLetter(codePoint);
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      }
      i += Character.charCount(codePoint);
    }
    if (start >= 0) {
      words.add(text.substring(start));
    }
    return words;
  }
}
