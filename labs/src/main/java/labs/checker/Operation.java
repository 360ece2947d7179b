package labs.checker;

/**
 * One operation of a concurrent history: a client called it at {@code call} and it returned
 * {@code output} at {@code ret}. Times are any consistent clock (the simulation's virtual
 * nanoseconds, or positions in an event list); only their order matters. Operations whose
 * intervals touch or overlap are concurrent: a call and a return at the same instant count as
 * concurrent.
 *
 * <p>An operation that never returned (the client timed out or crashed) is {@link #pending}: it
 * may take effect at any time after its call, or never, and the model sees its output as {@code
 * null}.
 *
 * @param call when the client called it
 * @param ret when it returned ({@code >= call}), or {@link #NEVER} if it never did
 * @param client who called it (one lane in the viewer; a client runs one operation at a time)
 * @param input what was asked
 * @param output what was answered ({@code null} for a pending operation)
 */
public record Operation<I, O>(long call, long ret, int client, I input, O output) {

  /** The return time of an operation that never returned. */
  public static final long NEVER = Long.MAX_VALUE;

  /** Validates the times. */
  public Operation {
    if (ret < call) {
      throw new IllegalArgumentException(
          "operation " + input + " of client " + client + " returns at " + ret
              + ", before its call at " + call + ": record the return time after the call time");
    }
  }

  /** A completed operation. */
  public static <I, O> Operation<I, O> of(int client, I input, O output, long call, long ret) {
    return new Operation<>(call, ret, client, input, output);
  }

  /** An operation that was called but never returned: it may take effect later, or never. */
  public static <I, O> Operation<I, O> pending(int client, I input, long call) {
    return new Operation<>(call, NEVER, client, input, null);
  }

  /** Whether this operation returned. */
  public boolean isComplete() {
    return ret != NEVER;
  }
}
