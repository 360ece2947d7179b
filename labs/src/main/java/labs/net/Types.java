package labs.net;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Small helpers about reflected types, for the codec. */
final class Types {
  private static final Set<Class<?>> LEAVES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
      Short.class, Integer.class, Long.class, Float.class, Double.class);

  private Types() {}

  static Class<?> rawClass(Type t) {
    return switch (t) {
      case Class<?> c -> c;
      case ParameterizedType p -> rawClass(p.getRawType());
      case GenericArrayType g -> rawClass(g.getGenericComponentType()).arrayType();
      case WildcardType w -> rawClass(w.getUpperBounds()[0]);
      case TypeVariable<?> v -> rawClass(v.getBounds()[0]);
      default -> Object.class;
    };
  }

  static Type typeArgument(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return p.getActualTypeArguments()[i];
    }
    return Object.class;
  }

  static Type componentType(Type t) {
    if (t instanceof GenericArrayType g) {
      return g.getGenericComponentType();
    }
    Class<?> c = rawClass(t);
    return c.isArray() ? c.getComponentType() : Object.class;
  }

  static boolean isLeaf(Class<?> c) {
    return c.isPrimitive() || LEAVES.contains(c);
  }

  static Class<?> boxed(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
  }

  static boolean isEnum(Class<?> c) {
    return c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum());
  }

  /**
   * Whether a value of class {@code actual} in a place declared as {@code declared} must carry its
   * class name to come back as the same class.
   */
  static boolean needsTypeTag(Class<?> declared, Class<?> actual) {
    if (boxed(declared) == actual || declared == actual) {
      return false;
    }
    if (Collection.class.isAssignableFrom(actual) && declared.isInterface() && Collection.class.isAssignableFrom(declared)) {
      return false;
    }
    if (Map.class.isAssignableFrom(actual) && declared.isInterface() && Map.class.isAssignableFrom(declared)) {
      return false;
    }
    if (isEnum(actual) && declared.isEnum()) {
      return false;
    }
    return true;
  }
}
