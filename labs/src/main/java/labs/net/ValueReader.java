package labs.net;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads JSON written by {@link ValueWriter} back into fresh objects, straight from the tokens
 * (no tree in between: a payload is decoded on every RPC of a run). The writer puts a class tag
 * first in its object ({@code {"@type": ..., "@value": ...}}), so one name tells a tagged value
 * from an object's fields.
 */
final class ValueReader {
  private final JsonReader in;

  ValueReader(JsonReader in) {
    this.in = in;
  }

  Object read(Type declared, PayloadPath path) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    Class<?> d = Types.rawClass(declared);
    try {
      return readPlain(declared, d, path);
    } catch (PayloadException | IOException e) {
      throw e;
    } catch (RuntimeException | ReflectiveOperationException ex) {
      throw new PayloadException("cannot decode " + path + " as " + d.getName() + ": " + ex, ex);
    }
  }

  private Object readPlain(Type declared, Class<?> d, PayloadPath path) throws IOException, ReflectiveOperationException {
    if (in.peek() == JsonToken.BEGIN_OBJECT && !d.isRecord()) {
      in.beginObject();
      String first = in.hasNext() ? in.nextName() : null;
      if (ValueWriter.TYPE.equals(first)) {
        Class<?> actual = load(in.nextString(), path);
        if (!Types.boxed(d).isAssignableFrom(actual)) {
          throw new PayloadException(path + ": encoded class " + actual.getName() + " is not a " + d.getName());
        }
        if (!in.nextName().equals(ValueWriter.VALUE)) {
          throw new PayloadException(path + ": a class tag without its value");
        }
        Object value = read(actual, path);
        in.endObject();
        return value;
      }
      return readObject(d, first, path);
    }
    Class<?> b = Types.boxed(d);
    if (b == String.class) {
      return in.nextString();
    }
    if (b == Integer.class) {
      return in.nextInt();
    }
    if (b == Long.class) {
      return in.nextLong();
    }
    if (b == Boolean.class) {
      return in.nextBoolean();
    }
    if (b == Double.class) {
      return in.nextDouble();
    }
    if (b == Float.class) {
      return Float.parseFloat(in.nextString()); // as written, not rounded twice through a double
    }
    if (b == Short.class) {
      return (short) in.nextInt();
    }
    if (b == Byte.class) {
      return (byte) in.nextInt();
    }
    if (b == Character.class) {
      return in.nextString().charAt(0);
    }
    if (d.isEnum()) {
      return enumValue(d, in.nextString());
    }
    if (d == byte[].class) {
      return Base64.getDecoder().decode(in.nextString());
    }
    if (d.isArray()) {
      List<Object> items = new ArrayList<>();
      in.beginArray();
      for (int i = 0; in.hasNext(); i++) {
        items.add(read(Types.componentType(declared), path.index(i)));
      }
      in.endArray();
      Object arr = Array.newInstance(d.getComponentType(), items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(arr, i, items.get(i));
      }
      return arr;
    }
    if (Collection.class.isAssignableFrom(d)) {
      @SuppressWarnings("unchecked")
      Collection<Object> coll = (Collection<Object>) newCollection(d);
      Type element = Types.typeArgument(declared, 0);
      in.beginArray();
      for (int i = 0; in.hasNext(); i++) {
        coll.add(read(element, path.index(i)));
      }
      in.endArray();
      return coll;
    }
    if (Map.class.isAssignableFrom(d)) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) newMap(d);
      in.beginArray();
      while (in.hasNext()) {
        in.beginArray();
        Object k = read(Types.typeArgument(declared, 0), path.field("key"));
        map.put(k, read(Types.typeArgument(declared, 1), path.key(k)));
        in.endArray();
      }
      in.endArray();
      return map;
    }
    requireConcrete(d, path);
    in.beginObject();
    return readObject(d, in.hasNext() ? in.nextName() : null, path);
  }

  /** A value declared as Object or an interface comes with a class tag; without one it cannot be made. */
  private static void requireConcrete(Class<?> d, PayloadPath path) {
    if (d == Object.class || d.isInterface()) {
      throw new PayloadException(path + ": no class name was encoded for a value declared as " + d.getName());
    }
  }

  /** The rest of an object whose BEGIN_OBJECT (and first name, null if none) was read. */
  private Object readObject(Class<?> d, String first, PayloadPath path) throws IOException, ReflectiveOperationException {
    requireConcrete(d, path);
    ValueWriter.checkTransportable(d, path);
    Object value = d.isRecord() ? readRecord(d, first, path) : readFields(d, first, path);
    in.endObject();
    return value;
  }

  private Object readRecord(Class<?> d, String first, PayloadPath path) throws IOException, ReflectiveOperationException {
    Records r = Records.of(d);
    Object[] args = new Object[r.names().length];
    for (String name = first; name != null; name = in.hasNext() ? in.nextName() : null) {
      int i = indexOf(r.names(), name);
      if (i < 0) {
        in.skipValue();
      } else {
        args[i] = read(r.types()[i], path.field(name));
      }
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && r.rawTypes()[i].isPrimitive()) {
        args[i] = defaultValue(r.rawTypes()[i]);
      }
    }
    return r.constructor().newInstance(args);
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private Object readFields(Class<?> d, String first, PayloadPath path) throws IOException, ReflectiveOperationException {
    Constructor<?> ctor;
    try {
      ctor = d.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new PayloadException("cannot decode " + path + ": class " + d.getName()
          + " has no no-argument constructor; make it a record, or add one");
    }
    ctor.setAccessible(true);
    Object value = ctor.newInstance();
    List<Field> fields = Fields.of(d, path);
    for (String name = first; name != null; name = in.hasNext() ? in.nextName() : null) {
      List<Field> named = new ArrayList<>(1);
      for (Field f : fields) {
        if (f.getName().equals(name)) {
          named.add(f);
        }
      }
      if (named.isEmpty()) {
        in.skipValue();
      } else if (named.size() == 1) {
        named.getFirst().set(value, read(named.getFirst().getGenericType(), path.field(name)));
      } else {
        // A field hiding a superclass field of the same name: the writer wrote one value, which
        // each of them reads as its own type (a fresh object each).
        String json = JsonParser.parseReader(in).toString();
        for (Field f : named) {
          f.set(value, new ValueReader(new JsonReader(new StringReader(json))).read(f.getGenericType(), path.field(name)));
        }
      }
    }
    return value;
  }

  private static Object defaultValue(Class<?> primitive) {
    return Array.get(Array.newInstance(primitive, 1), 0);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> d, String name) {
    return Enum.valueOf((Class) d, name);
  }

  private static Object newCollection(Class<?> d) throws ReflectiveOperationException {
    if (!d.isInterface() && !java.lang.reflect.Modifier.isAbstract(d.getModifiers())) {
      return d.getDeclaredConstructor().newInstance();
    }
    if (SortedSet.class.isAssignableFrom(d)) {
      return new TreeSet<>();
    }
    if (Set.class.isAssignableFrom(d)) {
      return new LinkedHashSet<>();
    }
    if (Queue.class.isAssignableFrom(d)) {
      return new ArrayDeque<>();
    }
    return new ArrayList<>();
  }

  private static Object newMap(Class<?> d) throws ReflectiveOperationException {
    if (!d.isInterface() && !java.lang.reflect.Modifier.isAbstract(d.getModifiers())) {
      return d.getDeclaredConstructor().newInstance();
    }
    return SortedMap.class.isAssignableFrom(d) ? new TreeMap<>() : new LinkedHashMap<>();
  }

  private static Class<?> load(String name, PayloadPath path) {
    Class<?> alias = Types.byAlias(name);
    if (alias != null) {
      return alias;
    }
    // The thread's context loader first: code loaded by a loader of its own (a lab's tests of its
    // tests load broken copies of a reference that way) must get its own classes back.
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        return Class.forName(name, false, context);
      } catch (ClassNotFoundException | RuntimeException e) {
        // fall back to the framework's own loader
      }
    }
    try {
      return Class.forName(name, false, ValueReader.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new PayloadException(path + ": class " + name + " was encoded but cannot be found here", e);
    }
  }
}
