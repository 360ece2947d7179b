package labs.net;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Turns values into bytes and back: every RPC argument and reply travels through it (so the
 * callee never shares an object with the caller, and bytes can be counted), and Raft state is
 * persisted with it. The format is JSON (via Gson).
 *
 * <p>What can travel: records (the usual choice), classes with a no-argument constructor,
 * primitives and their boxes, strings, enums, arrays, lists, sets and maps of those. A field whose
 * declared type is {@code Object} or an interface (the command in a Raft log entry) keeps its
 * concrete class: it is written with its class name, so nothing needs to be registered. A value
 * that cannot make the round trip (a lambda, an anonymous class, a lock, a thread) is refused
 * with a {@link PayloadException} naming the class and field.
 *
 * <pre>{@code
 * byte[] state = Codec.encode(new PersistentState(currentTerm, votedFor, log));
 * PersistentState s = Codec.decode(state, PersistentState.class);
 * }</pre>
 */
public final class Codec {
  private static final Gson GSON = new Gson();

  private Codec() {}

  /** The value as bytes. */
  public static byte[] encode(Object value) {
    if (value == null) {
      throw new PayloadException("cannot encode null: send a record, or an empty one");
    }
    Text text = new Text();
    try (JsonWriter out = GSON.newJsonWriter(text)) { // Gson's settings, so the bytes are what Gson writes
      new ValueWriter(out).write(value, value.getClass(), PayloadPath.root(value.getClass().getSimpleName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // Text never fails
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A writer into a StringBuilder (a StringWriter's StringBuffer locks on every call). */
  private static final class Text extends java.io.Writer {
    private final StringBuilder sb = new StringBuilder(256);

    @Override
    public void write(char[] chars, int off, int len) {
      sb.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      sb.append(s, off, off + len);
    }

    @Override
    public void write(int c) {
      sb.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }

  /** A new value of {@code type} read from {@code bytes} made by {@link #encode}. */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    return type.cast(decode(bytes, (Type) type));
  }

  /** Like {@link #decode(byte[], Class)} for a generic type (for example {@code List<Entry>}). */
  public static Object decode(byte[] bytes, Type type) {
    try (JsonReader in = new JsonReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
      Object value = new ValueReader(in).read(type, PayloadPath.root(Types.rawClass(type).getSimpleName()));
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new IOException("more follows the value");
      }
      return value;
    } catch (IOException | JsonParseException e) {
      throw new PayloadException("the bytes are not an encoded value (were they made by Codec.encode?): " + e.getMessage(), e);
    }
  }

  /** A deep copy of {@code value}, made through bytes. */
  public static <T> T copy(T value) {
    @SuppressWarnings("unchecked")
    T copy = (T) decode(encode(value), value.getClass());
    return copy;
  }
}
