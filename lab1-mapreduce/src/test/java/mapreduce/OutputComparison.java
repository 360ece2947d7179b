package mapreduce;

import java.util.List;

/** Describes how two sorted lists of output lines differ, in words a student can act on. */
final class OutputComparison {
  private static final int MAX_SHOWN = 120;

  private OutputComparison() {}

  /** Null if {@code actual} equals {@code expected}, else where and how they first differ. */
  static String describeDifference(List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return null;
    }
    if (actual.isEmpty()) {
      return "expected " + expected.size() + " lines, but the mr-out-* files held none";
    }
    int line = 0;
    while (line < expected.size() && line < actual.size()
        && expected.get(line).equals(actual.get(line))) {
      line++;
    }
    String counts = "expected " + expected.size() + " lines, found " + actual.size() + "; ";
    if (line == expected.size()) {
      return counts + "extra line " + (line + 1) + " of the sorted output: " + show(actual.get(line));
    }
    if (line == actual.size()) {
      return counts + "the sorted output ends before expected line " + (line + 1) + ": "
          + show(expected.get(line));
    }
    return counts + "first difference at line " + (line + 1) + " of the sorted output:"
        + " expected " + show(expected.get(line)) + " but found " + show(actual.get(line));
  }

  private static String show(String line) {
    return "'" + (line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "..." : line) + "'";
  }
}
