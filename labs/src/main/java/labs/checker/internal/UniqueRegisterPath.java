package labs.checker.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import labs.checker.Model;
import labs.checker.internal.RegisterUnits.Role;
import labs.checker.internal.RegisterUnits.Unit;

/**
 * Decides a register partition whose written values are all distinct, in O(n log n), after
 * Gibbons &amp; Korach (reads-from known makes a read/write register polynomial) and the "zones"
 * of Golab, Li &amp; Shah, extended to chains of compare-and-swaps.
 *
 * <p><b>When it applies.</b> Every operation is a read, a write or a compare-and-swap ({@link
 * RegisterView}); no two operations may write the same value and none writes the initial value
 * (a swap that failed writes nothing; one that never answered may write); every swap that
 * returned says whether it swapped; and every swap that failed expected a value that never
 * exists (so it can fail anywhere). Anything else goes to the search.
 *
 * <p><b>Reduction.</b> An operation that never returned may be placed after everything, so a
 * write or swap that never returned and whose value nobody saw (no read, no swap from it) is
 * left out, and so is a read that never answered; one whose value was seen must take effect.
 * Each value then has one writer, so the operations form {@linkplain RegisterUnits units}: a
 * write, the reads of its value, the swap that replaced it, the reads of that value, and so on.
 * In any linearization a unit's operations are contiguous and in chain order. Let {@code f} be
 * the earliest return and {@code s} the latest call among a unit's operations. A unit is
 * <em>forward</em> if {@code f < s}: its first operation is placed at or before {@code f} and its
 * last at or after {@code s}, so it occupies all of {@code [f, s]}. Otherwise it is
 * <em>backward</em> and all its operations overlap the window {@code [s, f]}.
 *
 * <p><b>Claim.</b> The partition is linearizable iff (1) in each forward unit the chain order fits
 * the intervals (checked by placing each operation as early as it may, which is optimal for a
 * chain), (2) no two forward units overlap ({@code max(f1, f2) < min(s1, s2)}), and (3) no
 * backward window lies strictly inside a forward unit ({@code f < s'} and {@code f' < s}).
 *
 * <p><i>ILLEGAL means not linearizable:</i> if two forward units overlapped, the one placed
 * second would start at or before its {@code f}, which lies before the other's {@code s}, where
 * the other still had to be in place; a value once replaced never returns. A backward unit inside
 * a forward one has no instant outside it. A chain that does not fit its intervals has no order at
 * all. <i>OK means linearizable:</i> the proof is constructive. Forward units are laid out in
 * order of {@code f}, each within its own {@code [f, s]} by the earliest placement shifted to
 * start at {@code f} (shifting keeps every point within its interval). A backward unit goes at
 * {@code s} if that instant is not strictly inside a forward unit, else at that unit's end, which
 * is still inside its window by (3). At a shared instant a unit that ends there comes first, then
 * the backward units, then a unit that starts there. Each operation lies within its interval, so
 * real time is respected; each unit is contiguous and starts with its write, so every read sees
 * the value it returned. The order is also replayed through the model ({@link Witness}) before it
 * is reported: a failed replay (a bug here) sends the partition to the search.
 */
final class UniqueRegisterPath {
  static final String METHOD = "fast path: register with unique written values";

  /** How the stories name things: the register's own words, or those of a key with appends. */
  record Words(String method, String object, String swap, String replaced, String chainAfter,
      String earlier) {
    static final Words REGISTER = new Words(METHOD, "register", "this swap replaced",
        "it replaced the value that one wrote", "the chain of values swapped in after ",
        "an earlier value of the chain, and a replaced value never comes back");
    static final Words APPENDS = new Words("fast path: key/value with unique appends", "key",
        "this append extended", "it extended the value that one wrote",
        "the values appended to ", "a shorter value, and the value only grows until the next put");
  }

  private final Model<Object, Object, Object> model;
  private final Local local;
  private final RegisterView view;
  private final RegisterUnits groups;
  private final long[] point;
  private final int[] cls;
  private final int[] unitOf;
  private final int[] pos;
  private final Words words;
  private long steps;
  private String story;
  private int blamed = -1;

