package labs.checker.internal;

import java.util.Arrays;

/**
 * Finite unions of closed integer intervals, as sorted flat arrays {@code [a0, b0, a1, b1, ...]}
 * with {@code a0 <= b0 < a1 - 1}: the sets of instants the versioned path reasons about. {@code
 * Long.MIN_VALUE} and {@code Long.MAX_VALUE} stand for minus and plus infinity.
 */
final class Intervals {
  static final long[] EMPTY = new long[0];

  private Intervals() {}

  static boolean isEmpty(long[] set) {
    return set.length == 0;
  }

  static long min(long[] set) {
    return set[0];
  }

  static long max(long[] set) {
    return set[set.length - 1];
  }

  /** The union of intervals given as {@code (from[i], to[i])} pairs, in any order. */
  static long[] union(long[] from, long[] to) {
    Integer[] order = new Integer[from.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (i, j) -> Long.compare(from[i], from[j]));
    long[] out = new long[2 * from.length];
    int size = 0;
    for (int i : order) {
      if (from[i] > to[i]) {
        continue;
      }
      if (size > 0 && from[i] <= out[size - 1] + 1 && out[size - 1] != Long.MAX_VALUE) {
        out[size - 1] = Math.max(out[size - 1], to[i]);
      } else if (size > 0 && out[size - 1] == Long.MAX_VALUE) {
        continue; // already covers everything from there on
      } else {
        out[size++] = from[i];
        out[size++] = to[i];
      }
    }
    return Arrays.copyOf(out, size);
  }

  /** {@code a ∩ b}. */
  static long[] intersect(long[] a, long[] b) {
    long[] out = new long[a.length + b.length];
    int size = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      long lo = Math.max(a[i], b[j]);
      long hi = Math.min(a[i + 1], b[j + 1]);
      if (lo <= hi) {
        out[size++] = lo;
        out[size++] = hi;
      }
      if (a[i + 1] < b[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return Arrays.copyOf(out, size);
  }

  /** {@code set ∩ [lo, hi]}. */
  static long[] clamp(long[] set, long lo, long hi) {
    return lo > hi ? EMPTY : intersect(set, new long[] {lo, hi});
  }

  /** The largest element of {@code set} that is {@code <= y}, or null if none. */
  static Long floor(long[] set, long y) {
    int lo = 0;
    int hi = set.length / 2; // intervals [lo, hi) not yet ruled out; find the last start <= y
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (set[2 * mid] <= y) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? null : Math.min(set[2 * lo - 1], y);
  }

  /** The smallest element of {@code set} that is {@code >= y}, or null if none. */
  static Long ceiling(long[] set, long y) {
    int lo = 0;
    int hi = set.length / 2; // find the first interval whose end is >= y
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (set[2 * mid + 1] < y) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == set.length / 2 ? null : Math.max(set[2 * lo], y);
  }

  /**
   * The instants {@code y} for which some {@code x} in {@code before} satisfies {@code g(y) <= x
   * <= y}, where {@code g(y)} is the latest call among the {@code (call, ret)} pairs with {@code ret
   * < y} ({@code Long.MIN_VALUE} if none): the pairs are operations that must not run entirely
   * inside {@code [x, y]}. {@code byRet} lists the pairs sorted by return.
   */
  static long[] reachable(long[] before, long[][] byRet) {
    long[] out = new long[2 * (byRet.length + 1)];
    int size = 0;
    long g = Long.MIN_VALUE;
    long segmentFrom = Long.MIN_VALUE;
    for (int k = 0; k <= byRet.length; k++) {
      long segmentTo = k < byRet.length ? byRet[k][1] : Long.MAX_VALUE;
      if (segmentFrom <= segmentTo) {
        Long e = ceiling(before, g);
        if (e == null) {
          break; // g only grows: no later segment can be reached either
        }
        long lo = Math.max(segmentFrom, e);
        if (lo <= segmentTo) {
          if (size > 0 && lo <= out[size - 1] + 1) {
            out[size - 1] = segmentTo;
          } else {
            out[size++] = lo;
            out[size++] = segmentTo;
          }
        }
      }
      if (k < byRet.length) {
        g = Math.max(g, byRet[k][0]);
        segmentFrom = Math.max(segmentFrom, byRet[k][1] + 1);
      }
    }
    return Arrays.copyOf(out, size);
  }
}
