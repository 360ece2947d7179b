package labs.race;

import java.util.Set;

/**
 * What a call in student code means to the detector, from its owner, name and descriptor: a lock
 * operation, a condition or monitor wait, a join, a call on a {@code java.util.concurrent} object
 * (which orders what happens around it), a call on a {@code java.util} collection (a read or write
 * of its contents, or a synchronized hand-off: decided at run time by the receiver's class), or an
 * ordinary call.
 */
final class CallKinds {
  private static final Set<String> COLLECTIONS = Set.of(
      "Collection", "List", "Set", "Map", "Queue", "Deque", "SortedSet", "NavigableSet", "SortedMap", "NavigableMap",
      "SequencedCollection", "SequencedSet", "SequencedMap", "AbstractCollection", "AbstractList", "AbstractSet",
      "AbstractMap", "AbstractQueue", "AbstractSequentialList", "ArrayList", "LinkedList", "HashMap", "LinkedHashMap",
      "TreeMap", "HashSet", "LinkedHashSet", "TreeSet", "ArrayDeque", "PriorityQueue", "EnumMap", "EnumSet",
      "IdentityHashMap", "WeakHashMap", "Vector", "Stack", "Hashtable", "BitSet");

  private static final Set<String> WRITES = Set.of(
      "add", "addAll", "addFirst", "addLast", "remove", "removeAll", "removeIf", "removeFirst", "removeLast",
      "removeFirstOccurrence", "removeLastOccurrence", "retainAll", "set", "clear", "put", "putAll", "putIfAbsent",
      "putFirst", "putLast", "replace", "replaceAll", "compute", "computeIfAbsent", "computeIfPresent", "merge",
      "sort", "offer", "offerFirst", "offerLast", "poll", "pollFirst", "pollLast", "pollFirstEntry",
      "pollLastEntry", "push", "pop", "trimToSize", "ensureCapacity", "flip", "and", "or", "xor", "andNot",
      "setAll", "removeElement", "addElement", "insertElementAt", "setElementAt", "removeElementAt", "setSize");

  private static final Set<String> ATOMIC_READS = Set.of(
      "get", "getPlain", "getOpaque", "getAcquire", "intValue", "longValue", "doubleValue", "floatValue",
      "getReference", "isMarked", "getStamp", "length", "toString", "sum", "sumThenReset");

  private CallKinds() {}

  static Site.Kind of(String owner, String name, String descriptor, boolean isStatic) {
    if (isStatic || name.equals("<init>")) {
      return Site.Kind.CALL;
    }
    if (name.equals("wait") && (descriptor.equals("()V") || descriptor.equals("(J)V") || descriptor.equals("(JI)V"))) {
      return Site.Kind.WAIT;
    }
    if (name.equals("join") && owner.equals("java/lang/Thread")) {
      return Site.Kind.JOIN;
    }
    if (owner.startsWith("java/util/concurrent/locks/") || owner.startsWith("labs/runtime/TimedLock")) {
      return lockCall(name, descriptor);
    }
    if (owner.startsWith("java/util/concurrent/")) {
      return owner.startsWith("java/util/concurrent/atomic/") && ATOMIC_READS.contains(name)
          ? Site.Kind.SYNC_GET : Site.Kind.SYNC_CALL;
    }
    boolean collection = owner.startsWith("java/util/") && owner.indexOf('/', "java/util/".length()) < 0
        && COLLECTIONS.contains(owner.substring("java/util/".length()));
    if (collection || owner.equals("java/lang/Iterable")) {
      return WRITES.contains(name) ? Site.Kind.COLLECTION_WRITE : Site.Kind.COLLECTION_READ;
    }
    return Site.Kind.CALL;
  }

  private static Site.Kind lockCall(String name, String descriptor) {
    return switch (name) {
      case "lock", "lockInterruptibly" -> descriptor.equals("()V") ? Site.Kind.LOCK : Site.Kind.SYNC_CALL;
      case "tryLock" -> Site.Kind.TRY_LOCK;
      case "unlock" -> descriptor.equals("()V") ? Site.Kind.UNLOCK : Site.Kind.SYNC_CALL;
      case "newCondition" -> Site.Kind.NEW_CONDITION;
      case "await", "awaitNanos", "awaitUninterruptibly", "awaitUntil" -> Site.Kind.AWAIT;
      case "signal", "signalAll", "readLock", "writeLock", "isHeldByCurrentThread", "getHoldCount", "isLocked",
           "isFair", "hasQueuedThreads", "getQueueLength" -> Site.Kind.CALL;
      default -> Site.Kind.SYNC_CALL;
    };
  }
}
