package mapreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates input text for the labs: files of words drawn from a Zipf distribution (the k-th most
 * frequent word appears about 1/k as often as the most frequent one, as in natural language),
 * with some capitalised words, punctuation, numbers and accented letters. The same seed always
 * gives the same files, byte for byte; nothing is downloaded.
 *
 * <pre>{@code
 * List<String> names = ZipfCorpus.write(dir, 8, 2_000_000, 42);   // zipf-0.txt ... zipf-7.txt
 * }</pre>
 */
public final class ZipfCorpus {
  private static final int VOCABULARY = 20_000;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzabcdefghilmnorstuéüßø";
  private static final String PUNCTUATION = ",.;:!?";

  private final Random random;
  private final String[] words;
  private final double[] cumulative;

  private ZipfCorpus(long seed) {
    random = new Random(seed);
    words = vocabulary(random);
    cumulative = zipfCumulative(words.length);
  }

  /**
   * Writes {@code files} files named {@code zipf-<i>.txt} into {@code dir}, together about
   * {@code totalBytes} bytes (each file between a third of and three times the size of any other), and
   * returns their names in order.
   */
  public static List<String> write(Path dir, int files, long totalBytes, long seed) {
    if (files < 1 || totalBytes < files) {
      throw new IllegalArgumentException(
          "need at least one file and one byte per file, got " + files + " files, " + totalBytes + " bytes");
    }
    ZipfCorpus corpus = new ZipfCorpus(seed);
    double[] weights = new double[files];
    for (int i = 0; i < files; i++) {
      weights[i] = 0.5 + corpus.random.nextDouble();
    }
    double weightSum = Arrays.stream(weights).sum();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      long size = Math.max(1, (long) (totalBytes * weights[i] / weightSum));
      String name = "zipf-" + i + ".txt";
      try {
        Files.write(dir.resolve(name), corpus.text(size));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
      }
      names.add(name);
    }
    return names;
  }

  /** About {@code bytes} bytes of UTF-8 text (whole words, ending with a newline). */
  private byte[] text(long bytes) {
    StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, bytes + 64));
    long written = 0;
    int wordsOnLine = 0;
    while (written < bytes) {
      String token = nextToken();
      boolean endLine = ++wordsOnLine >= 8 + random.nextInt(9);
      String separator = endLine ? "\n" : " ";
      text.append(token).append(separator);
      written += token.getBytes(StandardCharsets.UTF_8).length + 1;
      if (endLine) {
        wordsOnLine = 0;
      }
    }
    if (text.charAt(text.length() - 1) != '\n') {
      text.setCharAt(text.length() - 1, '\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String nextToken() {
    double roll = random.nextDouble();
    if (roll < 0.01) {
      return Integer.toString(random.nextInt(2100));
    }
    String word = words[rank()];
    if (roll < 0.10) {
      word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
    if (random.nextDouble() < 0.08) {
      word += PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
    }
    return word;
  }

  /** A rank drawn from the Zipf distribution (0 is the most frequent word). */
  private int rank() {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1);
  }

  /** Distinct random words, shortest first, so that frequent words are short as in real text. */
  private static String[] vocabulary(Random random) {
    Set<String> words = new LinkedHashSet<>();
    while (words.size() < VOCABULARY) {
      int length = 1 + random.nextInt(4) + random.nextInt(5) + random.nextInt(4);
      StringBuilder word = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      }
      words.add(word.toString());
    }
    return words.stream().sorted(Comparator.comparingInt(String::length)).toArray(String[]::new);
  }

  private static double[] zipfCumulative(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= sum;
    }
    return cumulative;
  }
}
