package labs.race;

import java.util.Arrays;

/**
 * The shadow of one memory location (a field of one object, one array element, the contents of
 * one collection), FastTrack style: the last write, and the last read of each thread since it
 * (usually one or two). A volatile field's cell holds the field's clock instead ({@link #sync}).
 */
final class Cell {
  private static final Access[] NO_READS = new Access[0];

  Access write;
  Access[] reads = NO_READS;
  int readCount;
  /** For a volatile field: the clock its writes release and its reads acquire. */
  Sync sync;

  /** The read of slot {@code slot} since the last write, or -1. */
  int readIndexOf(int slot) {
    for (int i = 0; i < readCount; i++) {
      if (reads[i].slot == slot) {
        return i;
      }
    }
    return -1;
  }

  void putRead(int index, Access a) {
    if (index >= 0) {
      reads[index] = a;
      return;
    }
    if (readCount == reads.length) {
      reads = Arrays.copyOf(reads, Math.max(2, readCount * 2));
    }
    reads[readCount++] = a;
  }

  /**
   * Forgets the reads that happen before {@code latest} (a read by {@code t}, just stored): any
   * later write that one of them races with races with {@code latest} too, since they happen
   * before it. So the set stays as small as the reads that really are concurrent (FastTrack keeps
   * one per thread; many threads read a field under one lock, one after the other).
   */
  void dropReadsBefore(ThreadState t, Access latest) {
    int kept = 0;
    for (int i = 0; i < readCount; i++) {
      Access r = reads[i];
      if (r == latest || !r.happensBefore(t)) {
        reads[kept++] = r;
      }
    }
    Arrays.fill(reads, kept, readCount, null);
    readCount = kept;
  }

  void clearReads() {
    if (readCount > 0) {
      Arrays.fill(reads, 0, readCount, null);
      readCount = 0;
    }
  }
}
