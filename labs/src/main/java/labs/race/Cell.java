package labs.race;

import java.util.Arrays;

/**
 * The shadow of one memory location (a field of one object, one array element, the contents of
 * one collection), FastTrack style: the last write, and the last read of each thread slot since
 * it. A volatile field's cell holds the field's clock instead ({@link #sync}).
 *
 * <p>The reads are a short list while few threads read the location concurrently (the usual
 * case: a read that happens after the others replaces them). A location that many threads read
 * with no order between them (a field set once and read by every RPC handler) switches to an
 * array indexed by slot, so that each read costs the same however many threads there are.
 */
final class Cell {
  private static final Access[] NO_READS = new Access[0];
  /** Concurrent reads kept as a list; more than this and the reads are indexed by slot. */
  private static final int LISTED = 8;

  Access write;
  private Access[] reads = NO_READS;
  private int readCount; // in the list form: the reads are reads[0 .. readCount)
  private boolean bySlot; // the array form: reads[slot] is that slot's read, or null
  /** For a volatile field: the clock its writes release and its reads acquire. */
  Sync sync;

  boolean hasReads() {
    return readCount > 0;
  }

  /** The read by slot {@code slot} since the last write, or null. */
  Access readBy(int slot) {
    if (bySlot) {
      return slot < reads.length ? reads[slot] : null;
    }
    for (int i = 0; i < readCount; i++) {
      if (reads[i].slot == slot) {
        return reads[i];
      }
    }
    return null;
  }

  /**
   * Records read {@code a} by {@code t}, in place of its slot's earlier one. In the list form it
   * also forgets the reads that happen before {@code a}: any later write that races with one of
   * them races with {@code a} too, so the list keeps only the reads that really are concurrent.
   */
  void putRead(Access a, ThreadState t) {
    if (bySlot) {
      if (a.slot >= reads.length) {
        reads = Arrays.copyOf(reads, Math.max(a.slot + 1, reads.length * 2));
      }
      if (reads[a.slot] == null) {
        readCount++;
      }
      reads[a.slot] = a;
      return;
    }
    int kept = 0;
    for (int i = 0; i < readCount; i++) {
      Access r = reads[i];
      if (r.slot != a.slot && !r.happensBefore(t)) {
        reads[kept++] = r;
      }
    }
    Arrays.fill(reads, kept, readCount, null);
    readCount = kept;
    if (readCount == LISTED) {
      toSlots();
      putRead(a, t);
      return;
    }
    if (readCount == reads.length) {
      reads = Arrays.copyOf(reads, Math.max(2, readCount * 2));
    }
    reads[readCount++] = a;
  }

  private void toSlots() {
    Access[] listed = Arrays.copyOf(reads, readCount);
    int max = 0;
    for (Access r : listed) {
      max = Math.max(max, r.slot);
    }
    reads = new Access[max + 1];
    for (Access r : listed) {
      reads[r.slot] = r;
    }
    bySlot = true;
  }

  /** The first recorded read that does not happen before {@code t} (a write by {@code t} races with it), or null. */
  Access firstConcurrentRead(ThreadState t) {
    int n = bySlot ? reads.length : readCount;
    for (int i = 0; i < n; i++) {
      Access r = reads[i];
      if (r != null && !r.happensBefore(t)) {
        return r;
      }
    }
    return null;
  }

  /** A write: the reads before it no longer matter (the list form again). */
  void clearReads() {
    if (bySlot) {
      reads = NO_READS;
      bySlot = false;
    } else {
      Arrays.fill(reads, 0, readCount, null);
    }
    readCount = 0;
  }
}
