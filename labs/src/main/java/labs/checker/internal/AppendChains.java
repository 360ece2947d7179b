package labs.checker.internal;

import java.util.HashMap;
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
 * <p><b>Reduction.</b> The key's value is always a start followed by the appends that took
 * effect since, each once, in order. So a returned value's only split ({@link ValueSplits}) is
 * the history that built it: the put that started it (or none) and its appends in order; a value
 * with no split (or whose only split uses an append twice) has no history at all. All values seen
 * after one start must then be prefixes of one another (the value only grows until the next
 * put), and an append can follow only one start; otherwise there is no linearization, and the
 * story names the two gets. The longest value seen after a start fixes the order of its appends:
 * the {@code j}-th turns value {@code v(j-1)} into {@code v(j)}, exactly a compare-and-swap from
 * {@code v(j-1)} to {@code v(j)} (values are named by start and count, {@link Grown}, never
 * copied). An append nobody saw becomes a write of a value nobody reads ({@link Unseen}).
 *
 * <p><b>Why it is exact.</b> The register history built this way has a linearization iff the
 * key's history has one, with the same order. Key to register: in a linearization of the key,
 * between the put that starts a seen value and a get that sees it lie exactly the appends of its
 * split, in order, and no other put or append; so each swap finds its expected value, each read
 * its value, and an append nobody saw lies outside every such stretch, where its write changes
 * nothing anybody reads. Register to key: after a write of an unseen value, nothing reads or
 * swaps until the next put, and otherwise the register's value names the key's. Operations that
 * never returned are the register path's to set aside (a read with no answer, an append nobody
 * saw) or to place (an append that was seen must take effect). {@link UniqueRegisterPath}
 * replays its order through the key/value model before reporting it.
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

  private final Model<Object, Object, Object> model;
  private final Local local;
  private final ValueSplits splits = new ValueSplits();
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
      int other = splits.addWrite(value, in instanceof KvModel.Append, i);
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
    splits.splitAll(local);
    // Per start (a put's index, or -1), the longest value seen after it and who saw it.
    Map<Integer, Integer> longestBy = new HashMap<>();
    for (int i = 0; i < n && story == null && notApplicable == null; i++) {
      if (!(local.inputs()[i] instanceof KvModel.Get) || local.outputs()[i] == null) {
        continue;
      }
      Object outcome = splits.outcome((String) local.outputs()[i]);
      if (outcome == ValueSplits.AMBIGUOUS) {
        notApplicable = describe(i) + " returned a value that splits into puts and appends in "
            + "more than one way";
      } else if (outcome == ValueSplits.NONE) {
        refute(i, describe(i) + " returned a value that no sequence of this key's puts and "
            + "appends produces (each taking effect once).");
      } else if (outcome instanceof ValueSplits.Unsplit u) {
        refute(i, describe(i) + " returned a value that holds the string of "
            + describe(u.repeated()) + " twice, but that append takes effect once and no "
            + "other put or append writes that string.");
      } else {
        ValueSplits.Split split = (ValueSplits.Split) outcome;
        Integer before = longestBy.get(split.start());
        if (before == null) {
          longestBy.put(split.start(), i);
        } else {
          ValueSplits.Split other = splitOf(before);
          boolean longer = split.count() > other.count();
          if (!isPrefix(longer ? other : split, longer ? split : other)) {
            notPrefixes(before, i, split.start());
          } else if (longer) {
            longestBy.put(split.start(), i);
          }
        }
      }
    }
    steps += splits.steps;
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
      ValueSplits.Split split = splitOf(e.getValue());
      for (int j = 0; j < split.count(); j++) {
        steps++;
        int a = split.root().appends()[j];
        if (chainOf[a] != Integer.MIN_VALUE) {
          int other = longestBy.get(chainOf[a]);
          refute(e.getValue(), describe(other) + " and " + describe(e.getValue()) + " both saw "
              + describe(a) + ", but " + after(chainOf[a]) + " in the first and "
              + after(e.getKey())
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
            ValueSplits.Split longest = splitOf(longestBy.get(chainOf[i]));
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
  private Object valueAt(ValueSplits.Split split, int count) {
    int c = count < 0 ? split.count() : count;
    if (c == 0) {
      return split.start() < 0 ? "" : ((KvModel.Put) local.inputs()[split.start()]).value();
    }
    return new Grown(split.start(), c, split.root().text(), split.root().ends()[c - 1]);
  }

  private ValueSplits.Split splitOf(int get) {
    return (ValueSplits.Split) splits.outcome((String) local.outputs()[get]);
  }

  private boolean isPrefix(ValueSplits.Split shorter, ValueSplits.Split longer) {
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
}
