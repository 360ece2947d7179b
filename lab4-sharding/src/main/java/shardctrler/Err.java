package shardctrler;

/** The outcome codes of the shard controller's RPCs. */
public enum Err {
  /** Done: the join, leave or move is in the configurations; the query's answer is in the reply. */
  OK,
  /**
   * This controller server is not the leader, or it could not get the request committed. Try
   * another one. The clerk never returns it.
   */
  WRONG_LEADER
}
