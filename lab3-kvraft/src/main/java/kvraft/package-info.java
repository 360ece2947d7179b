/**
 * Parts 3B and 3C: a fault-tolerant, versioned key/value service on the rsm of part 3A. Your
 * {@code KvServer} is a {@link rsm.StateMachine} replicated by an {@code Rsm}; your {@code Clerk}
 * finds the leader and retries until it gets an answer. Given here: the RPC records ({@link
 * kvraft.KvRpc}), the error codes ({@link kvraft.Err}) and the client interface ({@link
 * kvraft.VersionedKv}). The handout is {@code handouts/lab3-kvraft.md}.
 *
 * <pre>{@code
 * Clerk ck = new Clerk(servers);
 * Err e = ck.put("k", "v", 0);             // OK: "k" now holds "v" at version 1
 * GetReply r = ck.get("k");                // ("v", 1, OK)
 * Err again = ck.put("k", "w", 0);         // VERSION: the key is at version 1, not 0
 * }</pre>
 */
package kvraft;
