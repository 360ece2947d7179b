package labs.checker;

import java.util.HashMap;
import java.util.Map;
import labs.checker.models.KvModel;

/**
 * The key/value model without partitioning: the state is the whole map (Porcupine's {@code
 * kvNoPartitionModel}). Much slower than {@link KvModel}; the tests use it to confirm that
 * partitioning by key does not change verdicts.
 */
final class KvMapModel implements Model<Map<String, String>, KvModel.Input, String> {
  static final KvMapModel INSTANCE = new KvMapModel();

  @Override
  public Map<String, String> init() {
    return Map.of();
  }

  @Override
  public Map<String, String> step(Map<String, String> state, KvModel.Input input, String output) {
    String current = state.getOrDefault(input.key(), "");
    String next = KvModel.INSTANCE.step(current, input, output);
    if (next == null) {
      return null;
    }
    if (next.equals(current)) {
      return state;
    }
    Map<String, String> copy = new HashMap<>(state);
    copy.put(input.key(), next);
    return copy;
  }

  @Override
  public String describeOperation(KvModel.Input input, String output) {
    return KvModel.INSTANCE.describeOperation(input, output);
  }
}
