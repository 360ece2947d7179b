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

  /** A returned value's only split: its start (a put, or -1 for the initial value) and appends. */
  private record Split(int start, int[] appends, int[] ends) {}

  private static final Split NONE = new Split(-2, new int[0], new int[0]);
  private static final Split AMBIGUOUS = new Split(-3, new int[0], new int[0]);
  /** The start of a split that uses one append (its only element) twice: no history. */
  private static final int REPEATED = -4;

  private final Model<Object, Object, Object> model;
  private final Local local;
  private final Trie appendTrie = new Trie();
  private final Trie putTrie = new Trie();
  private final Map<String, Split> splits = new HashMap<>();
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
    // Per start (a put's index, or -1), the longest value seen after it and who saw it.
    Map<Integer, Integer> longestBy = new HashMap<>();
    for (int i = 0; i < n && story == null && notApplicable == null; i++) {
      if (!(local.inputs()[i] instanceof KvModel.Get) || local.outputs()[i] == null) {
        continue;
      }
      String seen = (String) local.outputs()[i];
      Split split = splits.computeIfAbsent(seen, this::split);
      if (split == AMBIGUOUS) {
        notApplicable = describe(i) + " returned a value that splits into puts and appends in "
            + "more than one way";
      } else if (split == NONE) {
        refute(i, describe(i) + " returned a value that no sequence of this key's puts and "
            + "appends produces (each taking effect once).");
      } else if (split.start() == REPEATED) {
        refute(i, describe(i) + " returned a value that holds the string of "
            + describe(split.appends()[0]) + " twice, but that append takes effect once and no "
            + "other put or append writes that string.");
      } else {
        Integer before = longestBy.get(split.start());
        if (before == null) {
          longestBy.put(split.start(), i);
        } else {
          Split other = splitOf(before);
          boolean longer = split.appends().length > other.appends().length;
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

  /** The register view, given the longest value seen after each start. */
  private RegisterView chains(Map<Integer, Integer> longestBy) {
    int n = local.size();
    RegisterView v = new RegisterView("", n);
    int[] chainOf = new int[n];
    int[] position = new int[n];
    java.util.Arrays.fill(chainOf, Integer.MIN_VALUE);
    for (Map.Entry<Integer, Integer> e : longestBy.entrySet()) {
      Split split = splitOf(e.getValue());
      for (int j = 0; j < split.appends().length; j++) {
        steps++;
        int a = split.appends()[j];
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
          v.value[i] = local.outputs()[i];
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
            int reader = longestBy.get(chainOf[i]);
            String longest = (String) local.outputs()[reader];
            Split split = splitOf(reader);
            int j = position[i];
            v.kind[i] = RegisterView.Kind.CAS;
            v.expected[i] = longest.substring(0, j == 0 ? startLength(split) : split.ends()[j - 1]);
            v.value[i] = longest.substring(0, split.ends()[j]);
            v.swapped[i] = local.complete(i) ? Boolean.TRUE : null;
          }
        }
      }
    }
    return v;
  }

  private int startLength(Split split) {
    return split.start() < 0 ? 0 : ((KvModel.Put) local.inputs()[split.start()]).value().length();
  }

  private Split splitOf(int get) {
    return splits.get((String) local.outputs()[get]);
  }

  private static boolean isPrefix(Split shorter, Split longer) {
    for (int j = 0; j < shorter.appends().length; j++) {
      if (shorter.appends()[j] != longer.appends()[j]) {
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
  private Split split(String s) {
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
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (int j = 0; j < k; j++) {
      a[j] = appends.get(k - 1 - j);
      e[j] = ends.get(k - 1 - j);
      if (!used.add(a[j])) {
        return new Split(REPEATED, new int[] {a[j]}, new int[0]);
      }
    }
    return new Split(start, a, e);
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
