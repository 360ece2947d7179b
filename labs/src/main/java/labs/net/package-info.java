/**
 * The simulated network (a port of MIT's labrpc) and the codec. RPCs are typed
 * ({@link labs.net.Rpc}), payloads are records copied through bytes ({@link labs.net.Codec}),
 * and a call returns {@code Optional.empty()} when no reply came.
 *
 * <pre>{@code
 * Optional<RequestVoteReply> reply = peers.get(i).call(RaftRpc.REQUEST_VOTE, args);
 * reply.ifPresent(r -> handleVote(r));
 * }</pre>
 */
package labs.net;