  private UniqueRegisterPath(Model<Object, Object, Object> model, Local local, RegisterView view,
      RegisterUnits groups, Words words) {
    this.model = model;
    this.words = words;
    this.local = local;
    this.view = view;
    this.groups = groups;
    int n = local.size();
    point = new long[n];
    cls = new int[n];
    unitOf = new int[n];
    pos = new int[n];
  }

  static Decision decide(Model<Object, Object, Object> model, Local local, RegisterView view) {
    return decide(model, local, view, Words.REGISTER);
  }

  /** The same, telling its stories in {@code words}. */
  static Decision decide(Model<Object, Object, Object> model, Local local, RegisterView view,
      Words words) {
    RegisterUnits groups = new RegisterUnits(model, local, view);
    if (groups.notApplicable != null) {
      return new Decision.NotApplicable(groups.notApplicable, groups.steps);
    }
    UniqueRegisterPath path = new UniqueRegisterPath(model, local, view, groups, words);
    path.steps = groups.steps;
    if (groups.illegal != null) {
      path.story = groups.illegal;
      path.blamed = groups.illegalOp;
      return path.refutation(path.byCall());
    }
    return path.run();
  }

  private Decision run() {
    List<Unit> forward = new ArrayList<>();
    List<Unit> backward = new ArrayList<>();
    for (Unit u : groups.units) {
      (u.forward() ? forward : backward).add(u);
      placeEarliest(u);
    }
    forward.sort(Comparator.<Unit>comparingLong(u -> u.f).thenComparingLong(u -> u.s)
        .thenComparingInt(u -> u.id));
    long[] starts = new long[forward.size()];
    for (int k = 0; k < forward.size(); k++) {
      starts[k] = forward.get(k).f;
      if (k > 0 && story == null && forward.get(k).f < forward.get(k - 1).s) {
        overlap(forward.get(k - 1), forward.get(k));
      }
    }
    for (Unit b : backward) {
      Unit around = lastStartingBefore(forward, starts, b.s);
      if (around != null && b.f < around.s && story == null) {
        inside(b, around);
      }
      long t = around != null && b.s < around.s ? around.s : b.s;
      for (int k = 0; k < b.ops.size(); k++) {
        set(b.ops.get(k), t, 1, b.id, k);
      }
    }
    for (int i = 0; i < local.size(); i++) {
      if (groups.role[i] == Role.FREE) {
        set(i, local.call()[i], 1, Integer.MAX_VALUE, i);
      }
    }
    int[] order = sortedPlaced();
    if (story != null) {
      return refutation(order);
    }
    steps += local.size();
    if (!Witness.isLinearization(model, local, order)) {
      return new Decision.NotApplicable("internal error: the order built by the unique-value "
          + "path failed its replay (please report it); the search decides instead", steps);
    }
    return new Decision.Decided(true, words.method(), "", order, -1, steps);
  }

  /**
   * Places a forward unit's operations as early as the chain order allows, from its {@code f};
   * records the first operation that cannot be placed by its return (and whom to blame).
   */
  private void placeEarliest(Unit u) {
    long start = u.f;
    long end = u.f;
    int startBy = -1;
    int endBy = -1;
    for (int k = 0; k < u.ops.size(); k++) {
      steps++;
      int op = u.ops.get(k);
      boolean writer = u.writer.get(k);
      long base = writer ? end : start;
      int baseBy = writer ? endBy : startBy;
      long p = Math.max(base, local.call()[op]);
      int by = local.call()[op] >= base ? op : baseBy;
      if (p > local.ret()[op] && story == null) {
        outOfOrder(u, op, by);
      }
      if (writer) {
        start = p;
        startBy = by;
        end = p;
        endBy = by;
      } else if (p > end) {
        end = p;
        endBy = by;
      }
      if (u.forward()) {
        set(op, p, p == u.f ? 2 : 0, u.id, k);
      }
    }
  }

  private void set(int op, long p, int c, int unit, int k) {
    point[op] = p;
    cls[op] = c;
    unitOf[op] = unit;
    pos[op] = k;
  }

  /** The forward unit with the latest start before {@code t}, or null. */
  private static Unit lastStartingBefore(List<Unit> forward, long[] starts, long t) {
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? null : forward.get(lo - 1);
  }

