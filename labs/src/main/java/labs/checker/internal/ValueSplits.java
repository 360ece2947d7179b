package labs.checker.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import labs.checker.models.KvModel;

/**
 * How the values a key's gets returned split into a start (the initial {@code ""} or a put's
 * string) followed by appended strings, for {@link AppendChains}: counted by dynamic programming
 * over each value's characters (up to two splits; a split that uses an append twice is none).
 */
final class ValueSplits {
  /**
   * A returned value split once, by dynamic programming over its characters: the start, the
   * appends in order and where each ends. Its prefixes are split by the same table: a prefix
   * that ends where one of these appends ends splits only as its first appends ({@code countAt}).
   */
  record Root(String text, int start, int[] appends, int[] ends, int[] countAt) {}

  /** A returned value's only split: its start and the first {@code count} appends of a root. */
  record Split(int start, Root root, int count) {}

  /** Why a value cannot be split as the path needs: no split, two, or one that repeats. */
  record Unsplit(String problem, int repeated) {}

  static final Unsplit NONE = new Unsplit("none", -1);
  static final Unsplit AMBIGUOUS = new Unsplit("ambiguous", -1);

  private final Trie appendTrie = new Trie();
  private final Trie putTrie = new Trie();
  /** Per returned value, its {@link Split} or why it has none ({@link Unsplit}). */
  private final Map<String, Object> splits = new HashMap<>();
  long steps;

  /** Adds the string a put or an append writes; returns the earlier writer of it, or -1. */
  int addWrite(String value, boolean append, int op) {
    steps += value.length();
    return (append ? appendTrie : putTrie).add(value, op);
  }

  /** The split of a returned value ({@link Split}), or why it has none ({@link Unsplit}). */
  Object outcome(String value) {
    return splits.get(value);
  }

  /**
   * Splits every returned value, longest first: a value that is a prefix of one already split
   * (found as the next one in string order) reuses that one's table, so values that grow along
   * one chain cost one table between them.
   */
  void splitAll(Local local) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < local.size(); i++) {
      if (local.inputs()[i] instanceof KvModel.Get && local.outputs()[i] instanceof String s
          && !splits.containsKey(s)) {
        splits.put(s, null);
        values.add(s);
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed()
        .thenComparing(Comparator.naturalOrder()));
    TreeMap<String, Root> roots = new TreeMap<>();
    for (String s : values) {
      String above = roots.ceilingKey(s);
      steps += 1 + s.length() / 16; // comparisons of characters, many per step
      if (above != null && above.startsWith(s)) {
        Root root = roots.get(above);
        int count = root.countAt()[s.length()];
        if (count >= 0) {
          splits.put(s, new Split(root.start(), root, count));
          continue;
        }
      }
      Object outcome = split(s);
      if (outcome instanceof Root root) {
        roots.put(s, root);
        outcome = new Split(root.start(), root, root.appends().length);
      }
      splits.put(s, outcome);
    }
  }

  /**
   * Splits {@code s} into a start and appends: counts the splits (up to two) by dynamic
   * programming over positions, then follows the only one back. A split that uses an append
   * twice is no history at all.
   */
  private Object split(String s) {
    int len = s.length();
    int[] ways = new int[len + 1];
    int[] fromPos = new int[len + 1];
    int[] byOp = new int[len + 1];
    ways[0] = 1;
    fromPos[0] = -1;
    byOp[0] = -1;
    steps += putTrie.walk(s, 0, (end, op) -> {
      ways[end] = Math.min(2, ways[end] + 1);
      fromPos[end] = -1;
      byOp[end] = op;
    });
    for (int p = 0; p < len; p++) {
      if (ways[p] == 0) {
        continue;
      }
      int from = p;
      steps += appendTrie.walk(s, p, (end, op) -> {
        ways[end] = Math.min(2, ways[end] + ways[from]);
        fromPos[end] = from;
        byOp[end] = op;
      });
    }
    steps += len;
    if (ways[len] == 0) {
      return NONE;
    }
    if (ways[len] > 1) {
      return AMBIGUOUS;
    }
    List<Integer> appends = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    int p = len;
    while (fromPos[p] >= 0) {
      appends.add(byOp[p]);
      ends.add(p);
      p = fromPos[p];
    }
    int start = p == 0 ? -1 : byOp[p];
    int k = appends.size();
    int[] a = new int[k];
    int[] e = new int[k];
    int[] countAt = new int[len + 1];
    Arrays.fill(countAt, -1);
    countAt[p] = 0;
    Set<Integer> used = new HashSet<>();
    for (int j = 0; j < k; j++) {
      a[j] = appends.get(k - 1 - j);
      e[j] = ends.get(k - 1 - j);
      countAt[e[j]] = j + 1;
      if (!used.add(a[j])) {
        return new Unsplit("repeated", a[j]);
      }
    }
    return new Root(s, start, a, e, countAt);
  }

  /** The strings of one kind of write, to find those a value continues with at a position. */
  private static final class Trie {
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> op = new ArrayList<>();

    Trie() {
      next.add(new HashMap<>());
      op.add(-1);
    }

    /** Adds {@code s} written by {@code writer}; returns the earlier writer of {@code s}, or -1. */
    int add(String s, int writer) {
      int node = 0;
      for (int k = 0; k < s.length(); k++) {
        Integer child = next.get(node).get(s.charAt(k));
        if (child == null) {
          child = next.size();
          next.get(node).put(s.charAt(k), child);
          next.add(new HashMap<>());
          op.add(-1);
        }
        node = child;
      }
      int before = op.get(node);
      if (before < 0) {
        op.set(node, writer);
      }
      return before;
    }

    interface Hit {
      void at(int end, int writer);
    }

    /** Reports every string of the trie that {@code s} continues with at {@code from}. */
    long walk(String s, int from, Hit hit) {
      int node = 0;
      int k = from;
      while (k < s.length()) {
        Integer child = next.get(node).get(s.charAt(k));
        if (child == null) {
          break;
        }
        node = child;
        k++;
        if (op.get(node) >= 0) {
          hit.at(k, op.get(node));
        }
      }
      return k - from + 1;
    }
  }
}
