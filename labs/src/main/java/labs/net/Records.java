package labs.net;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A record class's components, accessors and canonical constructor, looked up once per class. */
record Records(String[] names, Type[] types, Class<?>[] rawTypes, Method[] accessors, Constructor<?> constructor) {
  private static final Map<Class<?>, Records> CACHE = new ConcurrentHashMap<>();

  static Records of(Class<?> c) {
    Records r = CACHE.get(c);
    if (r == null) {
      r = lookUp(c);
      CACHE.put(c, r);
    }
    return r;
  }

  private static Records lookUp(Class<?> c) {
    RecordComponent[] rcs = c.getRecordComponents();
    int n = rcs.length;
    String[] names = new String[n];
    Type[] types = new Type[n];
    Class<?>[] raw = new Class<?>[n];
    Method[] accessors = new Method[n];
    for (int i = 0; i < n; i++) {
      names[i] = rcs[i].getName();
      types[i] = rcs[i].getGenericType();
      raw[i] = rcs[i].getType();
      accessors[i] = rcs[i].getAccessor();
      accessors[i].setAccessible(true);
    }
    try {
      Constructor<?> ctor = c.getDeclaredConstructor(raw);
      ctor.setAccessible(true);
      return new Records(names, types, raw, accessors, ctor);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new PayloadException("cannot use record " + c.getName() + ": " + e, e);
    }
  }
}
