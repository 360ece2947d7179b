/**
 * Part 3A: the replicated state machine layer. A service implements {@link rsm.StateMachine};
 * your {@code Rsm} (in {@code src/student/java}) runs each command a service submits through
 * Raft, applies every committed command on every replica in log order, and hands the result back
 * to the submitter. Lab 4's shard groups reuse it unchanged.
 *
 * <pre>{@code
 * Rsm rsm = new Rsm(peers, me, persister, maxRaftState, service, RaftFactory.LAB2);
 * switch (rsm.submit(command)) {              // blocks until applied, or gives up
 *   case SubmitResult.Applied(Object result) -> ...   // the service's result
 *   case SubmitResult.WrongLeader w -> ...            // try another server
 * }
 * }</pre>
 *
 * <p>The handout is {@code handouts/lab3-kvraft.md}.
 */
package rsm;
