/**
 * Lab 2: Raft. Your class {@code Raft} (in {@code src/student/java}) implements {@link
 * raft.RaftApi}; the peers exchange the records of {@link raft.RaftRpc} and hand committed
 * commands to their service as {@link raft.ApplyMsg}s. The handout is
 * {@code handouts/lab2-raft.md}.
 *
 * <pre>{@code
 * Raft rf = new Raft(peers, me, persister, applyCh);   // starts the peer's threads
 * RaftApi.StartResult r = rf.start(command);           // on the leader: appended, not yet committed
 * Optional<ApplyMsg> m = applyCh.receive();            // later: ApplyMsg.Command(r.index(), command)
 * }</pre>
 */
package raft;
