package shardkv;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import kvraft.Err;
import kvraft.KvRpc.GetReply;
import kvraft.VersionedKv;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Reply;
import labs.cluster.Client;
import labs.cluster.HistoryRecorder;
import labs.cluster.RecordedClerk;
import labs.cluster.RecordedClerk.Answers;

/**
 * A sharded clerk as the tests use it: the given {@link Clerk} on ends of one {@link Client} of
 * the cluster, with every call recorded in the test's history (call and return in virtual time)
 * for the linearizability check (the framework's {@link RecordedClerk} does it; this class says
 * what the sharded clerk may answer). Used by one tester thread at a time, like the clerk itself.
 *
 * <p>A call that has not returned after {@link #CALL_BOUND} fails the test with a message (rather
 * than the run's time limit): in every scenario, some group serves each shard within that time.
 */
final class TestClerk {
  /** The longest any scenario lets one clerk call wait (virtual time); a longer wait is a bug. */
  static final Duration CALL_BOUND = Duration.ofSeconds(60);

  private static final Set<Err> GET_ANSWERS = EnumSet.of(Err.OK, Err.NO_KEY);
  private static final Set<Err> PUT_ANSWERS = EnumSet.of(Err.OK, Err.VERSION, Err.NO_KEY, Err.MAYBE);
  private static final Answers<GetReply, Reply> GET = new Answers<>(r -> GET_ANSWERS.contains(r.err()),
      r -> new Reply(r.value(), r.version(), VersionedKvModel.Err.of(r.err())),
      "the sharded clerk answers only OK or NO_KEY");
  private static final Answers<Err, Reply> PUT = new Answers<>(PUT_ANSWERS::contains,
      err -> Reply.of(VersionedKvModel.Err.of(err)), "the sharded clerk answers only OK, VERSION, NO_KEY or MAYBE");

  private final VersionedKv clerk;
  private final RecordedClerk<Input, Reply> calls;

  TestClerk(Client client, VersionedKv clerk, HistoryRecorder<Input, Reply> history) {
    this.clerk = clerk;
    this.calls = new RecordedClerk<>(client, history, VersionedKvModel::describeCall, CALL_BOUND, "the scenario "
        + "has a group up that should serve the key's shard by then: is the shard stuck on its way (the old owner "
        + "never sent it, or the new owner never stored it), or is a group stuck in an old configuration (does its "
        + "leader poll the controller for the next one, and take configurations once the shards of the current one "
        + "have moved)?");
  }

  /** {@code get(key)}, recorded; fails if the clerk answers what it never may. */
  GetReply get(String key) {
    return calls.call(new VersionedKvModel.Get(key), () -> clerk.get(key), GET);
  }

  /** {@code put(key, value, version)}, recorded; fails if the clerk answers what it never may. */
  Err put(String key, String value, long version) {
    return calls.call(new VersionedKvModel.Put(key, value, version), () -> clerk.put(key, value, version), PUT);
  }
}
