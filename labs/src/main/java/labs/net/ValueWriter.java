package labs.net;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a value as JSON, keeping concrete classes where the declared type is wider. It streams
 * straight into a {@link JsonWriter} (no tree in between) and decides once per class whether the
 * class can travel: Raft persists its whole log with every change, so this runs for every entry
 * of every save.
 */
final class ValueWriter {
  static final String TYPE = "@type";
  static final String VALUE = "@value";

  /** Why a class cannot travel, or "" if it can; worked out once per class (reflection is slow). */
  private static final ClassValue<String> REFUSAL = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> c) {
      return refusal(c);
    }
  };

  private final JsonWriter out;

  ValueWriter(JsonWriter out) {
    this.out = out;
  }

  void write(Object value, Type declared, PayloadPath path) {
    try {
      writeValue(value, declared, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the writer writes to memory: not expected
    }
  }

  private void writeValue(Object value, Type declared, PayloadPath path) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    Class<?> c = value.getClass();
    if (Types.needsTypeTag(Types.rawClass(declared), c)) {
      checkTransportable(c, path);
      Class<?> tag = portableClass(c);
      out.beginObject();
      out.name(TYPE).value(Types.tagName(tag));
      out.name(VALUE);
      writeValue(value, tag, path);
      out.endObject();
      return;
    }
    switch (value) {
      case String s -> out.value(s);
      case Number n -> out.value(n);
      case Boolean b -> out.value(b);
      case Character ch -> out.value(String.valueOf(ch));
      case Enum<?> e -> out.value(e.name());
      case byte[] bytes -> out.value(Base64.getEncoder().encodeToString(bytes));
      case Collection<?> coll -> {
        Type element = Types.typeArgument(declared, 0);
        out.beginArray();
        int i = 0;
        for (Object o : coll) {
          writeValue(o, element, path.index(i++));
        }
        out.endArray();
      }
      case Map<?, ?> map -> {
        Type k = Types.typeArgument(declared, 0);
        Type v = Types.typeArgument(declared, 1);
        out.beginArray();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.beginArray();
          writeValue(e.getKey(), k, path.field("key"));
          writeValue(e.getValue(), v, path.key(e.getKey()));
          out.endArray();
        }
        out.endArray();
      }
      default -> {
        if (c.isArray()) {
          out.beginArray();
          for (int i = 0; i < Array.getLength(value); i++) {
            writeValue(Array.get(value, i), c.getComponentType(), path.index(i));
          }
          out.endArray();
        } else {
          checkTransportable(c, path);
          if (c.isRecord()) {
            writeRecord(value, c, path);
          } else {
            writeFields(value, c, path);
          }
        }
      }
    }
  }

  private void writeRecord(Object value, Class<?> c, PayloadPath path) throws IOException {
    Records r = Records.of(c);
    out.beginObject();
    for (int i = 0; i < r.names().length; i++) {
      Object v;
      try {
        v = r.accessors()[i].invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new PayloadException("cannot read " + path + "." + r.names()[i] + " of " + c.getName() + ": " + e, e);
      }
      out.name(r.names()[i]);
      writeValue(v, r.types()[i], path.field(r.names()[i]));
    }
    out.endObject();
  }

  private void writeFields(Object value, Class<?> c, PayloadPath path) throws IOException {
    // A field that hides a superclass field of the same name keeps its place and takes the
    // superclass field's value, as the JSON object this writer once built did.
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field f : Fields.of(c, path)) {
      byName.put(f.getName(), f);
    }
    out.beginObject();
    for (Field f : byName.values()) {
      Object v;
      try {
        v = f.get(value);
      } catch (IllegalAccessException e) {
        throw new PayloadException("cannot read field " + path + "." + f.getName() + ": " + e.getMessage(), e);
      }
      out.name(f.getName());
      writeValue(v, f.getGenericType(), path.field(f.getName()));
    }
    out.endObject();
  }

  /** Collections such as {@code List.of(..)} are sent as the plain interface they implement. */
  private static Class<?> portableClass(Class<?> c) {
    boolean collection = Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c);
    if (!collection || Modifier.isPublic(c.getModifiers())) {
      return c;
    }
    if (Map.class.isAssignableFrom(c)) {
      return Map.class;
    }
    return java.util.Set.class.isAssignableFrom(c) ? java.util.Set.class : java.util.List.class;
  }

  static void checkTransportable(Class<?> c, PayloadPath path) {
    String why = REFUSAL.get(c);
    if (!why.isEmpty()) {
      throw new PayloadException("cannot send " + path + " (class " + c.getName() + "): " + why);
    }
  }

  private static String refusal(Class<?> c) {
    if (c.isSynthetic() || c.isHidden()) {
      return "it is a lambda or generated class; send data (a record), not code";
    } else if (c.isAnonymousClass()) {
      return "it is an anonymous class; declare a record instead";
    } else if (c.isLocalClass()) {
      return "it is a class declared inside a method; declare it as a top-level or static nested record";
    } else if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) && !c.isRecord() && !c.isEnum()) {
      return "it is an inner (non-static) class that drags its outer object along; make it static or a record";
    } else if (Thread.class.isAssignableFrom(c) || java.util.concurrent.locks.Lock.class.isAssignableFrom(c)
        || java.util.concurrent.locks.Condition.class.isAssignableFrom(c)) {
      return "threads, locks and conditions belong to one machine and cannot be sent";
    } else if ((c.getName().startsWith("java.") || c.getName().startsWith("javax.")) && !c.isRecord()
        && !Collection.class.isAssignableFrom(c) && !Map.class.isAssignableFrom(c)
        && !Types.isLeaf(c) && !c.isArray() && !Types.isEnum(c)) {
      return "JDK classes other than strings, numbers, collections and maps are not supported; "
          + "use a record with plain fields instead (for example a long instead of an Instant, a nullable field "
          + "instead of an Optional)";
    }
    return "";
  }
}
