package labs.checker.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labs.checker.Model;
import labs.checker.models.KvModel;

/**
 * One key of a {@link KvModel} history with appends, seen as a register whose values are known
 * strings: what {@link UniqueRegisterPath} decides when every appended string is distinct (the
 * usual test setup: each client appends its own token).
 *
 * <p><b>When it applies.</b> Appends append distinct, non-empty strings; puts write distinct,
 * non-empty strings; and every value a get returned splits in exactly one way into a start (the
 * initial {@code ""} or a put's value) followed by appended strings. Anything else (a repeated
 * token, a value with two splits) goes to the search.
 *
 * <p><b>Reduction.</b> The key's value is always a start followed by the appends made since,
 * each once. So the split of a returned value is the history that built it: the put that
 * started it (or none) and its appends in order. All values seen after one start must then be
 * prefixes of one another (the value only grows until the next put), and an append can follow
 * only one start; otherwise there is no linearization (story below). The longest value seen
 * after a start fixes the order of its appends: the {@code j}-th of them turns value {@code
 * v(j-1)} into {@code v(j)}, exactly a compare-and-swap from {@code v(j-1)} to {@code v(j)}. An
 * append nobody saw becomes a write of a value nobody reads. The register history built this way
 * has a linearization iff the key's history has one, with the same order: in a linearization of
 * the key, between the put that starts a seen value and the get that sees it there are exactly
 * the appends of its split, in order, so every swap finds its expected value; an append nobody
 * saw lies outside every such stretch. Conversely a register linearization replays on the key,
 * since after a write of an unseen value nothing reads or swaps until the next put. {@link
 * UniqueRegisterPath} replays its order through the key/value model before reporting it.
 */
final class AppendChains {
  /** An append that no get saw, as a register write: a value that no get can return. */
  record Unseen(int op, String token) {
    @Override
    public String toString() {
      return "(the value after the append of \"" + token + "\", which no get saw)";
    }
  }

