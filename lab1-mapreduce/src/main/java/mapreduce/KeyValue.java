package mapreduce;

import java.io.Serializable;
import java.util.Objects;

/**
 * One intermediate pair emitted by an app's map function, for example {@code ("the", "1")} in
 * word count. Neither part may be null.
 */
public record KeyValue(String key, String value) implements Serializable {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