  private int[] sortedPlaced() {
    List<Integer> placed = new ArrayList<>();
    for (int i = 0; i < local.size(); i++) {
      if (groups.role[i] != Role.DROP) {
        placed.add(i);
      }
    }
    placed.sort(Comparator.<Integer>comparingLong(i -> point[i]).thenComparingInt(i -> cls[i])
        .thenComparingInt(i -> unitOf[i]).thenComparingInt(i -> pos[i]));
    steps += (long) placed.size() * (64 - Long.numberOfLeadingZeros(placed.size() + 1L));
    return placed.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Operations that take part, by call time: a plain order whose valid prefix is evidence. */
  private int[] byCall() {
    for (int i = 0; i < local.size(); i++) {
      set(i, local.call()[i], 0, 0, i);
    }
    return sortedPlaced();
  }

  private Decision refutation(int[] tentative) {
    return Witness.refutation(model, local, words.method(), story, blamed, tentative, steps);
  }

  // ---- stories: why no linearization exists, naming the operations involved ----

  private void outOfOrder(Unit u, int op, int by) {
    String reason;
    Role r = groups.role[op];
    if (r == Role.READ && by >= 0 && view.value[by] != null && groups.role[by] != Role.READ
        && view.value[by].equals(groups.readValue[op])) {
      reason = "it saw the value that one wrote";
    } else if (r == Role.LINK && by >= 0 && groups.role[by] == Role.READ
        && groups.readValue[by].equals(view.expected[op])) {
      reason = "that one saw " + RegisterUnits.show(groups.readValue[by])
          + ", the value " + words.swap() + ", and a replaced value never comes back";
    } else if (r == Role.LINK && by >= 0 && groups.role[by] != Role.READ
        && view.value[by].equals(view.expected[op])) {
      reason = words.replaced();
    } else if (r == Role.READ && by >= 0 && groups.role[by] == Role.READ) {
      reason = "that one saw " + RegisterUnits.show(groups.readValue[by]) + ", "
          + words.earlier();
    } else {
      reason = "it comes after that operation in " + unitName(u);
    }
    story = describe(op) + " must take effect after " + describe(by) + ": " + reason
        + ". But it returned before that one was called.";
    blamed = op;
  }

  private void overlap(Unit a, Unit b) {
    story = span(a) + ", and " + span(b) + ". The two stretches overlap, but the "
        + words.object() + " holds one value at a time and a value, once replaced, is never "
        + "written again.";
    blamed = b.fOp >= 0 ? b.fOp : a.sOp;
  }

  private void inside(Unit b, Unit a) {
    String ran = b.sOp == b.fOp ? "(" + describe(b.sOp) + ")"
        : "(from when " + describe(b.sOp) + " was called to when " + describe(b.fOp)
            + " returned)";
    story = "Every operation of " + unitName(b) + " ran across the stretch from " + b.s + " to "
        + b.f + " " + ran + ", but " + span(a) + ", all around it: there is no moment left for "
        + unitName(b) + ".";
    blamed = b.fOp;
  }

  /** "value 1 had to stay in place from 10 (... had returned) until 20 (... was called ...)". */
  private String span(Unit u) {
    String from = u.initial ? "from the start" : "from " + u.f + " (" + describe(u.fOp)
        + " had returned)";
    return unitName(u) + " had to stay in place " + from + " until " + u.s + " ("
        + describe(u.sOp) + " was called and still saw it)";
  }

  private String unitName(Unit u) {
    long writers = u.writer.stream().filter(w -> w).count();
    if (u.initial) {
      return (writers > 0 ? words.chainAfter() : "") + "the initial value "
          + RegisterUnits.show(view.initial);
    }
    int root = u.ops.getFirst();
    if (view.value[root] instanceof AppendChains.Unseen unseen) {
      return "the append of " + RegisterUnits.show(unseen.token()) + " that no get saw";
    }
    return (writers > 1 ? words.chainAfter() : "value ") + RegisterUnits.show(view.value[root]);
  }

  private String describe(int op) {
    return local.describe(model, op);
  }
}
