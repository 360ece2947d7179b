package labs.checker.models;

import labs.checker.Model;

/**
 * A key/value store of strings with get, put and append, checked key by key (the KV labs' model
 * and Porcupine's {@code kvModel}). A missing key reads as {@code ""}.
 *
 * <p>Per partition (one key) the state is the key's value. The output of a get is the value it
 * returned ({@code null}: no answer, any value is legal); the outputs of put and append are
 * ignored.
 *
 * <pre>{@code
 * ops.add(Operation.of(client, new KvModel.Get("k"), "v1", callTime, returnTime));
 * Checker.check(KvModel.INSTANCE, ops, Duration.ofSeconds(1));
 * }</pre>
 */
public final class KvModel implements Model<String, KvModel.Input, String> {

  /** The key/value model (stateless). */
  public static final KvModel INSTANCE = new KvModel();

  private KvModel() {}

  /** An operation on one key. */
  public sealed interface Input {
    /** The key this operation reads or writes. */
    String key();
  }

  /** Reads {@code key}. */
  public record Get(String key) implements Input {}

  /** Sets {@code key} to {@code value}. */
  public record Put(String key, String value) implements Input {}

  /** Appends {@code value} to the value of {@code key}. */
  public record Append(String key, String value) implements Input {}

  @Override
  public String init() {
    return "";
  }

  @Override
  public String step(String state, Input input, String output) {
    return switch (input) {
      case Get g -> output == null || output.equals(state) ? state : null;
      case Put p -> p.value();
      case Append a -> state.concat(a.value());
    };
  }

  @Override
  public Object partitionKey(Input input) {
    return input.key();
  }

  @Override
  public String describeOperation(Input input, String output) {
    return switch (input) {
      case Get g -> "get(" + quote(g.key()) + ") -> " + (output == null ? "?" : quote(output));
      case Put p -> "put(" + quote(p.key()) + ", " + quote(p.value()) + ")";
      case Append a -> "append(" + quote(a.key()) + ", " + quote(a.value()) + ")";
    };
  }

  @Override
  public String describeState(String state) {
    return quote(state);
  }

  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
