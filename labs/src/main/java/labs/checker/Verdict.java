package labs.checker;

/** The answer of a linearizability check. */
public enum Verdict {
  /** The history is linearizable: some sequential order explains every result. */
  OK,
  /** The history is not linearizable: no order explains every result. A bug. */
  ILLEGAL,
  /**
   * The check ran out of time before deciding. Never a pass: shrink the history, raise the
   * timeout, or look at the viewer to see where the search was.
   */
  UNKNOWN
}
