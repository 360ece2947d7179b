package labs.net;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The instance fields of a plain (non-record) class that the codec carries, made accessible once. */
final class Fields {
  private static final Map<Class<?>, List<Field>> CACHE = new ConcurrentHashMap<>();

  private Fields() {}

  static List<Field> of(Class<?> c, PayloadPath path) {
    List<Field> cached = CACHE.get(c);
    if (cached != null) {
      return cached;
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
          continue;
        }
        try {
          f.setAccessible(true);
        } catch (InaccessibleObjectException e) {
          throw new PayloadException("cannot send " + path + " (class " + c.getName() + "): its field " + f.getName()
              + " is not accessible; use a record of plain values", e);
        }
        fields.add(f);
      }
    }
    CACHE.put(c, List.copyOf(fields));
    return fields;
  }
}
