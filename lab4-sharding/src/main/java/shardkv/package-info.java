/**
 * Parts 4B and 4C: the sharded key/value service. Each replica group is a Raft/rsm-replicated
 * versioned store (Lab 3's rules) that serves only the shards its current configuration gives it;
 * your {@code ShardKv} (in {@code src/student/java}) polls the controller, takes configurations
 * one at a time through its log, and moves shards to other groups with {@link
 * shardkv.ShardKvRpc#INSTALL_SHARD}. Given here: the RPC records, the error codes and the sharded
 * {@link shardkv.Clerk}, which finds the group for a key and retries.
 *
 * <pre>{@code
 * Clerk ck = new Clerk(ctrlerEnds, client::end);
 * kvraft.Err e = ck.put("k", "v", 0);      // OK: "k" holds "v" at version 1, in shard shardOf("k")
 * }</pre>
 *
 * <p>The handout is {@code handouts/lab4-sharding.md}.
 */
package shardkv;
