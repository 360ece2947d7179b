package labs.checker.internal;

import java.util.Arrays;
import labs.checker.Model;

/**
 * The memo of configurations already explored: (set of linearized operations, model state). An
 * open-addressing hash table over primitive arrays, keyed by the set's Zobrist hash; the sets'
 * words live in one shared array (only the window between the full prefix and the empty suffix
 * is stored), mixed with the state's {@link Model#hash}. States are compared with {@link
 * Model#equal}.
 *
 * <p>Memory is bounded: once the stored entries reach the limit (not counting the states they
 * hold), or the heap is nearly full of live data (large states), new configurations are no
 * longer remembered. The search stays exact, it only loses pruning; the timeout or the step budget
 * bounds its time. (The heap check is off for checks bounded by steps alone: it would make the
 * search depend on the machine.)
 */
final class StateCache {
  private static final int CHECK_HEAP_EVERY = 1 << 14;

  private final Model<Object, Object, Object> model;
  private long limitBytes = Long.MAX_VALUE;
  private boolean guardHeap = true;

  private int[] table = new int[64]; // entry index + 1; 0 = empty slot
  private int size;

  private long[] hashes = new long[32];
  private int[] offsets = new int[32];
  private int[] los = new int[32];
  private int[] lens = new int[32];
  private Object[] states = new Object[32];
  private long[] arena = new long[64];
  private int arenaUsed;
  private boolean full;

  StateCache(Model<Object, Object, Object> model) {
    this.model = model;
  }

  void setLimit(long bytes, boolean guardHeap) {
    limitBytes = bytes;
    this.guardHeap = guardHeap;
  }

  int size() {
    return size;
  }

  /** Whether the cache stopped remembering new configurations because of its memory bound. */
  boolean isFull() {
    return full;
  }

  /**
   * Remembers ({@code set}, {@code state}) and returns true if it was not known yet; returns false
   * if an equal configuration was already explored.
   */
  boolean addIfAbsent(OpSet set, Object state) {
    long h = set.hash ^ OpSet.mix(model.hash(state));
    int lo = set.lo;
    int len = set.hi - lo;
    long[] words = set.words;
    int mask = table.length - 1;
    int slot = (int) (h ^ (h >>> 29)) & mask;
    for (int e; (e = table[slot]) != 0; slot = (slot + 1) & mask) {
      e--;
      if (hashes[e] == h && los[e] == lo && lens[e] == len
          && Arrays.equals(arena, offsets[e], offsets[e] + len, words, lo, lo + len)
          && model.equal(states[e], state)) {
        return false;
      }
    }
    if (full || bytesAfterAdding(len) > limitBytes
        || (guardHeap && (size & (CHECK_HEAP_EVERY - 1)) == 0 && HeapGuard.nearlyFull())) {
      full = true;
      return true;
    }
    insert(slot, h, lo, len, words, state);
    return true;
  }

  private long bytesAfterAdding(int len) {
    long perEntry = 8 + 4 + 4 + 4 + 8 + 4 * 2; // arrays + table slots at load <= 1/2
    return (long) (size + 1) * perEntry + 8L * (arenaUsed + len) + 16L * (size + 1);
  }

  private void insert(int slot, long h, int lo, int len, long[] words, Object state) {
    int e = size;
    if (e == hashes.length) {
      int cap = e * 2;
      hashes = Arrays.copyOf(hashes, cap);
      offsets = Arrays.copyOf(offsets, cap);
      los = Arrays.copyOf(los, cap);
      lens = Arrays.copyOf(lens, cap);
      states = Arrays.copyOf(states, cap);
    }
    if (arenaUsed + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
    }
    System.arraycopy(words, lo, arena, arenaUsed, len);
    hashes[e] = h;
    offsets[e] = arenaUsed;
    los[e] = lo;
    lens[e] = len;
    states[e] = state;
    arenaUsed += len;
    table[slot] = e + 1;
    size++;
    if (size * 2 > table.length) {
      rehash();
    }
  }

  private void rehash() {
    int[] bigger = new int[table.length * 2];
    int mask = bigger.length - 1;
    for (int e = 0; e < size; e++) {
      long h = hashes[e];
      int slot = (int) (h ^ (h >>> 29)) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = e + 1;
    }
    table = bigger;
  }
}
