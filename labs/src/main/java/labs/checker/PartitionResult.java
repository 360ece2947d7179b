package labs.checker;

import java.util.List;
import java.util.Optional;

/**
 * The outcome for one independent part of the history (for a key/value store: one key).
 *
 * @param index position among the partitions (in order of each one's first call)
 * @param key the model's {@linkplain Model#partitionKey partition key} (null: the whole history)
 * @param verdict this partition's answer
 * @param note why the verdict is {@link Verdict#UNKNOWN} ("timed out", "step budget
 *     spent", "search stopped because ...") or ""
 * @param operations indices into the checked history, in call order
 * @param partials distinct partial linearizations found (for the viewer); for an OK partition
 *     exactly one, the linearization
 * @param longest index in {@code partials} of the longest one, or -1 if none was recorded
 * @param longestFor for each entry of {@code operations}: index in {@code partials} of the
 *     longest one containing that operation, or -1
 * @param method how the verdict was reached: {@value #SEARCH}, or which exact fast path
 *     ("fast path: versioned key/value", "fast path: register with unique written values"),
 *     possibly with what was set aside before the search
 * @param story for an ILLEGAL partition decided by a fast path, why no linearization exists, in
 *     one or two sentences naming the operations involved; otherwise ""
 */
public record PartitionResult(
    int index,
    Object key,
    Verdict verdict,
    String note,
    List<Integer> operations,
    List<PartialLinearization> partials,
    int longest,
    List<Integer> longestFor,
    String method,
    String story) {

  /** The method of a partition decided by the search alone. */
  public static final String SEARCH = "search";

  public PartitionResult {
    operations = List.copyOf(operations);
    partials = List.copyOf(partials);
    longestFor = List.copyOf(longestFor);
    method = method == null ? SEARCH : method;
    story = story == null ? "" : story;
  }

  /** A partition decided by the search, with no story. */
  public PartitionResult(int index, Object key, Verdict verdict, String note,
      List<Integer> operations, List<PartialLinearization> partials, int longest,
      List<Integer> longestFor) {
    this(index, key, verdict, note, operations, partials, longest, longestFor, SEARCH, "");
  }

  /** Whether an exact fast path decided this partition (no search). */
  public boolean decidedByFastPath() {
    return method.startsWith("fast path");
  }

  /** The longest linearizable prefix found, if the search recorded one. */
  public Optional<PartialLinearization> longestPrefix() {
    return longest < 0 ? Optional.empty() : Optional.of(partials.get(longest));
  }

  /** A readable name: {@code key "3"}, or {@code the history} if not partitioned. */
  public String name() {
    return nameOf(key);
  }

  static String nameOf(Object key) {
    if (key == null) {
      return "the history";
    }
    return key instanceof String s ? "key \"" + s + "\"" : "key " + key;
  }
}
