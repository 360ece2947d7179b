/**
 * The checker's search; not API (use {@link labs.checker.Checker}). {@code Search} is the Wing
 * &amp; Gong / Lowe depth-first search over a doubly linked list of call and return entries in
 * primitive arrays ({@code EntryList}), with a memo of (linearized set, state) in an
 * open-addressing table ({@code StateCache}, sets as Zobrist-hashed bitsets in {@code OpSet}).
 * {@code PartialTracker} records the longest linearizable prefixes for the viewer in O(1) per
 * step. {@code PartitionRunner} interleaves partitions in deterministic rounds.
 *
 * <pre>{@code
 * Search s = new Search(model, inputs, outputs, callTimes, returnTimes);
 * Search.Outcome o = s.advance(Long.MAX_VALUE, () -> System.nanoTime() > deadline);
 * }</pre>
 */
package labs.checker.internal;
