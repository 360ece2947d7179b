/**
 * Part 4A: the shard controller, a replicated service (on Lab 3's rsm) that keeps the numbered
 * sequence of {@link shardctrler.Config configurations}: which replica group serves each shard, and
 * the servers of each group. Your {@code ShardCtrler} (in {@code src/student/java}) applies joins,
 * leaves and moves, and answers queries; your {@code Rebalance} spreads the shards over the groups.
 * Given here: the configuration record, the RPC records ({@link shardctrler.CtrlerRpc}) and the
 * {@link shardctrler.Clerk} that the tests, the sharded clerk and the shard groups use.
 *
 * <pre>{@code
 * Clerk ck = new Clerk(ctrlerEnds);
 * ck.join(Map.of(100, List.of("server-100-0", "server-100-1", "server-100-2")));
 * Config c = ck.query(-1);               // num 1: every shard on group 100
 * }</pre>
 *
 * <p>The handout is {@code handouts/lab4-sharding.md}.
 */
package shardctrler;
