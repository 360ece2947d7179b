package shardkv;

/**
 * The outcome codes of the shard groups' RPCs. The sharded {@link Clerk} turns them into Lab 3's
 * {@link kvraft.Err} for its callers (OK, NO_KEY, VERSION or MAYBE).
 */
public enum Err {
  /** Done: a get found the key; a put installed the value; a shard was stored. */
  OK,
  /** A get of a key that does not exist; or a put with a version above 0 of a key that does not exist. */
  NO_KEY,
  /** A put whose version is not the key's current version: nothing changed. */
  VERSION,
  /** This server is not its group's leader, or could not get the request committed: try another one. */
  WRONG_LEADER,
  /**
   * The group does not serve the key's shard now: the shard is another group's in the group's
   * current configuration, or it is the group's but its data has not arrived yet. The clerk asks
   * the controller for the latest configuration and tries again.
   */
  WRONG_GROUP,
  /**
   * Only for {@link ShardKvRpc#INSTALL_SHARD}: the receiving group has not reached the
   * configuration of that shard move yet. The sender keeps the shard and sends it again later.
   */
  NOT_READY
}
