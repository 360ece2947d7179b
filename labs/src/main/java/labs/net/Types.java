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

  /** Short names for the classes most often carried in Object-typed fields (Raft commands). */
  private static final Map<Class<?>, String> ALIASES = Map.ofEntries(
      Map.entry(Integer.class, "int"), Map.entry(Long.class, "long"), Map.entry(String.class, "string"),
      Map.entry(Boolean.class, "boolean"), Map.entry(Double.class, "double"), Map.entry(Float.class, "float"),
      Map.entry(Short.class, "short"), Map.entry(Byte.class, "byte"), Map.entry(Character.class, "char"),
      Map.entry(java.util.List.class, "list"), Map.entry(java.util.Set.class, "set"), Map.entry(Map.class, "map"),
      Map.entry(byte[].class, "bytes"));
  private static final Map<String, Class<?>> BY_ALIAS = ALIASES.entrySet().stream()
      .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  private Types() {}

  /** The name a type tag carries: a short alias for common JDK classes, else the class name. */
  static String tagName(Class<?> c) {
    return TAG_NAMES.get(c);
  }

  private static final ClassValue<String> TAG_NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> c) {
      return ALIASES.getOrDefault(c, c.getName());
    }
  };

  /** The class an alias stands for, or null for a plain class name. */
  static Class<?> byAlias(String tag) {
    return BY_ALIAS.get(tag);
  }

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

  /** The box of a primitive class, the class itself otherwise (asked for every value written: cached). */
  static Class<?> boxed(Class<?> c) {
    return c.isPrimitive() ? BOXES.get(c) : c;
  }

  private static final ClassValue<Class<?>> BOXES = new ClassValue<>() {
    @Override
    protected Class<?> computeValue(Class<?> c) {
      return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }
  };

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
