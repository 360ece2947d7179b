package labs.checker.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labs.checker.Model;

/**
 * The first half of the unique-value register path: which operations matter and how they group.
 * Every value is written at most once, so each read names the write it saw, and each successful
 * compare-and-swap names the write it replaced. A <em>unit</em> is a chain: a write (or the
 * initial value), the reads of its value, the compare-and-swap that replaced it, the reads of
 * that one's value, and so on. In any linearization a unit's operations are contiguous, in chain
 * order (a value, once replaced, never comes back). See {@link UniqueRegisterPath}.
 */
final class RegisterUnits {
  /** What an operation is to the path. */
  enum Role {
    /** Left out: never returned and nothing needs it to take effect. */
    DROP,
    /** Must be linearized but constrains nothing (a read with no answer, a failed swap whose
     * expected value never exists). */
    FREE,
    /** Reads {@code readValue}. */
    READ,
    /** A write: the start of a unit. */
    ROOT,
    /** A compare-and-swap that took effect: replaces its expected value by its update. */
    LINK
  }

  /** A chain of values and its operations in chain order; writer flags mark ROOT and LINKs. */
  static final class Unit {
    final int id;
    final List<Integer> ops = new ArrayList<>();
    final List<Boolean> writer = new ArrayList<>();
    /** Earliest return and latest call among the unit's operations, and who has them. */
    long f = Long.MAX_VALUE;
    long s = Long.MIN_VALUE;
    int fOp = -1;
    int sOp = -1;
    /** Whether the unit starts with the initial value (no write of its own). */
    final boolean initial;

    Unit(int id, boolean initial) {
      this.id = id;
      this.initial = initial;
      if (initial) {
        f = Long.MIN_VALUE;
        s = Long.MIN_VALUE;
      }
    }

    void add(int op, boolean isWriter, Local local) {
      ops.add(op);
      writer.add(isWriter);
      if (local.ret()[op] < f) {
        f = local.ret()[op];
        fOp = op;
      }
      if (local.call()[op] > s) {
        s = local.call()[op];
        sOp = op;
      }
    }

    /** Whether the unit's operations must span a stretch of time (else they can share an instant). */
    boolean forward() {
      return f < s;
    }
  }

  final Role[] role;
  final Object[] readValue;
  final List<Unit> units = new ArrayList<>();
  /** Why the path does not apply, or null. */
  String notApplicable;
  /** Why the history is not linearizable (found while grouping), the blamed operation, or null. */
  String illegal;
  int illegalOp = -1;
  long steps;

  private final RegisterView view;
  private final Local local;
  private final Model<Object, Object, Object> model;
  private final Map<Object, Integer> writerOf = new HashMap<>();

  RegisterUnits(Model<Object, Object, Object> model, Local local, RegisterView view) {
    this.model = model;
    this.local = local;
    this.view = view;
    role = new Role[local.size()];
    readValue = new Object[local.size()];
    if (qualifies()) {
      assignRoles();
      if (illegal == null) {
        buildUnits();
      }
    }
  }

