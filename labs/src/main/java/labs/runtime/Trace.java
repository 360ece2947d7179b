package labs.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Everything that happened in a run, in order: RPCs sent, delivered and dropped, crashes,
 * partitions, and every node's log lines, each stamped with runtime time. The harness writes it
 * to {@code target/labs-traces/} when a test fails.
 *
 * <p>The trace keeps the last {@value #KEPT} events in full, and a running hash of every event so
 * that two runs of one seed can be compared (see {@link #hash()}, {@link #eventHashes()}).
 */
public final class Trace {
  /** One entry of the trace. {@code kind} is for example "send", "drop", "crash" or "log". */
  public record Event(long index, long timeNanos, String node, String kind, String text) {
    /** The event as one line: {@code 1.234567s server-1 send: ...}. */
    @Override
    public String toString() {
      return String.format("%10.6fs %-10s %-7s %s", timeNanos / 1e9, node, kind, text);
    }
  }

  static final int KEPT = 200_000;

  private final LongSupplier clock;
  private final boolean echo;
  private final ArrayDeque<Event> kept = new ArrayDeque<>();
  private long[] hashes = new long[1024];
  private long count;
  private long hash = 0xcbf29ce484222325L;

  Trace(LongSupplier clock, boolean echo) {
    this.clock = clock;
    this.echo = echo;
  }

  /** Adds an event stamped with the current runtime time. */
  public void record(String node, String kind, String text) {
    long t = clock.getAsLong();
    synchronized (this) {
      Event e = new Event(count, t, node, kind, text);
      hash = mix(mix(mix(mix(hash, t), node.hashCode()), kind.hashCode()), text.hashCode());
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
      hashes[(int) count] = hash;
      count++;
      if (kept.size() == KEPT) {
        kept.removeFirst();
      }
      kept.addLast(e);
      if (echo) {
        System.err.println(e);
      }
    }
  }

  /** Adds a log line (formatted with {@link String#format}) for {@code node}. */
  public void log(String node, String format, Object... args) {
    record(node, "log", args.length == 0 ? format : String.format(format, args));
  }

  private static long mix(long h, long v) {
    h ^= v;
    h *= 0x100000001b3L;
    return h ^ (h >>> 29);
  }

  /** A hash of every event so far: equal for two runs that did the same things at the same times. */
  public synchronized long hash() {
    return hash;
  }

  /** How many events were recorded. */
  public synchronized long size() {
    return count;
  }

  /** The running hash after each event: entry i covers events 0..i. */
  public synchronized long[] eventHashes() {
    return Arrays.copyOf(hashes, (int) count);
  }

  /** The events still kept (the last {@value #KEPT}), oldest first. */
  public synchronized List<Event> events() {
    return new ArrayList<>(kept);
  }
}
