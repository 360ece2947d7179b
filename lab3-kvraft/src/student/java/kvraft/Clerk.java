package kvraft;

import java.util.List;
import kvraft.KvRpc.GetReply;
import labs.net.Peer;

/**
 * A client of the key/value service (part 3B): the file you write. The tester makes one clerk per
 * client thread and calls {@link #get} and {@link #put} from that thread only.
 *
 * <p>A clerk does not know which server leads. It sends a request to one server; on no answer
 * ({@code call} returned empty: the request or the reply was lost, or the server is down) or
 * {@link Err#WRONG_LEADER} it tries the next, and after a round in which nobody answered it
 * pauses ({@code Env.sleep(100)}) before the next round. It remembers which server answered last
 * and starts there next time. It keeps trying until it gets an answer.
 */
public class Clerk implements VersionedKv {
  private final List<Peer> servers;

  // TODO(3B): remember the server that answered last.

  /** A clerk that talks to {@code servers} (one end per server, in index order). */
  public Clerk(List<Peer> servers) {
    this.servers = List.copyOf(servers);
  }

  @Override
  public GetReply get(String key) {
    // TODO(3B): servers.get(i).call(KvRpc.GET, new KvRpc.GetArgs(key)) until a server answers
    // OK or NO_KEY.
    return new GetReply("", 0, Err.WRONG_LEADER);
  }

  @Override
  public Err put(String key, String value, long version) {
    // TODO(3B): as get. If this put was sent before without an answer (or with WRONG_LEADER), an
    // earlier copy may have been applied: then a VERSION answer must become MAYBE.
    return Err.WRONG_LEADER;
  }
}
