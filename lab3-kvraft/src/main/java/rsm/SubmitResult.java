package rsm;

/**
 * What {@link Rsm#submit} answers: the command was committed and applied here, with the service's
 * result, or this replica could not get it committed and the caller should try another one.
 *
 * <pre>{@code
 * switch (rsm.submit(new PutArgs(key, value, version))) {
 *   case SubmitResult.Applied(PutReply reply) -> reply;
 *   case SubmitResult.Applied other -> throw new IllegalStateException("unexpected " + other);
 *   case SubmitResult.WrongLeader w -> new PutReply(Err.WRONG_LEADER);
 * }
 * }</pre>
 */
public sealed interface SubmitResult {
  /**
   * The command was committed, and this replica applied it: {@code result} is what {@link
   * StateMachine#apply} returned for it.
   */
  record Applied(Object result) implements SubmitResult {}

  /**
   * The command may not have been applied, or it may yet be: this replica was not the leader, lost
   * its leadership while waiting, saw a different command committed at the command's index, was
   * killed, or gave up waiting. The caller should try another replica (and must not assume the
   * command did not happen).
   */
  record WrongLeader() implements SubmitResult {}
}
