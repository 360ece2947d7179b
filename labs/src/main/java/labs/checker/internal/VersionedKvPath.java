package labs.checker.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import labs.checker.Model;
import labs.checker.internal.VersionedOps.Role;
import labs.checker.models.VersionedKvModel;

/**
 * Decides one key of a {@link VersionedKvModel} history exactly, in O(n log n): versions give the
 * order of the writes, so only <em>when</em> each version was created is unknown.
 *
 * <p><b>When it applies.</b> Always, for this model (no operation is called at {@code
 * Long.MIN_VALUE} and no put's version is {@code Long.MAX_VALUE}).
 *
 * <p><b>Reduction.</b> The key's version goes 0, 1, 2, ... one step per put that takes effect;
 * version {@code v + 1} is created by a put with version {@code v} that answered OK, or by one
 * that answered ErrMaybe (or never answered) and ran while the version was {@code v} (such a put
 * <em>must</em> take effect when it runs at version {@code v}). Let {@code x_v} be the instant
 * version {@code v} is created ({@code x_0 = -inf}). Each operation then constrains the {@code
 * x}'s by intervals only:
 * <ul>
 *   <li>a get that saw version {@code v} (ErrNoKey: version 0; so does a put answered ErrNoKey)
 *       ran while version {@code v} was current: {@code x_v <= ret} and {@code call <= x_{v+1}};
 *   <li>the put that creates version {@code v} runs then: {@code call <= x_v <= ret}; an OK put
 *       with version {@code v - 1} is the only candidate, else any ErrMaybe put with version
 *       {@code v - 1} whose value is the one read at version {@code v};
 *   <li>a put with version {@code v} that failed (ErrVersion, or an ErrMaybe one that did not
 *       create version {@code v + 1}) ran at some instant when version {@code v} was not current:
 *       {@code call <= x_v} or {@code x_{v+1} <= ret};
 *   <li>{@code x_1 <= x_2 <= ...}; versions above the highest one read or written by an OK put
 *       are optional: ErrMaybe puts may create them (or not).
 * </ul>
 * Every constraint links at most two consecutive versions, so the feasible instants for {@code
 * x_v} follow from those for {@code x_{v-1}}: a union of intervals, computed version by version
 * ({@link Intervals#reachable}).
 *
 * <p><i>OK means linearizable:</i> the {@code x}'s are picked backwards from the last feasible
 * set, an operation is placed at an instant inside its interval and in a version it is legal in,
 * and the order is replayed through the model ({@link Witness}) before it is reported (a failed
 * replay, a bug here, sends the key to the search). <i>ILLEGAL means not linearizable:</i> the
 * constraints above are necessary in every linearization, and the feasible sets are exact (each
 * is the set of values {@code x_v} takes in some assignment satisfying every constraint up to
 * version {@code v}), so an empty set, or a last version that no failed put can live with, leaves
 * no linearization.
 */
final class VersionedKvPath {
  static final String METHOD = "fast path: versioned key/value";

  private final VersionedOps ops;
  private final Local local;
  private final VersionedStories stories;

  private VersionedKvPath(VersionedOps ops) {
    this.ops = ops;
    this.local = ops.local;
    stories = new VersionedStories(ops);
  }

  static Decision decide(Model<Object, Object, Object> model, Local local) {
    VersionedOps ops = new VersionedOps(model, local);
    if (ops.notApplicable != null) {
      return new Decision.NotApplicable(ops.notApplicable, ops.steps);
    }
    return new VersionedKvPath(ops).run();
  }