  private boolean qualifies() {
    int n = local.size();
    for (int i = 0; i < n; i++) {
      steps++;
      if (local.call()[i] == Long.MIN_VALUE) {
        return fail("operation " + i + " is called at Long.MIN_VALUE");
      }
      if (view.kind[i] == RegisterView.Kind.OTHER) {
        return fail(describe(i) + " is not a read, a write or a compare-and-swap");
      }
      if (view.kind[i] == RegisterView.Kind.CAS && view.swapped[i] == null && local.complete(i)) {
        return fail(describe(i) + " returned without saying whether it swapped");
      }
      Object v = view.mayWrite(i);
      if (v != null) {
        if (v.equals(view.initial)) {
          return fail(describe(i) + " writes the initial value");
        }
        Integer other = writerOf.putIfAbsent(v, i);
        if (other != null) {
          return fail("value " + show(v) + " is written twice (by " + describe(other) + " and by "
              + describe(i) + ")");
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (view.kind[i] == RegisterView.Kind.CAS && view.swapped[i] == Boolean.FALSE
          && (view.expected[i].equals(view.initial) || writerOf.containsKey(view.expected[i]))) {
        return fail(describe(i) + " failed while its expected value exists at some time: the "
            + "path covers only failed swaps whose expected value is never written");
      }
    }
    return true;
  }

  private boolean fail(String reason) {
    notApplicable = reason;
    return false;
  }

  private void assignRoles() {
    int n = local.size();
    Set<Object> observed = new HashSet<>();
    ArrayDeque<Object> toVisit = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      steps++;
      boolean complete = local.complete(i);
      role[i] = switch (view.kind[i]) {
        case READ -> view.value[i] == null ? (complete ? Role.FREE : Role.DROP) : Role.READ;
        case WRITE -> Role.ROOT;
        case CAS -> {
          if (view.swapped[i] == Boolean.FALSE) {
            yield complete ? Role.FREE : Role.DROP; // its expected value never exists
          }
          if (view.casKeepsValue(i)) {
            yield view.swapped[i] == Boolean.TRUE ? Role.READ : Role.DROP;
          }
          yield Role.LINK;
        }
        case OTHER -> throw new IllegalStateException("checked by qualifies()");
      };
      if (role[i] == Role.READ) {
        readValue[i] = view.kind[i] == RegisterView.Kind.CAS ? view.expected[i] : view.value[i];
        toVisit.add(readValue[i]);
      } else if (role[i] == Role.LINK && complete) {
        toVisit.add(view.expected[i]);
      }
    }
    // A write that never returned takes effect only if its value was seen (directly, or by a
    // swap that took effect); otherwise it is left out, as if it never happened.
    while (!toVisit.isEmpty()) {
      steps++;
      Object v = toVisit.poll();
      if (!observed.add(v)) {
        continue;
      }
      Integer w = writerOf.get(v);
      if (w != null && role[w] == Role.LINK) {
        toVisit.add(view.expected[w]);
      }
    }
    for (int i = 0; i < n; i++) {
      if ((role[i] == Role.ROOT || role[i] == Role.LINK) && !local.complete(i)
          && !observed.contains(view.value[i])) {
        role[i] = Role.DROP;
      }
    }
    for (int i = 0; i < n && illegal == null; i++) {
      if (role[i] == Role.READ && !exists(readValue[i])) {
        refute(i, describe(i) + " saw " + show(readValue[i]) + ", which no operation wrote.");
      } else if (role[i] == Role.LINK && !exists(view.expected[i])) {
        refute(i, describe(i) + " swapped from " + show(view.expected[i])
            + ", which no operation wrote.");
      }
    }
  }

  private boolean exists(Object v) {
    return v.equals(view.initial) || writerOf.containsKey(v);
  }

  private void refute(int op, String story) {
    illegal = story;
    illegalOp = op;
  }

  private void buildUnits() {
    int n = local.size();
    Map<Object, List<Integer>> readsOf = new HashMap<>();
    Map<Object, Integer> replacedBy = new HashMap<>();
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      steps++;
      switch (role[i]) {
        case READ -> readsOf.computeIfAbsent(readValue[i], v -> new ArrayList<>()).add(i);
        case ROOT -> roots.add(i);
        case LINK -> {
          Integer other = replacedBy.putIfAbsent(view.expected[i], i);
          if (other != null && illegal == null) {
            refute(i, describe(other) + " and " + describe(i) + " both swapped from "
                + show(view.expected[i]) + ", but it is written only once: after the first "
                + "swap it is gone for good.");
          }
        }
        case DROP, FREE -> { }
      }
    }
    if (illegal != null) {
      return;
    }
    int linked = 0;
    List<Object> starts = new ArrayList<>();
    starts.add(null); // the initial value's unit
    starts.addAll(roots);
    for (Object start : starts) {
      Unit unit = new Unit(units.size(), start == null);
      Object v = view.initial;
      if (start != null) {
        int w = (Integer) start;
        unit.add(w, true, local);
        v = view.value[w];
      }
      while (true) {
        steps++;
        for (int r : readsOf.getOrDefault(v, List.of())) {
          unit.add(r, false, local);
        }
        Integer next = replacedBy.get(v);
        if (next == null) {
          break;
        }
        unit.add(next, true, local);
        linked++;
        v = view.value[next];
      }
      if (!unit.ops.isEmpty()) {
        units.add(unit);
      }
    }
    if (linked < replacedBy.size()) {
      boolean[] inUnit = new boolean[n];
      for (Unit u : units) {
        for (int op : u.ops) {
          inUnit[op] = true;
        }
      }
      for (int i = 0; i < n; i++) {
        if (role[i] == Role.LINK && !inUnit[i]) {
          refute(i, describe(i) + " swapped from " + show(view.expected[i]) + ", but that value "
              + "is written only by swaps that need this one's result first (a cycle of "
              + "compare-and-swaps with no write to start it).");
          return;
        }
      }
    }
  }

  String describe(int i) {
    return local.describe(model, i);
  }

  static String show(Object value) {
    if (value instanceof java.util.OptionalInt v) {
      return v.isPresent() ? Integer.toString(v.getAsInt()) : "nil";
    }
    return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
  }
}
