package mapreduce;

import java.nio.charset.StandardCharsets;

/**
 * Which reduce task a key belongs to. Every worker must use this function so that all values of
 * one key, whichever map emitted them, end up in the same reduce task.
 *
 * <pre>{@code
 * int y = Partition.of(kv.key(), nReduce);   // write kv to mr-X-y
 * }</pre>
 */
public final class Partition {
  private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private Partition() {}

  /** The reduce task number of {@code key}: {@code ihash(key) % nReduce}, in [0, nReduce). */
  public static int of(String key, int nReduce) {
    if (nReduce < 1) {
      throw new IllegalArgumentException("nReduce must be at least 1, got " + nReduce);
    }
    return ihash(key) % nReduce;
  }

  /** FNV-1a (32 bit) of the key's UTF-8 bytes, masked to a non-negative int. */
  public static int ihash(String key) {
    int hash = FNV_OFFSET_BASIS;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash & 0x7fffffff;
  }
}
