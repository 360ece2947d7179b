package labs.race;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The slots of the run's vector clocks. A lab run starts tens of thousands of short threads (one
 * per RPC and per call), so a slot per thread would make every clock that long. A slot is reused
 * by a new thread only when everything its last owner did happens before the new thread's start
 * (the new thread's parent knows the owner's last access): the new owner then simply continues
 * the old one's clock, and no order the run did not have is made up.
 */
final class Slots {
  private final List<ThreadState> owners = new ArrayList<>();
  private int[] maxClock = new int[16];
  private int[] lastAccess = new int[16];
  private final BitSet free = new BitSet();

  /** A slot for a thread whose parent's clock is {@code parentVc}: the lowest reusable one, or a new one. */
  int take(int[] parentVc) {
    for (int s = free.nextSetBit(0); s >= 0; s = free.nextSetBit(s + 1)) {
      if (VectorClocks.get(parentVc, s) >= lastAccess[s]) {
        free.clear(s);
        return s;
      }
    }
    owners.add(null);
    int s = owners.size() - 1;
    if (s >= maxClock.length) {
      maxClock = java.util.Arrays.copyOf(maxClock, s * 2);
      lastAccess = java.util.Arrays.copyOf(lastAccess, s * 2);
    }
    return s;
  }

  /** The first clock value of a new owner of {@code slot}: past every value its earlier owners used. */
  int firstClock(int slot) {
    return maxClock[slot] + 1;
  }

  void own(int slot, ThreadState t) {
    owners.set(slot, t);
  }

  /** {@code t} will never access anything again: its slot may be reused. */
  void free(ThreadState t) {
    if (t.freed) {
      return;
    }
    t.freed = true;
    maxClock[t.slot] = Math.max(maxClock[t.slot], t.clock());
    lastAccess[t.slot] = t.lastAccessClock;
    owners.set(t.slot, null);
    free.set(t.slot);
  }

  /** Frees the slots of every thread of {@code node} (a crash in the simulation: they never run again). */
  void freeAllOf(Object node) {
    for (ThreadState t : new ArrayList<>(owners)) {
      if (t != null && t.node == node) {
        free(t);
      }
    }
  }

  int count() {
    return owners.size();
  }
}
