package labs.checker.models;

import labs.checker.Model;

/**
 * A key/value store whose puts are conditional on a version (MIT 6.5840's 2025 key/value
 * server): each key holds a value and a version, 0 while the key does not exist. {@code Put(k, v,
 * n)} installs {@code v} and bumps the version to {@code n + 1} only if the key's version is
 * {@code n}; otherwise it fails with {@link Err#VERSION} (or {@link Err#NO_KEY} if the key does
 * not exist and {@code n > 0}). {@link Err#MAYBE} (a retried put whose retry saw a version
 * mismatch) may or may not have taken effect. Checked key by key.
 *
 * <p>A {@code null} output means no answer: legal in any state, and a put still applies when the
 * versions match.
 */
public final class VersionedKvModel
    implements Model<VersionedKvModel.Versioned, VersionedKvModel.Input, VersionedKvModel.Reply> {

  /** The versioned key/value model (stateless). */
  public static final VersionedKvModel INSTANCE = new VersionedKvModel();

  private static final Versioned ABSENT = new Versioned("", 0);

  private VersionedKvModel() {}

  /** One key's state: its value and version (0: the key does not exist). */
  public record Versioned(String value, long version) {}

  /** An operation on one key. */
  public sealed interface Input {
    String key();
  }

  /** Reads a key's value and version. */
  public record Get(String key) implements Input {}

  /** Installs {@code value} if the key's version is {@code version}. */
  public record Put(String key, String value, long version) implements Input {}

  /** The error code of a reply. */
  public enum Err {
    OK,
    NO_KEY,
    VERSION,
    MAYBE;

    /**
     * The code named as a lab's own error code ({@code kvraft.Err.NO_KEY} → {@link #NO_KEY}), for a
     * clerk's answer recorded in a history.
     *
     * @throws IllegalArgumentException for a code that is no answer of a clerk ({@code WRONG_LEADER})
     */
    public static Err of(Enum<?> labErr) {
      for (Err e : values()) {
        if (e.name().equals(labErr.name())) {
          return e;
        }
      }
      throw new IllegalArgumentException(labErr + " is no answer of a clerk, so the model has no such code");
    }
  }

  /** A reply: for a get, the value and version read; for a put, only {@code err} matters. */
  public record Reply(String value, long version, Err err) {
    /** A put's reply. */
    public static Reply of(Err err) {
      return new Reply("", 0, err);
    }
  }

  /**
   * {@code input} as the clerk call that made it, for a test's messages: {@code get("k")}, {@code
   * put("k", "v1", 3)}; a long value shortened by {@link #brief}.
   */
  public static String describeCall(Input input) {
    return switch (input) {
      case Get g -> "get(\"" + g.key() + "\")";
      case Put p -> String.format("put(\"%s\", \"%s\", %d)", p.key(), brief(p.value()), p.version());
    };
  }

  /** {@code value} for a message: as it is up to 24 characters, else its first 20 and its length. */
  public static String brief(String value) {
    return value.length() <= 24 ? value : value.substring(0, 20) + "...(" + value.length() + " chars)";
  }

  @Override
  public Versioned init() {
    return ABSENT;
  }

  @Override
  public Versioned step(Versioned state, Input input, Reply output) {
    return switch (input) {
      case Get g -> output == null
          || (output.err() == Err.NO_KEY && state.version() == 0)
          || (output.err() == Err.OK && state.version() > 0
              && output.version() == state.version() && output.value().equals(state.value()))
          ? state : null;
      case Put p -> {
        Err err = output == null ? Err.MAYBE : output.err();
        if (p.version() == state.version()) {
          yield err == Err.OK || err == Err.MAYBE ? new Versioned(p.value(), p.version() + 1) : null;
        }
        boolean legal = err == Err.VERSION || err == Err.MAYBE
            || (err == Err.NO_KEY && state.version() == 0 && p.version() > 0);
        yield legal ? state : null;
      }
    };
  }

  @Override
  public Object partitionKey(Input input) {
    return input.key();
  }

  @Override
  public String describeOperation(Input input, Reply output) {
    return switch (input) {
      case Get g -> "get(" + KvModel.quote(g.key()) + ") -> " + (output == null ? "?"
          : output.err() == Err.OK ? KvModel.quote(output.value()) + " v" + output.version()
          : output.err().toString());
      case Put p -> "put(" + KvModel.quote(p.key()) + ", " + KvModel.quote(p.value()) + ", v"
          + p.version() + ") -> " + (output == null ? "?" : output.err().toString());
    };
  }

  @Override
  public String describeState(Versioned state) {
    return state.version() == 0 ? "(no key)" : KvModel.quote(state.value()) + " v" + state.version();
  }
}
