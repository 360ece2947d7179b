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
 */
public record PartitionResult(
    int index,
    Object key,
    Verdict verdict,
    String note,
    List<Integer> operations,
    List<PartialLinearization> partials,
    int longest,
    List<Integer> longestFor) {

  public PartitionResult {
    operations = List.copyOf(operations);
    partials = List.copyOf(partials);
    longestFor = List.copyOf(longestFor);
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
