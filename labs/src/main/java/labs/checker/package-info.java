/**
 * Linearizability checking (a port of Porcupine): does a concurrent history of operations have
 * a sequential order that respects real time and a sequential specification (a {@link
 * labs.checker.Model})?
 *
 * <pre>{@code
 * List<Operation<KvModel.Input, String>> history = new ArrayList<>();
 * history.add(Operation.of(client, new KvModel.Put("k", "v"), null, callNanos, returnNanos));
 * history.add(Operation.of(other, new KvModel.Get("k"), "v", callNanos2, returnNanos2));
 * history.add(Operation.pending(third, new KvModel.Append("k", "w"), callNanos3)); // timed out
 *
 * CheckResult<KvModel.Input, String> result =
 *     Checker.check(KvModel.INSTANCE, history, Duration.ofSeconds(1));
 * if (!result.isOk()) { // ILLEGAL, or UNKNOWN (timed out): never a pass
 *   Path page = HistoryViewer.writeToTarget(result, "kv-test-seed-42");
 *   fail(result.describe(page));
 * }
 * }</pre>
 *
 * <p>Models shipped: {@link labs.checker.models.RegisterModel} (read / write / compare-and-swap),
 * {@link labs.checker.models.KvModel} (get / put / append, by key) and {@link
 * labs.checker.models.VersionedKvModel} (versioned puts). The viewer is {@link
 * labs.checker.viewer.HistoryViewer}; histories as files, and a tool to check them, are in
 * {@link labs.checker.file}.
 *
 * <p>How a partition is decided ({@link labs.checker.PartitionResult#method}): first by an exact
 * fast path where the history allows, in O(n log n) and whatever the number of clients (a
 * versioned key, where versions order the writes; a register or a key of {@code KvModel} with
 * gets and puts whose written values are all distinct, compare-and-swaps included; a key of
 * {@code KvModel} with appends whose appended strings are all distinct); otherwise by
 * the search, after operations that never returned are set aside or bounded where that cannot
 * change the verdict. A fast path's refutation comes with a story naming the operations that
 * cannot be placed. {@link labs.checker.CheckOptions#withFastPaths withFastPaths(false)} runs
 * the plain search. The algorithms live in {@code labs.checker.internal} (not API).
 */
package labs.checker;
