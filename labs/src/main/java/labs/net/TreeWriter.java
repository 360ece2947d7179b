package labs.net;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/** Writes a value as a JSON tree, keeping concrete classes where the declared type is wider. */
final class TreeWriter {
  static final String TYPE = "@type";
  static final String VALUE = "@value";

  JsonElement write(Object value, Type declared, PayloadPath path) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    Class<?> c = value.getClass();
    if (Types.needsTypeTag(Types.rawClass(declared), c)) {
      checkTransportable(c, path);
      JsonObject tagged = new JsonObject();
      Class<?> tag = portableClass(c);
      tagged.addProperty(TYPE, Types.tagName(tag));
      tagged.add(VALUE, write(value, tag, path));
      return tagged;
    }
    if (value instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof Character ch) {
      return new JsonPrimitive(ch);
    }
    if (value instanceof Enum<?> e) {
      return new JsonPrimitive(e.name());
    }
    if (value instanceof byte[] bytes) {
      return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes));
    }
    if (c.isArray()) {
      JsonArray a = new JsonArray();
      for (int i = 0; i < Array.getLength(value); i++) {
        a.add(write(Array.get(value, i), c.getComponentType(), path.index(i)));
      }
      return a;
    }
    if (value instanceof Collection<?> coll) {
      JsonArray a = new JsonArray();
      Type element = Types.typeArgument(declared, 0);
      int i = 0;
      for (Object o : coll) {
        a.add(write(o, element, path.index(i++)));
      }
      return a;
    }
    if (value instanceof Map<?, ?> map) {
      JsonArray a = new JsonArray();
      Type k = Types.typeArgument(declared, 0);
      Type v = Types.typeArgument(declared, 1);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        JsonArray pair = new JsonArray();
        pair.add(write(e.getKey(), k, path.field("key")));
        pair.add(write(e.getValue(), v, path.key(e.getKey())));
        a.add(pair);
      }
      return a;
    }
    checkTransportable(c, path);
    return c.isRecord() ? writeRecord(value, c, path) : writeFields(value, c, path);
  }

  private JsonElement writeRecord(Object value, Class<?> c, PayloadPath path) {
    JsonObject o = new JsonObject();
    Records r = Records.of(c);
    for (int i = 0; i < r.names().length; i++) {
      Object v;
      try {
        v = r.accessors()[i].invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new PayloadException("cannot read " + path + "." + r.names()[i] + " of " + c.getName() + ": " + e, e);
      }
      o.add(r.names()[i], write(v, r.types()[i], path.field(r.names()[i])));
    }
    return o;
  }

  private JsonElement writeFields(Object value, Class<?> c, PayloadPath path) {
    JsonObject o = new JsonObject();
    for (Field f : Fields.of(c, path)) {
      try {
        o.add(f.getName(), write(f.get(value), f.getGenericType(), path.field(f.getName())));
      } catch (IllegalAccessException e) {
        throw new PayloadException("cannot read field " + path + "." + f.getName() + ": " + e.getMessage(), e);
      }
    }
    return o;
  }

  /** Collections such as {@code List.of(..)} are sent as the plain interface they implement. */
  private static Class<?> portableClass(Class<?> c) {
    boolean collection = Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c);
    if (!collection || java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
      return c;
    }
    if (Map.class.isAssignableFrom(c)) {
      return Map.class;
    }
    return java.util.Set.class.isAssignableFrom(c) ? java.util.Set.class : java.util.List.class;
  }

  static void checkTransportable(Class<?> c, PayloadPath path) {
    String why = null;
    if (c.isSynthetic() || c.isHidden()) {
      why = "it is a lambda or generated class; send data (a record), not code";
    } else if (c.isAnonymousClass()) {
      why = "it is an anonymous class; declare a record instead";
    } else if (c.isLocalClass()) {
      why = "it is a class declared inside a method; declare it as a top-level or static nested record";
    } else if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) && !c.isRecord() && !c.isEnum()) {
      why = "it is an inner (non-static) class that drags its outer object along; make it static or a record";
    } else if (Thread.class.isAssignableFrom(c) || java.util.concurrent.locks.Lock.class.isAssignableFrom(c)
        || java.util.concurrent.locks.Condition.class.isAssignableFrom(c)) {
      why = "threads, locks and conditions belong to one machine and cannot be sent";
    } else if ((c.getName().startsWith("java.") || c.getName().startsWith("javax.")) && !c.isRecord()
        && !java.util.Collection.class.isAssignableFrom(c) && !java.util.Map.class.isAssignableFrom(c)
        && !Types.isLeaf(c) && !c.isArray() && !Types.isEnum(c)) {
      why = "JDK classes other than strings, numbers, collections and maps are not supported; "
          + "use a record with plain fields instead (for example a long instead of an Instant, a nullable field "
          + "instead of an Optional)";
    }
    if (why != null) {
      throw new PayloadException("cannot send " + path + " (class " + c.getName() + "): " + why);
    }
  }
}
