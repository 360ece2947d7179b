/**
 * A self-contained HTML page per checked history: a timeline per partition with one lane per
 * client, the longest linearizable prefix and where it got stuck, details on hover, and fault
 * annotations supplied by the caller.
 *
 * <pre>{@code
 * List<Annotation> faults = List.of(
 *     new Annotation(partitionStart, partitionEnd, "partition {0} | {1,2}", "", "partition"),
 *     Annotation.at(crashTime, "crash 2", "server 2 crashed", "crash"));
 * Optional<Path> page = HistoryViewer.writeIfNotOk(result, "3A-seed-42", faults);
 * }</pre>
 */
package labs.checker.viewer;
