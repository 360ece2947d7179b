package raft;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The log's entries as they are persisted: each encoded once, length-prefixed, one after the
 * other in one growing array. Persisting then copies that array once ({@link #withTrailer}), with
 * no per-entry work: Raft saves its whole state at every change, and without snapshots (part 2C,
 * and one lab 4 test) the log reaches thousands of entries. Not thread-safe: the log's caller holds
 * the Raft lock.
 *
 * <p>The persisted bytes: the entries ({@code length, bytes} each), their count, the header, the
 * header's length. The header goes last so that the copy of the entries can be the start of the
 * result ({@link Arrays#copyOf} fills no zeros it would then overwrite).
 */
final class PackedEntries {
  private byte[] bytes = new byte[256];
  private int length;
  private int[] starts = new int[16]; // starts[i]: where entry i begins in bytes
  private int count;

  int count() {
    return count;
  }

  void append(byte[] entry) {
    if (length + 4 + entry.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 4 + entry.length));
    }
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
    starts[count++] = length;
    ByteBuffer.wrap(bytes, length, 4 + entry.length).putInt(entry.length).put(entry);
    length += 4 + entry.length;
  }

  /** Keeps the first {@code n} entries. */
  void keepFirst(int n) {
    if (n < count) {
      length = starts[n];
      count = n;
    }
  }

  /** Drops the first {@code n} entries (a snapshot covers them). */
  void dropFirst(int n) {
    if (n <= 0) {
      return;
    }
    int from = n >= count ? length : starts[n];
    byte[] kept = Arrays.copyOfRange(bytes, from, Math.max(from + 256, length));
    int[] keptStarts = new int[Math.max(16, count - n)];
    for (int i = n; i < count; i++) {
      keptStarts[i - n] = starts[i] - from;
    }
    bytes = kept;
    length -= from;
    count = Math.max(count - n, 0);
    starts = keptStarts;
  }

  /** The persisted form: the entries, their count, then {@code header} and its length. */
  byte[] withTrailer(byte[] header) {
    byte[] out = Arrays.copyOf(bytes, length + 8 + header.length);
    ByteBuffer.wrap(out, length, 8 + header.length).putInt(count).put(header).putInt(header.length);
    return out;
  }

  /** What {@link #withTrailer} wrote: the header, and the encoded entries. */
  record Unpacked(byte[] header, byte[][] entries) {}

  static Unpacked read(byte[] persisted) {
    ByteBuffer in = ByteBuffer.wrap(persisted);
    int headerLength = in.getInt(persisted.length - 4);
    int countAt = persisted.length - 8 - headerLength;
    byte[] header = Arrays.copyOfRange(persisted, countAt + 4, countAt + 4 + headerLength);
    byte[][] entries = new byte[in.getInt(countAt)][];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = new byte[in.getInt()];
      in.get(entries[i]);
    }
    return new Unpacked(header, entries);
  }
}
