package labs.net;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads JSON written by {@link ValueWriter} back into fresh objects. */
final class TreeReader {
  Object read(JsonElement e, Type declared, PayloadPath path) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    Class<?> d = Types.rawClass(declared);
    if (e.isJsonObject() && e.getAsJsonObject().has(ValueWriter.TYPE) && !d.isRecord()) {
      JsonObject tagged = e.getAsJsonObject();
      Class<?> actual = load(tagged.get(ValueWriter.TYPE).getAsString(), path);
      if (!Types.boxed(d).isAssignableFrom(actual)) {
        throw new PayloadException(path + ": encoded class " + actual.getName() + " is not a " + d.getName());
      }
      return read(tagged.get(ValueWriter.VALUE), actual, path);
    }
    try {
      return readPlain(e, declared, d, path);
    } catch (PayloadException pe) {
      throw pe;
    } catch (RuntimeException | ReflectiveOperationException ex) {
      throw new PayloadException("cannot decode " + path + " as " + d.getName() + ": " + ex, ex);
    }
  }

  private Object readPlain(JsonElement e, Type declared, Class<?> d, PayloadPath path) throws ReflectiveOperationException {
    Class<?> b = Types.boxed(d);
    if (b == String.class) {
      return e.getAsString();
    }
    if (b == Integer.class) {
      return e.getAsInt();
    }
    if (b == Long.class) {
      return e.getAsLong();
    }
    if (b == Boolean.class) {
      return e.getAsBoolean();
    }
    if (b == Double.class) {
      return e.getAsDouble();
    }
    if (b == Float.class) {
      return e.getAsFloat();
    }
    if (b == Short.class) {
      return e.getAsShort();
    }
    if (b == Byte.class) {
      return e.getAsByte();
    }
    if (b == Character.class) {
      return e.getAsString().charAt(0);
    }
    if (d.isEnum()) {
      return enumValue(d, e.getAsString());
    }
    if (d == byte[].class) {
      return Base64.getDecoder().decode(e.getAsString());
    }
    if (d.isArray()) {
      JsonArray a = e.getAsJsonArray();
      Object arr = Array.newInstance(d.getComponentType(), a.size());
      for (int i = 0; i < a.size(); i++) {
        Array.set(arr, i, read(a.get(i), Types.componentType(declared), path.index(i)));
      }
      return arr;
    }
    if (Collection.class.isAssignableFrom(d)) {
      @SuppressWarnings("unchecked")
      Collection<Object> coll = (Collection<Object>) newCollection(d);
      JsonArray a = e.getAsJsonArray();
      Type element = Types.typeArgument(declared, 0);
      for (int i = 0; i < a.size(); i++) {
        coll.add(read(a.get(i), element, path.index(i)));
      }
      return coll;
    }
    if (Map.class.isAssignableFrom(d)) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) newMap(d);
      for (JsonElement pair : e.getAsJsonArray()) {
        JsonArray kv = pair.getAsJsonArray();
        Object k = read(kv.get(0), Types.typeArgument(declared, 0), path.field("key"));
        map.put(k, read(kv.get(1), Types.typeArgument(declared, 1), path.key(k)));
      }
      return map;
    }
    if (d == Object.class || d.isInterface()) {
      throw new PayloadException(path + ": no class name was encoded for a value declared as " + d.getName());
    }
    ValueWriter.checkTransportable(d, path);
    JsonObject o = e.getAsJsonObject();
    return d.isRecord() ? readRecord(o, d, path) : readFields(o, d, path);
  }

  private Object readRecord(JsonObject o, Class<?> d, PayloadPath path) throws ReflectiveOperationException {
    Records r = Records.of(d);
    Object[] args = new Object[r.names().length];
    for (int i = 0; i < args.length; i++) {
      Object v = read(o.get(r.names()[i]), r.types()[i], path.field(r.names()[i]));
      args[i] = v == null && r.rawTypes()[i].isPrimitive() ? defaultValue(r.rawTypes()[i]) : v;
    }
    return r.constructor().newInstance(args);
  }

  private Object readFields(JsonObject o, Class<?> d, PayloadPath path) throws ReflectiveOperationException {
    Constructor<?> ctor;
    try {
      ctor = d.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new PayloadException("cannot decode " + path + ": class " + d.getName()
          + " has no no-argument constructor; make it a record, or add one");
    }
    ctor.setAccessible(true);
    Object value = ctor.newInstance();
    for (Field f : Fields.of(d, path)) {
      if (o.has(f.getName())) {
        f.set(value, read(o.get(f.getName()), f.getGenericType(), path.field(f.getName())));
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
      return Class.forName(name, false, TreeReader.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new PayloadException(path + ": class " + name + " was encoded but cannot be found here", e);
    }
  }
}