  private Decision run() {
    if (ops.story != null) {
      return refutation(place(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
    }
    long top = ops.top();
    // feasible.get(v): the instants at which version v may have been created, given every
    // constraint on versions up to v (version 0 "exists" from minus infinity).
    List<long[]> feasible = new ArrayList<>();
    feasible.add(new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
    for (long v = 0; ; v++) {
      long[] here = feasible.getLast();
      long[][] avoiders = ops.avoiders(v);
      long latestAvoider = Long.MIN_VALUE;
      for (long[] a : avoiders) {
        latestAvoider = Math.max(latestAvoider, a[0]);
      }
      // Stop here (v is the last version) if every put that failed on v can run before it.
      if (v >= top && Intervals.max(here) >= latestAvoider) {
        return linearization(feasible);
      }
      List<Integer> eligible = ops.eligible(v + 1);
      long[] next = Intervals.EMPTY;
      if (!eligible.isEmpty()) {
        long[] from = new long[eligible.size()];
        long[] to = new long[eligible.size()];
        for (int k = 0; k < eligible.size(); k++) {
          from[k] = local.call()[eligible.get(k)];
          to[k] = local.ret()[eligible.get(k)];
        }
        long lo = local.maxCall(ops.version(v).reads);
        long hi = local.minRet(ops.version(v + 1).reads);
        long[] allowed = Intervals.clamp(Intervals.union(from, to), lo, hi);
        next = Intervals.intersect(Intervals.reachable(here, avoiders), allowed);
        ops.steps += eligible.size() + avoiders.length + here.length + allowed.length;
        if (Intervals.isEmpty(next)) {
          stories.noInstant(v, here, avoiders, allowed, lo, hi, eligible);
        }
      } else if (v < top) {
        stories.noCreator(v + 1);
      } else {
        stories.stuck(v, here, avoiders);
      }
      if (Intervals.isEmpty(next)) {
        return refutation(place(pick(feasible)));
      }
      feasible.add(next);
    }
  }

  private Decision linearization(List<long[]> feasible) {
    int[] order = place(pick(feasible));
    ops.steps += local.size();
    if (!Witness.isLinearization(ops.model, local, order)) {
      return new Decision.NotApplicable("internal error: the order built by the versioned path "
          + "failed its replay (please report it); the search decides instead", ops.steps);
    }
    return new Decision.Decided(true, METHOD, "", order, -1, ops.steps);
  }

  private Decision refutation(int[] tentative) {
    return Witness.refutation(
        ops.model, local, METHOD, ops.story, ops.blamed, tentative, ops.steps);
  }

  /** The creation instants: the latest feasible one for the last version, then backwards. */
  private static long[] pick(List<long[]> feasible) {
    int last = feasible.size() - 1;
    long[] x = new long[last + 2];
    x[0] = Long.MIN_VALUE;
    x[last + 1] = Long.MAX_VALUE;
    if (last > 0) {
      x[last] = Intervals.max(feasible.get(last));
      for (int v = last - 1; v >= 1; v--) {
        x[v] = Intervals.floor(feasible.get(v), x[v + 1]);
      }
    }
    return x;
  }

  /**
   * Orders the operations given the creation instants {@code x} (the top version is {@code
   * x.length - 2}): each at an instant of its interval, in a version it is legal in; a put that
   * creates version v sorts first among the operations at {@code x[v]} in version v. For a
   * refutation's tentative order, operations that need a later version go by their call.
   */
  private int[] place(long[] x) {
    int top = x.length - 2;
    int n = local.size();
    long[] point = new long[n];
    long[] era = new long[n];
    int[] kind = new int[n];
    boolean[] creator = new boolean[n];
    for (int v = 1; v <= top; v++) {
      for (int put : ops.eligible(v)) {
        if (local.call()[put] <= x[v] && x[v] <= local.ret()[put]) {
          creator[put] = true;
          point[put] = x[v];
          era[put] = v;
          break;
        }
      }
    }
    List<Integer> placed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ops.steps++;
      Role r = ops.role[i];
      if (creator[i]) {
        placed.add(i);
        continue;
      }
      if (r == Role.DROP || (r == Role.CANDIDATE && !local.complete(i))) {
        continue;
      }
      placed.add(i);
      kind[i] = 1;
      long call = local.call()[i];
      long p = call;
      long e;
      if (r == Role.READ && ops.ver[i] <= top) {
        p = Math.max(call, x[(int) ops.ver[i]]);
        e = ops.ver[i];
      } else if (r == Role.AVOID || r == Role.CANDIDATE) {
        long field = r == Role.AVOID ? ops.ver[i] : ops.ver[i] - 1;
        if (field >= 1 && field <= top && call <= x[(int) field]) {
          e = eraAt(x, call, (int) field); // before that version was created
        } else if (field < top) {
          p = Math.max(call, x[(int) field + 1]); // after it was replaced
          e = eraAt(x, p, top + 1);
        } else {
          e = eraAt(x, call, top + 1); // that version never exists
        }
      } else {
        e = eraAt(x, call, top + 1);
      }
      point[i] = p;
      era[i] = e;
    }
    placed.sort(Comparator.<Integer>comparingLong(i -> point[i]).thenComparingLong(i -> era[i])
        .thenComparingInt(i -> kind[i]).thenComparingInt(i -> i));
    ops.steps += (long) placed.size() * (64 - Long.numberOfLeadingZeros(placed.size() + 1L));
    return placed.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The highest version below {@code limit} created at or before {@code p}. */
  private static int eraAt(long[] x, long p, int limit) {
    int lo = 0;
    int hi = Math.min(limit, x.length) - 1; // x[0] = -inf <= p
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (x[mid] <= p) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
