package kvraft;

import java.util.List;
import java.util.Optional;
import kvraft.KvRpc.GetArgs;
import kvraft.KvRpc.GetReply;
import kvraft.KvRpc.PutArgs;
import kvraft.KvRpc.PutReply;
import labs.net.Peer;
import labs.runtime.Env;

/**
 * The reference clerk: sends each request to the server it believes leads, moves on to the next
 * server on "wrong leader" or no answer, and pauses after a round in which no server answered.
 * Used by one client thread at a time.
 */
public class Clerk implements VersionedKv {
  /** The pause after trying every server once without an answer. */
  static final long RETRY_PAUSE_MS = 100;

  private final List<Peer> servers;
  private int leader; // the server that answered last; where the next request goes first

  /** A clerk that talks to {@code servers} (one end per server of the group). */
  public Clerk(List<Peer> servers) {
    this.servers = List.copyOf(servers);
  }

  @Override
  public GetReply get(String key) {
    GetArgs args = new GetArgs(key);
    while (true) {
      for (int tried = 0; tried < servers.size(); tried++) {
        Optional<GetReply> reply = servers.get(leader).call(KvRpc.GET, args);
        if (reply.isPresent() && reply.get().err() != Err.WRONG_LEADER) {
          return reply.get();
        }
        leader = (leader + 1) % servers.size();
      }
      Env.sleep(RETRY_PAUSE_MS);
    }
  }

  @Override
  public Err put(String key, String value, long version) {
    PutArgs args = new PutArgs(key, value, version);
    boolean resent = false; // whether an earlier copy of this put may have been applied
    while (true) {
      for (int tried = 0; tried < servers.size(); tried++) {
        Optional<PutReply> reply = servers.get(leader).call(KvRpc.PUT, args);
        if (reply.isPresent() && reply.get().err() != Err.WRONG_LEADER) {
          Err err = reply.get().err();
          // At-most-once, honestly: a copy sent earlier may have been applied (its reply lost, or
          // a leader that gave up on it may still get it committed). Then VERSION may be our own
          // put's doing, and only "maybe" is true.
          return err == Err.VERSION && resent ? Err.MAYBE : err;
        }
        resent = true;
        leader = (leader + 1) % servers.size();
      }
      Env.sleep(RETRY_PAUSE_MS);
    }
  }
}
