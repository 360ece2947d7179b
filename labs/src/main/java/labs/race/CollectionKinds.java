package labs.race;

/**
 * What a call of a {@code java.util} collection method from student code means, by the
 * receiver's class: a thread-safe collection ({@code java.util.concurrent}, the synchronized
 * wrappers, {@code Vector}, {@code Hashtable}) orders the calls on it, like a lock; a plain JDK
 * collection ({@code ArrayList}, {@code HashMap}) is memory whose contents the call reads or
 * writes; an immutable one, or a class of the lab's own, is left to its own code.
 */
enum CollectionKinds {
  SYNCHRONIZED,
  PLAIN,
  IGNORED;

  private static final ClassValue<CollectionKinds> KINDS = new ClassValue<>() {
    @Override
    protected CollectionKinds computeValue(Class<?> c) {
      return classify(c.getName());
    }
  };

  static CollectionKinds of(Object receiver) {
    return KINDS.get(receiver.getClass());
  }

  static CollectionKinds classify(String name) {
    if (name.startsWith("java.util.concurrent.") || name.startsWith("java.util.Collections$Synchronized")
        || name.equals("java.util.Vector") || name.equals("java.util.Stack") || name.equals("java.util.Hashtable")
        || name.equals("java.util.Properties")) {
      return SYNCHRONIZED;
    }
    if (name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
        || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton")) {
      return IGNORED;
    }
    return name.startsWith("java.") ? PLAIN : IGNORED;
  }
}
