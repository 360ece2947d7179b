package shardctrler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import labs.net.Peer;
import labs.net.Rpc;
import labs.runtime.Env;
import shardctrler.CtrlerRpc.ChangeReply;
import shardctrler.CtrlerRpc.JoinArgs;
import shardctrler.CtrlerRpc.LeaveArgs;
import shardctrler.CtrlerRpc.MoveArgs;
import shardctrler.CtrlerRpc.QueryArgs;
import shardctrler.CtrlerRpc.QueryReply;

/**
 * A client of the shard controller. Given code: the tests, the sharded clerk and your shard
 * groups use it as it is. Each call sends its request to the server that answered last; on no
 * answer or {@link Err#WRONG_LEADER} it tries the next one, and after a round of every server
 * without an answer it pauses {@value #RETRY_PAUSE_MS} ms. It keeps trying until a server answers.
 *
 * <p>Used by one thread at a time (a shard group's poller makes its own clerk).
 */
public class Clerk {
  /** The pause after trying every server once without an answer. */
  public static final long RETRY_PAUSE_MS = 100;

  private final List<Peer> servers;
  private int leader; // the server that answered last; where the next request goes first

  /** A clerk that talks to the controller's {@code servers} (one end per server). */
  public Clerk(List<Peer> servers) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("a controller clerk needs the ends of the controller's servers, got none");
    }
    this.servers = List.copyOf(servers);
  }

  /** Configuration {@code num}; -1 (or a number above the latest's): the latest one. */
  public Config query(int num) {
    return call(CtrlerRpc.QUERY, new QueryArgs(num), QueryReply::err).config();
  }

  /** Adds the groups (gid → server names) and waits until the new configuration is made. */
  public void join(Map<Integer, List<String>> groups) {
    call(CtrlerRpc.JOIN, new JoinArgs(groups), ChangeReply::err);
  }

  /** Removes the groups and waits until the new configuration is made. */
  public void leave(List<Integer> gids) {
    call(CtrlerRpc.LEAVE, new LeaveArgs(gids), ChangeReply::err);
  }

  /** Gives {@code shard} to {@code gid} and waits until the new configuration is made. */
  public void move(int shard, int gid) {
    call(CtrlerRpc.MOVE, new MoveArgs(shard, gid), ChangeReply::err);
  }

  private <A, R> R call(Rpc<A, R> rpc, A args, Function<R, Err> err) {
    while (true) {
      for (int tried = 0; tried < servers.size(); tried++) {
        Optional<R> reply = servers.get(leader).call(rpc, args);
        if (reply.isPresent() && err.apply(reply.get()) == Err.OK) {
          return reply.get();
        }
        leader = (leader + 1) % servers.size();
      }
      Env.sleep(RETRY_PAUSE_MS);
    }
  }
}
