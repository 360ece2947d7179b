/**
 * The checker's search; not API (use {@link labs.checker.Checker}). {@code Search} is the Wing
 * &amp; Gong / Lowe depth-first search over a doubly linked list of call and return entries in
 * primitive arrays ({@code EntryList}), with a memo of (linearized set, state) in an
 * open-addressing table ({@code StateCache}, sets as Zobrist-hashed bitsets in {@code OpSet}).
 * {@code PartialTracker} records the longest linearizable prefixes for the viewer in O(1) per
 * step. {@code PartitionRunner} interleaves partitions in deterministic rounds.
 *
 * <p>In front of the search: {@code FastPaths} picks an exact fast path for a partition ({@code
 * VersionedKvPath} with {@code VersionedOps}, {@code VersionedStories} and {@code Intervals};
 * {@code UniqueRegisterPath} with {@code RegisterUnits} and {@code RegisterView}, which also
 * decides keys with appends once {@code AppendChains} and {@code ValueSplits} have turned them
 * into registers of known values), each returning
 * a {@code Decision} whose linearization is replayed by {@code Witness} before it is believed;
 * {@code PendingPruning} sets aside operations that never returned where the verdict cannot
 * depend on them. Each class's javadoc says when it applies and why it is exact.
 *
 * <pre>{@code
 * Search s = new Search(model, inputs, outputs, callTimes, returnTimes);
 * Search.Outcome o = s.advance(Long.MAX_VALUE, () -> System.nanoTime() > deadline);
 * }</pre>
 */
package labs.checker.internal;
