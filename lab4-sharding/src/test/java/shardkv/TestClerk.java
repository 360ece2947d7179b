package shardkv;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import kvraft.Err;
import kvraft.KvRpc.GetReply;
import kvraft.VersionedKv;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Reply;
import labs.cluster.Async;
import labs.cluster.Client;
import labs.cluster.HistoryRecorder;

/**
 * A sharded clerk as the tests use it: the given {@link Clerk} on ends of one {@link Client} of
 * the cluster, with every call recorded in the test's history (call and return in virtual time)
 * for the linearizability check. Used by one tester thread at a time, like the clerk itself.
 *
 * <p>A call that has not returned after {@link #CALL_BOUND} fails the test with a message (rather
 * than the run's time limit): in every scenario, some group serves each shard within that time.
 */
final class TestClerk {
  private static final Set<Err> GET_ANSWERS = Set.of(Err.OK, Err.NO_KEY);
  private static final Set<Err> PUT_ANSWERS = Set.of(Err.OK, Err.VERSION, Err.NO_KEY, Err.MAYBE);

  /** The longest any scenario lets one clerk call wait (virtual time); a longer wait is a bug. */
  static final Duration CALL_BOUND = Duration.ofSeconds(60);

  private final Client client;
  private final VersionedKv clerk;
  private final HistoryRecorder<Input, Reply> history;

  TestClerk(Client client, VersionedKv clerk, HistoryRecorder<Input, Reply> history) {
    this.client = client;
    this.clerk = clerk;
    this.history = history;
  }

  /** The client's number: its lane in the history viewer. */
  int id() {
    return client.id();
  }

  /** {@code get(key)}, recorded. */
  GetReply get(String key) {
    HistoryRecorder<Input, Reply>.Call call = history.begin(id(), new VersionedKvModel.Get(key));
    GetReply reply = bounded("get(\"" + key + "\")", () -> clerk.get(key));
    if (reply == null || !GET_ANSWERS.contains(reply.err())) {
      throw new AssertionError(String.format("client %d: get(\"%s\") returned %s; the sharded clerk answers only OK or "
          + "NO_KEY", id(), key, reply));
    }
    call.returned(new Reply(reply.value(), reply.version(), model(reply.err())));
    return reply;
  }

  /** {@code put(key, value, version)}, recorded. */
  Err put(String key, String value, long version) {
    HistoryRecorder<Input, Reply>.Call call = history.begin(id(), new VersionedKvModel.Put(key, value, version));
    Err err = bounded(String.format("put(\"%s\", \"%s\", %d)", key, brief(value), version),
        () -> clerk.put(key, value, version));
    if (!PUT_ANSWERS.contains(err)) {
      throw new AssertionError(String.format("client %d: put(\"%s\", \"%s\", %d) returned %s; the sharded clerk answers "
          + "only OK, VERSION, NO_KEY or MAYBE", id(), key, brief(value), version, err));
    }
    call.returned(Reply.of(model(err)));
    return err;
  }

  /** Runs one clerk call on a tester thread of its own and waits at most {@link #CALL_BOUND}. */
  private <T> T bounded(String what, Supplier<T> call) {
    Async<T> running = Async.start(client.name() + "-call", call::get);
    if (!running.awaitDone(CALL_BOUND)) {
      throw new AssertionError(String.format("client %d: %s has not returned after %d s, although the scenario has a "
          + "group up that should serve the key's shard by then: is the shard stuck on its way (the old owner "
          + "never sent it, or the new owner never stored it), or is a group stuck in an old configuration (does its "
          + "leader poll the controller for the next one, and take configurations once the shards of the current "
          + "one have moved)?", id(), what, CALL_BOUND.toSeconds()));
    }
    return running.join();
  }

  private static VersionedKvModel.Err model(Err err) {
    return switch (err) {
      case OK -> VersionedKvModel.Err.OK;
      case NO_KEY -> VersionedKvModel.Err.NO_KEY;
      case VERSION -> VersionedKvModel.Err.VERSION;
      case MAYBE -> VersionedKvModel.Err.MAYBE;
      case WRONG_LEADER -> throw new IllegalArgumentException("WRONG_LEADER is no answer of a clerk");
    };
  }

  static String brief(String s) {
    return s.length() <= 24 ? s : s.substring(0, 20) + "...(" + s.length() + " chars)";
  }
}
