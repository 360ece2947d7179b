package shardkv;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import kvraft.KvRpc;
import kvraft.VersionedKv;
import labs.net.Peer;
import labs.runtime.Env;
import shardctrler.Config;
import shardkv.ShardKvRpc.GetArgs;
import shardkv.ShardKvRpc.GetReply;
import shardkv.ShardKvRpc.PutArgs;
import shardkv.ShardKvRpc.PutReply;

/**
 * The sharded key/value service's client. Given code: the tests use it as it is. It keeps the
 * configuration it last got from the controller; for each call it finds the key's shard ({@link
 * Config#shardOf}), the group that serves the shard, and tries that group's servers in turn,
 * starting with the one that answered last. On {@link Err#WRONG_GROUP}, or after a round of the
 * group without an answer, it pauses {@value #RETRY_PAUSE_MS} ms, asks the controller for the
 * latest configuration and tries again. It keeps trying until a group answers.
 *
 * <p>Lab 3's rules for "maybe" hold across groups: a put some earlier copy of which got no answer
 * or {@link Err#WRONG_LEADER} may have been applied (by this group or by one the shard has left
 * since), so {@link Err#VERSION} on a later copy is {@link kvraft.Err#MAYBE}. A {@link
 * Err#WRONG_GROUP} answer is certain: that copy was not applied.
 *
 * <p>Used by one thread at a time.
 */
public class Clerk implements VersionedKv {
  /** The pause before asking the controller again. */
  public static final long RETRY_PAUSE_MS = 100;

  private final shardctrler.Clerk ctrler;
  private final Function<String, Peer> makeEnd;
  private final Map<String, Peer> ends = new TreeMap<>(); // server name -> this clerk's end to it
  private final Map<Integer, Integer> leaders = new TreeMap<>(); // gid -> index of the server that answered last
  private Config config = Config.initial();

  /**
   * A clerk that asks the controller's {@code ctrlers} for configurations and reaches a group's
   * servers through {@code makeEnd} (server name → an end to it).
   */
  public Clerk(List<Peer> ctrlers, Function<String, Peer> makeEnd) {
    this.ctrler = new shardctrler.Clerk(ctrlers);
    this.makeEnd = makeEnd;
  }

  @Override
  public KvRpc.GetReply get(String key) {
    GetArgs args = new GetArgs(key);
    while (true) {
      Optional<GetReply> reply = callGroup(key, s -> s.call(ShardKvRpc.GET, args).map(r -> new Answer<>(r, r.err())));
      if (reply.isPresent()) {
        GetReply r = reply.get();
        return switch (r.err()) {
          case OK -> new KvRpc.GetReply(r.value(), r.version(), kvraft.Err.OK);
          case NO_KEY -> new KvRpc.GetReply(r.value(), r.version(), kvraft.Err.NO_KEY);
          default -> throw wrongAnswer("get(\"" + key + "\")", r, "OK, NO_KEY, WRONG_GROUP or WRONG_LEADER");
        };
      }
      pauseAndRequery();
    }
  }

  @Override
  public kvraft.Err put(String key, String value, long version) {
    PutArgs args = new PutArgs(key, value, version);
    boolean[] resent = {false}; // whether an earlier copy may have been applied
    while (true) {
      Optional<PutReply> reply = callGroup(key, s -> {
        Optional<PutReply> r = s.call(ShardKvRpc.PUT, args);
        if (r.isEmpty() || r.get().err() == Err.WRONG_LEADER) {
          resent[0] = true; // this copy may yet be applied
        }
        return r.map(p -> new Answer<>(p, p.err()));
      });
      if (reply.isPresent()) {
        return switch (reply.get().err()) {
          case OK -> kvraft.Err.OK;
          case NO_KEY -> kvraft.Err.NO_KEY;
          case VERSION -> resent[0] ? kvraft.Err.MAYBE : kvraft.Err.VERSION;
          default -> throw wrongAnswer("put(\"" + key + "\", ...)", reply.get(),
              "OK, VERSION, NO_KEY, WRONG_GROUP or WRONG_LEADER");
        };
      }
      pauseAndRequery();
    }
  }

  private static IllegalStateException wrongAnswer(String call, Object reply, String allowed) {
    return new IllegalStateException("a shard group answered " + call + " with " + reply + ", but a server answers a "
        + "client's " + call.substring(0, 3) + " only with " + allowed);
  }

  /** A reply and its error code. */
  private record Answer<R>(R reply, Err err) {}

  /**
   * Tries each server of the group that serves {@code key}'s shard once, starting with the one
   * that answered last; the first answer that is neither WRONG_LEADER nor WRONG_GROUP, or empty
   * (no group serves the shard, a server said WRONG_GROUP, or no server answered).
   */
  private <R> Optional<R> callGroup(String key, Function<Peer, Optional<Answer<R>>> send) {
    if (config.num() == 0) {
      config = ctrler.query(-1); // a new clerk: no configuration yet
    }
    int gid = config.gidOf(Config.shardOf(key));
    List<String> servers = config.groups().get(gid);
    if (servers == null || servers.isEmpty()) {
      return Optional.empty();
    }
    int first = leaders.getOrDefault(gid, 0);
    for (int tried = 0; tried < servers.size(); tried++) {
      int i = (first + tried) % servers.size();
      Optional<Answer<R>> answer = send.apply(end(servers.get(i)));
      if (answer.isPresent() && answer.get().err() == Err.WRONG_GROUP) {
        return Optional.empty(); // our configuration is out of date
      }
      if (answer.isPresent() && answer.get().err() != Err.WRONG_LEADER) {
        leaders.put(gid, i);
        return Optional.of(answer.get().reply());
      }
    }
    return Optional.empty();
  }

  private void pauseAndRequery() {
    Env.sleep(RETRY_PAUSE_MS);
    config = ctrler.query(-1);
  }

  private Peer end(String server) {
    return ends.computeIfAbsent(server, makeEnd);
  }
}
