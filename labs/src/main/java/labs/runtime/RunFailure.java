package labs.runtime;

/**
 * A run ended because the runtime, not an assertion, found something wrong: a deadlock, a busy
 * loop or livelock, a forbidden JDK call, an uncaught exception in some thread, a time limit, or
 * (with the race detector on) a data race.
 * The message explains it for a student in a bounded number of lines (the threads involved,
 * grouped); {@link #fullReport()} holds the whole report (every thread, every stack), which the
 * harness writes next to the run's trace.
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
    SELF_TEST,
    /** The race detector found a data race ({@code -Dlabs.race=true}). */
    DATA_RACE
  }

  private final Kind kind;
  private final String text;
  private final String fullReport;

  /**
   * @param message what happened, for the console; the kind is put in front of it
   * @param fullReport the whole report, or null if the message is all there is
   */
  public RunFailure(Kind kind, String message, String fullReport, Throwable cause) {
    super(kind + ": " + message, cause);
    this.kind = kind;
    this.text = message;
    this.fullReport = fullReport;
  }

  public RunFailure(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  public RunFailure(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The same failure with {@code note} added to its message and to its full report. */
  public RunFailure withNote(String note) {
    return new RunFailure(kind, text + note, fullReport == null ? null : fullReport + note, getCause());
  }

  /** The whole report (unbounded), or the message if there is no more to say. */
  public String fullReport() {
    return fullReport != null ? kind + ": " + fullReport : getMessage();
  }
}