  /**
   * The value after the first {@code count} (at least one) appends that follow {@code start} (a
   * put, or -1 for the initial value): its text is the first {@code end} characters of {@code
   * text}, shared with the longer values it is a prefix of. Equal by start and count only.
   */
  record Grown(int start, int count, String text, int end) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Grown g && g.start == start && g.count == count;
    }

    @Override
    public int hashCode() {
      return 31 * start + count;
    }

    @Override
    public String toString() {
      return end <= 80 ? '"' + text.substring(0, end) + '"'
          : "\"..." + text.substring(end - 60, end) + "\" (" + count + " appends)";
    }
  }

  /**
   * A returned value split once, by dynamic programming over its characters: the start, the
   * appends in order and where each ends. Its prefixes are split by the same table: a prefix
   * that ends where one of these appends ends splits only as its first appends ({@code countAt}).
   */
  private record Root(String text, int start, int[] appends, int[] ends, int[] countAt) {}

  /** A returned value's only split: its start and the first {@code count} appends of a root. */
  private record Split(int start, Root root, int count) {}

  /** Why a value cannot be split as the path needs: no split, two, or one that repeats. */
  private record Unsplit(String problem, int repeated) {}

  private static final Unsplit NONE = new Unsplit("none", -1);
  private static final Unsplit AMBIGUOUS = new Unsplit("ambiguous", -1);

  private final Model<Object, Object, Object> model;
  private final Local local;
  private final Trie appendTrie = new Trie();
  private final Trie putTrie = new Trie();
  /** Per returned value, its {@link Split} or why it has none ({@link Unsplit}). */
  private final Map<String, Object> splits = new HashMap<>();
  /** The register view of the key, once built. */
  RegisterView view;
  /** Why the path does not apply, or null. */
  String notApplicable;
  /** Why the key has no linearization, found while splitting, and whom it blames. */
  String story;
  int blamed = -1;
  long steps;

  AppendChains(Model<Object, Object, Object> model, Local local) {
    this.model = model;
    this.local = local;
    if (indexWrites()) {
      build();
    }
  }

  /** Whether a key/value partition has an append. */
  static boolean hasAppend(Local local) {
    for (Object in : local.inputs()) {
      if (in instanceof KvModel.Append) {
        return true;
      }
    }
    return false;
  }

  private boolean indexWrites() {
    for (int i = 0; i < local.size(); i++) {
      steps++;
      if (local.call()[i] == Long.MIN_VALUE) {
        notApplicable = "operation " + i + " is called at Long.MIN_VALUE";
        return false;
      }
      Object in = local.inputs()[i];
      String value = in instanceof KvModel.Append a ? a.value()
          : in instanceof KvModel.Put p ? p.value() : null;
      if (value == null) {
        continue;
      }
      if (value.isEmpty()) {
        notApplicable = describe(i) + " writes an empty string: the path needs every put and "
            + "append to write a non-empty, distinct string";
        return false;
      }
      Trie trie = in instanceof KvModel.Append ? appendTrie : putTrie;
      int other = trie.add(value, i);
      steps += value.length();
      if (other >= 0) {
        notApplicable = describe(other) + " and " + describe(i) + " write the same string: the "
            + "path needs every put and every append to write a distinct one";
        return false;
      }
    }
    return true;
  }

  private void build() {
    int n = local.size();
    splitAll();
    // Per start (a put's index, or -1), the longest value seen after it and who saw it.
    Map<Integer, Integer> longestBy = new HashMap<>();
    for (int i = 0; i < n && story == null && notApplicable == null; i++) {
      if (!(local.inputs()[i] instanceof KvModel.Get) || local.outputs()[i] == null) {
        continue;
      }
      Object outcome = splits.get((String) local.outputs()[i]);
      if (outcome == AMBIGUOUS) {
        notApplicable = describe(i) + " returned a value that splits into puts and appends in "
            + "more than one way";
      } else if (outcome == NONE) {
        refute(i, describe(i) + " returned a value that no sequence of this key's puts and "
            + "appends produces (each taking effect once).");
      } else if (outcome instanceof Unsplit u) {
        refute(i, describe(i) + " returned a value that holds the string of "
            + describe(u.repeated()) + " twice, but that append takes effect once and no "
            + "other put or append writes that string.");
      } else {
        Split split = (Split) outcome;
        Integer before = longestBy.get(split.start());
        if (before == null) {
          longestBy.put(split.start(), i);
        } else {
          Split other = splitOf(before);
          boolean longer = split.count() > other.count();
          if (!isPrefix(longer ? other : split, longer ? split : other)) {
            notPrefixes(before, i, split.start());
          } else if (longer) {
            longestBy.put(split.start(), i);
          }
        }
      }
    }
    if (story == null && notApplicable == null) {
      view = chains(longestBy);
    }
  }

  /**
   * Splits every returned value, longest first: a value that is a prefix of one already split
   * (found as the next one in string order) reuses that one's table, so values that grow along
   * one chain cost one table between them.
   */
  private void splitAll() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < local.size(); i++) {
      if (local.inputs()[i] instanceof KvModel.Get && local.outputs()[i] instanceof String s
          && !splits.containsKey(s)) {
        splits.put(s, null);
        values.add(s);
      }
    }
    values.sort(java.util.Comparator.comparingInt(String::length).reversed()
        .thenComparing(java.util.Comparator.naturalOrder()));
    java.util.TreeMap<String, Root> roots = new java.util.TreeMap<>();
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

  /** The register view, given the longest value seen after each start. */
  private RegisterView chains(Map<Integer, Integer> longestBy) {
    int n = local.size();
    RegisterView v = new RegisterView("", n);
    int[] chainOf = new int[n];
    int[] position = new int[n];
    java.util.Arrays.fill(chainOf, Integer.MIN_VALUE);
    for (Map.Entry<Integer, Integer> e : longestBy.entrySet()) {
      Split split = splitOf(e.getValue());
      for (int j = 0; j < split.count(); j++) {
        steps++;
        int a = split.root().appends()[j];
        if (chainOf[a] != Integer.MIN_VALUE) {
          int other = longestBy.get(chainOf[a]);
          refute(e.getValue(), describe(other) + " and " + describe(e.getValue()) + " both saw "
              + describe(a) + ", but " + after(chainOf[a]) + " in the first and " + after(e.getKey())
              + " in the second: an append takes effect once, so it follows one start only.");
          return null;
        }
        chainOf[a] = e.getKey();
        position[a] = j;
      }
    }
    for (int i = 0; i < n; i++) {
      steps++;
      switch ((KvModel.Input) local.inputs()[i]) {
        case KvModel.Get g -> {
          v.kind[i] = RegisterView.Kind.READ;
          v.value[i] = local.outputs()[i] == null ? null : valueAt(splitOf(i), -1);
        }
        case KvModel.Put p -> {
          v.kind[i] = RegisterView.Kind.WRITE;
          v.value[i] = p.value();
        }
        case KvModel.Append a -> {
          if (chainOf[i] == Integer.MIN_VALUE) {
            v.kind[i] = RegisterView.Kind.WRITE;
            v.value[i] = new Unseen(i, a.value());
          } else {
            Split longest = splitOf(longestBy.get(chainOf[i]));
            v.kind[i] = RegisterView.Kind.CAS;
            v.expected[i] = valueAt(longest, position[i]);
            v.value[i] = valueAt(longest, position[i] + 1);
            v.swapped[i] = local.complete(i) ? Boolean.TRUE : null;
          }
        }
      }
    }
    return v;
  }

  /** The value after the first {@code count} appends of {@code split} (-1: all of them). */
  private Object valueAt(Split split, int count) {
    int c = count < 0 ? split.count() : count;
    if (c == 0) {
      return split.start() < 0 ? "" : ((KvModel.Put) local.inputs()[split.start()]).value();
    }
    return new Grown(split.start(), c, split.root().text(), split.root().ends()[c - 1]);
  }

  private Split splitOf(int get) {
    return (Split) splits.get((String) local.outputs()[get]);
  }

  private boolean isPrefix(Split shorter, Split longer) {
    if (shorter.root() == longer.root()) {
      return true; // both are first appends of one split
    }
    for (int j = 0; j < shorter.count(); j++) {
      steps++;
      if (shorter.root().appends()[j] != longer.root().appends()[j]) {
        return false;
      }
    }
    return true;
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
    java.util.Arrays.fill(countAt, -1);
    countAt[p] = 0;
    java.util.Set<Integer> used = new java.util.HashSet<>();
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

  private void notPrefixes(int first, int second, int start) {
    refute(second, describe(first) + " and " + describe(second) + " saw values that both grew "
        + after(start) + ", yet neither is the other with more appended: the key's value only "
        + "grows between puts, so the appends since " + (start < 0 ? "the start" : "that put")
        + " must appear in the same order to every get.");
  }

  private String after(int start) {
    return start < 0 ? "from the initial value" : "from " + describe(start);
  }

  private void refute(int op, String why) {
    if (story == null) {
      story = why;
      blamed = op;
    }
  }

  private String describe(int op) {
    return local.describe(model, op);
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
