package labs.race;

import java.util.Arrays;

/**
 * Vector clocks as plain {@code int[]}, indexed by thread slot; a missing entry is 0. An epoch
 * {@code c@s} (clock {@code c} of slot {@code s}) happens before a thread whose clock {@code V}
 * has {@code V[s] >= c}.
 */
final class VectorClocks {
  static final int[] EMPTY = new int[0];

  private VectorClocks() {}

  static int get(int[] vc, int slot) {
    return slot < vc.length ? vc[slot] : 0;
  }

  /** {@code into} joined with {@code from} (element-wise maximum); may return a longer array. */
  static int[] join(int[] into, int[] from) {
    if (from.length > into.length) {
      into = Arrays.copyOf(into, from.length);
    }
    for (int i = 0; i < from.length; i++) {
      into[i] = Math.max(into[i], from[i]); // an unconditional store: the JIT turns the loop into vector instructions
    }
    return into;
  }

  /** {@code vc} with entry {@code slot} set to {@code value}; may return a longer array. */
  static int[] with(int[] vc, int slot, int value) {
    if (slot >= vc.length) {
      vc = Arrays.copyOf(vc, Math.max(slot + 1, vc.length * 2));
    }
    vc[slot] = value;
    return vc;
  }
}
