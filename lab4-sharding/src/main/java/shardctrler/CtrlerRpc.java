package shardctrler;

import java.util.List;
import java.util.Map;
import labs.net.Rpc;
import labs.net.Server;

/**
 * The shard controller's four RPCs and their messages. Given code: do not change it (the tester
 * registers your server's handlers with {@link #addTo}). The argument records are also good
 * commands for your server to submit to its rsm.
 *
 * <pre>{@code
 * Optional<QueryReply> reply = servers.get(i).call(CtrlerRpc.QUERY, new QueryArgs(-1));
 * }</pre>
 */
public final class CtrlerRpc {
  private CtrlerRpc() {}

  /**
   * Adds groups: gid → the names of its servers. The next configuration has them, with the shards
   * rebalanced. Gids already in the configuration are left as they are (so a join that is resent
   * after it was applied changes nothing); a join of only such gids makes no new configuration.
   */
  public record JoinArgs(Map<Integer, List<String>> groups) {}

  /**
   * Removes groups. The next configuration lacks them, with their shards given to the remaining
   * groups. Gids not in the configuration are ignored; a leave of only such gids makes no new
   * configuration.
   */
  public record LeaveArgs(List<Integer> gids) {}

  /**
   * Gives one shard to one group (for tests and for an administrator; a later join or leave may
   * move it again). A move to a gid that is not in the configuration, or of a shard the group
   * already has, makes no new configuration.
   */
  public record MoveArgs(int shard, int gid) {}

  /** A join's, leave's or move's answer: {@link Err#OK} or {@link Err#WRONG_LEADER}. */
  public record ChangeReply(Err err) {}

  /** Asks for configuration {@code num}; -1 or a number above the latest's: the latest. */
  public record QueryArgs(int num) {}

  /** A query's answer: the configuration with {@link Err#OK}, or {@link Err#WRONG_LEADER} (config null). */
  public record QueryReply(Config config, Err err) {}

  public static final Rpc<JoinArgs, ChangeReply> JOIN = Rpc.of("Ctrler.Join", JoinArgs.class, ChangeReply.class);

  public static final Rpc<LeaveArgs, ChangeReply> LEAVE = Rpc.of("Ctrler.Leave", LeaveArgs.class, ChangeReply.class);

  public static final Rpc<MoveArgs, ChangeReply> MOVE = Rpc.of("Ctrler.Move", MoveArgs.class, ChangeReply.class);

  public static final Rpc<QueryArgs, QueryReply> QUERY = Rpc.of("Ctrler.Query", QueryArgs.class, QueryReply.class);

  /** Adds the four handlers of {@code ctrler} to {@code server} (which also serves Raft's RPCs). */
  public static Server addTo(Server server, ShardCtrler ctrler) {
    return server.handle(JOIN, ctrler::join).handle(LEAVE, ctrler::leave).handle(MOVE, ctrler::move)
        .handle(QUERY, ctrler::query);
  }
}
