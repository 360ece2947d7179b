package labs.net;

/**
 * One remote procedure: its name ({@code "Raft.RequestVote"}) and the classes of its argument and
 * reply. Declare one constant per procedure next to the records it carries:
 *
 * <pre>{@code
 * public static final Rpc<RequestVoteArgs, RequestVoteReply> REQUEST_VOTE =
 *     Rpc.of("Raft.RequestVote", RequestVoteArgs.class, RequestVoteReply.class);
 * }</pre>
 *
 * @param <A> argument type (a record)
 * @param <R> reply type (a record)
 */
public record Rpc<A, R>(String name, Class<A> argsType, Class<R> replyType) {
  public Rpc {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an RPC needs a name such as \"Raft.RequestVote\"");
    }
  }

  public static <A, R> Rpc<A, R> of(String name, Class<A> argsType, Class<R> replyType) {
    return new Rpc<>(name, argsType, replyType);
  }

  @Override
  public String toString() {
    return name;
  }
}
