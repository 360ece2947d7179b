package labs.runtime;

/**
 * A run ended because the runtime, not an assertion, found something wrong: a deadlock, a busy
 * loop or livelock, a forbidden JDK call, an uncaught exception in some thread, or a time limit.
 * The message explains it for a student and lists the threads involved with their stacks.
 */
public final class RunFailure extends AssertionError {
  /** What went wrong. */
  public enum Kind {
    DEADLOCK,
    LIVELOCK,
    BUSY_LOOP,
    FORBIDDEN_CALL,
    UNCAUGHT_EXCEPTION,
    VIRTUAL_TIME_LIMIT,
    REAL_TIME_LIMIT,
    NONDETERMINISM,
    SELF_TEST
  }

  private final Kind kind;

  public RunFailure(Kind kind, String message, Throwable cause) {
    super(kind + ": " + message, cause);
    this.kind = kind;
  }

  public RunFailure(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
