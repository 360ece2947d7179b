package raft;

import java.util.ArrayList;
import java.util.List;
import labs.net.Codec;
import raft.RaftRpc.LogEntry;

/**
 * The log of one peer, with its compacted prefix. All the index arithmetic of part 2D lives here,
 * so that {@link Raft} speaks only in log indexes.
 *
 * <p>Indexes start at 1, as in the paper. Entries up to {@link #snapshotIndex()} have been
 * discarded into a snapshot; what is left of them is the index and term of the last one. The
 * entries after it are kept in {@code entries}:
 *
 * <pre>
 *   log index:   1 .. snapshotIndex | snapshotIndex+1 ... lastIndex()
 *   stored in:     the snapshot     | entries.get(0)  ... entries.get(size-1)
 * </pre>
 *
 * Before any snapshot, snapshotIndex is 0 and snapshotTerm is 0: a virtual entry 0 that every
 * log agrees on, so "the entry before the first one" always exists. Not thread-safe: the caller
 * holds the Raft lock.
 *
 * <p>Each entry is encoded once, when it enters the log, and persisted from those bytes
 * ({@link PackedEntries}): Raft saves its whole state at every change, and re-encoding a long log
 * each time would make a run cost the square of its length (a key/value service of lab 3 appends
 * thousands of entries).
 */
final class RaftLog {
  private int snapshotIndex;
  private int snapshotTerm;
  private ArrayList<LogEntry> entries;
  private final PackedEntries encoded = new PackedEntries(); // entry i encoded, as persisted

  RaftLog(int snapshotIndex, int snapshotTerm, List<LogEntry> entries) {
    this.snapshotIndex = snapshotIndex;
    this.snapshotTerm = snapshotTerm;
    this.entries = new ArrayList<>(entries);
    entries.forEach(e -> encoded.append(Codec.encode(e)));
  }

  /** An empty log. */
  RaftLog() {
    this(0, 0, List.of());
  }

  int snapshotIndex() {
    return snapshotIndex;
  }

  int snapshotTerm() {
    return snapshotTerm;
  }

  int lastIndex() {
    return snapshotIndex + entries.size();
  }

  int lastTerm() {
    return entries.isEmpty() ? snapshotTerm : entries.getLast().term();
  }

  /** Whether {@code index} is still known here (the snapshot's last entry counts). */
  boolean contains(int index) {
    return index >= snapshotIndex && index <= lastIndex();
  }

  /** The term of the entry at {@code index}; {@code snapshotIndex <= index <= lastIndex()}. */
  int term(int index) {
    return index == snapshotIndex ? snapshotTerm : entry(index).term();
  }

  /** The entry at {@code index}; {@code snapshotIndex < index <= lastIndex()}. */
  LogEntry entry(int index) {
    if (index <= snapshotIndex || index > lastIndex()) {
      throw new IndexOutOfBoundsException("log index " + index + " is outside " + (snapshotIndex + 1) + ".."
          + lastIndex() + " (snapshot ends at " + snapshotIndex + ")");
    }
    return entries.get(index - snapshotIndex - 1);
  }

  /** A copy of at most {@code max} entries from {@code index} on (empty if {@code index > lastIndex()}). */
  List<LogEntry> from(int index, int max) {
    int start = Math.max(index - snapshotIndex - 1, 0);
    int end = (int) Math.min(entries.size(), (long) start + max);
    return start >= end ? List.of() : List.copyOf(entries.subList(start, end));
  }

  /** Appends one entry at {@code lastIndex() + 1}. */
  void append(LogEntry e) {
    entries.add(e);
    encoded.append(Codec.encode(e));
  }

  /** Deletes the entry at {@code index} and all that follow it. */
  void truncateFrom(int index) {
    entries.subList(index - snapshotIndex - 1, entries.size()).clear();
    encoded.keepFirst(index - snapshotIndex - 1);
  }

  /** What a peer persists: the kept entries, and its own {@code header} (see {@link PackedEntries}). */
  byte[] persistentForm(byte[] header) {
    return encoded.withTrailer(header);
  }

  /** What {@link #persistentForm} wrote: the header and the entries. */
  record Persisted(byte[] header, List<LogEntry> entries) {}

  /** Reads bytes made by {@link #persistentForm}. */
  static Persisted read(byte[] bytes) {
    PackedEntries.Unpacked u = PackedEntries.read(bytes);
    List<LogEntry> entries = new ArrayList<>(u.entries().length);
    for (byte[] e : u.entries()) {
      entries.add(Codec.decode(e, LogEntry.class));
    }
    return new Persisted(u.header(), entries);
  }

  /** The first index holding the same term as {@code index} (stops at the snapshot boundary). */
  int firstIndexOfTermAt(int index) {
    int term = term(index);
    int i = index;
    while (i - 1 > snapshotIndex && term(i - 1) == term) {
      i--;
    }
    return i;
  }

  /** The last index whose entry has term {@code term}, or -1 if no kept entry has it. */
  int lastIndexOfTerm(int term) {
    for (int i = lastIndex(); i > snapshotIndex; i--) {
      int t = term(i);
      if (t == term) {
        return i;
      }
      if (t < term) {
        return -1; // terms only grow along the log: it cannot appear further back
      }
    }
    return -1;
  }

  /**
   * Discards everything up to and including {@code index}, whose entry has term {@code term},
   * because a snapshot now covers it. If this log holds that same entry, the entries after it
   * are kept (they agree with the snapshot's history); otherwise the whole log is replaced by the
   * snapshot. Copies the kept entries so the discarded ones can be garbage-collected.
   */
  void compactTo(int index, int term) {
    if (index <= lastIndex() && index > snapshotIndex && term(index) == term) {
      encoded.dropFirst(index - snapshotIndex);
      entries = new ArrayList<>(entries.subList(index - snapshotIndex, entries.size()));
    } else {
      encoded.dropFirst(encoded.count());
      entries = new ArrayList<>();
    }
    snapshotIndex = index;
    snapshotTerm = term;
  }

  @Override
  public String toString() {
    return "log[snapshot.." + snapshotIndex + "@T" + snapshotTerm + ", " + (snapshotIndex + 1) + ".." + lastIndex() + "]";
  }
}
