package labs.checker.internal;

/**
 * The set of linearized operations as a bitset with an incrementally maintained Zobrist hash
 * (the XOR of a fixed random key per member, so equal sets hash equally whatever the order they
 * were built in). It also tracks the window of words worth storing: every word before {@link #lo}
 * is full and every word from {@link #hi} on is empty, which keeps cache keys short when the
 * linearized operations form a long prefix of the history.
 */
final class OpSet {
  final long[] words;
  /** First word that is not all ones. */
  int lo;
  /** One past the last word that is not zero. */
  int hi;
  long hash;
  private final long[] keys;

  OpSet(int n) {
    words = new long[(n + 63) >>> 6];
    keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = mix(0x9E3779B97F4A7C15L * (i + 1));
    }
  }

  /** A strong 64-bit mixer (the finaliser of MurmurHash3). */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  void add(int i) {
    int w = i >>> 6;
    long word = words[w] | (1L << i);
    words[w] = word;
    hash ^= keys[i];
    if (w >= hi) {
      hi = w + 1;
    }
    if (w == lo && word == -1L) {
      do {
        lo++;
      } while (lo < words.length && words[lo] == -1L);
    }
  }

  void remove(int i) {
    int w = i >>> 6;
    long word = words[w] & ~(1L << i);
    words[w] = word;
    hash ^= keys[i];
    if (w < lo) {
      lo = w;
    }
    if (word == 0 && w == hi - 1) {
      do {
        hi--;
      } while (hi > 0 && words[hi - 1] == 0);
    }
  }
}
