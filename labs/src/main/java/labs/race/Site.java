package labs.race;

import java.lang.ref.WeakReference;

/**
 * One instrumented instruction of student code: where it is (class, method, source line) and what
 * it does (reads field {@code Raft.currentTerm}, locks {@code lock}, calls {@code List.add}).
 * Made when the class is instrumented; the hooks get its number.
 */
final class Site {
  enum Kind {
    FIELD_READ, FIELD_WRITE, STATIC_READ, STATIC_WRITE, VOLATILE_READ, VOLATILE_WRITE, VOLATILE_STATIC_READ,
    VOLATILE_STATIC_WRITE, ARRAY_READ, ARRAY_WRITE, COLLECTION_READ, COLLECTION_WRITE, CALL, LOCK, TRY_LOCK,
    UNLOCK, NEW_CONDITION, AWAIT, WAIT, JOIN, SYNC_CALL, SYNC_GET, MONITOR_ENTER, MONITOR_EXIT, SYNCHRONIZED_METHOD
  }

  final String className;
  final String method;
  final String file;
  final int line;
  final Kind kind;
  /** The field's declaring class (internal name) or the called method's owner. */
  final String owner;
  /** The field's or the called method's name. */
  final String member;
  /** What the receiver is called in the code ("lock", "Raft.nextIndex"), or null if unknown. */
  final String hint;
  /** A field's id (the key of its cell in an object's shadow). */
  final int fieldKey;
  private final WeakReference<ClassLoader> loader;
  private volatile WeakReference<Object> staticKey;

  Site(String className, String method, String file, int line, Kind kind, String owner, String member, String hint,
      ClassLoader loader) {
    this.className = className;
    this.method = method;
    this.file = file;
    this.line = line;
    this.kind = kind;
    this.owner = owner;
    this.member = member;
    this.hint = hint;
    this.fieldKey = isField(kind) ? FieldIds.of(owner, member) : 0;
    this.loader = new WeakReference<>(loader);
  }

  private static boolean isField(Kind k) {
    return k.ordinal() <= Kind.VOLATILE_STATIC_WRITE.ordinal();
  }

  /** The class whose static field this site touches, or null if it cannot be found. */
  Object staticKey() {
    WeakReference<Object> ref = staticKey;
    Object k = ref == null ? null : ref.get();
    if (k == null) {
      try {
        k = Class.forName(owner.replace('/', '.'), false, loader.get());
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return null;
      }
      staticKey = new WeakReference<>(k);
    }
    return k;
  }

  /** "raft.Raft.startElection(Raft.java:212)", as in a Java stack trace. */
  String frame() {
    return className + "." + method + "(" + file + (line > 0 ? ":" + line : "") + ")";
  }

  /** "Raft.java:212". */
  String where() {
    return file + (line > 0 ? ":" + line : "");
  }

  /** A class's name as shown: without its package, nested classes joined by dots. */
  static String shortName(String internalName) {
    String n = internalName.substring(internalName.lastIndexOf('/') + 1);
    return n.replace('$', '.');
  }

  /** What is raced on: "field `Raft.currentTerm`", "array `Raft.nextIndex`", "the contents of `RaftLog.entries`". */
  String location() {
    return switch (kind) {
      case ARRAY_READ, ARRAY_WRITE -> hint != null ? "array `" + hint + "`" : "an array element at " + where();
      case COLLECTION_READ, COLLECTION_WRITE -> hint != null ? "the contents of `" + hint + "`"
          : "the contents of a " + shortName(owner) + " at " + where();
      default -> "field `" + shortName(owner) + "." + member + "`";
    };
  }

  /** What the access did, for the report: "read", "written", "read (List.get)". */
  String verb(boolean write) {
    String v = write ? "written" : "read";
    return kind == Kind.COLLECTION_READ || kind == Kind.COLLECTION_WRITE
        ? v + " (" + shortName(owner) + "." + member + ")" : v;
  }
}
