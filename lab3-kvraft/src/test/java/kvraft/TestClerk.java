package kvraft;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import kvraft.KvRpc.GetReply;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Reply;
import labs.cluster.Client;
import labs.cluster.HistoryRecorder;
import labs.cluster.RecordedClerk;
import labs.cluster.RecordedClerk.Answers;

/**
 * A clerk as the tests use it: your {@link Clerk} on ends of one {@link Client} of the cluster,
 * with every call recorded in the test's history (call and return in virtual time) for the
 * linearizability check, and its answers checked against the clerk's contract (the framework's
 * {@link RecordedClerk} does both; this class says what Lab 3's clerk may answer). Used by one
 * tester thread at a time, like the clerk itself.
 *
 * <p>A call that has not returned after {@link #CALL_BOUND} fails the test with a message (rather
 * than the run's time limit): no scenario keeps a clerk from every majority that long.
 */
final class TestClerk {
  /** The longest any scenario lets one clerk call wait (virtual time); a longer wait is a bug. */
  static final Duration CALL_BOUND = Duration.ofSeconds(60);

  private static final String RETRIES = "on WRONG_LEADER or no answer it tries the next server, pausing after "
      + "each round, until one answers";
  private static final Set<Err> GET_ANSWERS = EnumSet.of(Err.OK, Err.NO_KEY);
  private static final Set<Err> PUT_ANSWERS = EnumSet.of(Err.OK, Err.VERSION, Err.NO_KEY, Err.MAYBE);
  private static final Answers<GetReply, Reply> GET = new Answers<>(r -> GET_ANSWERS.contains(r.err()),
      r -> new Reply(r.value(), r.version(), VersionedKvModel.Err.of(r.err())),
      "a clerk's get answers only OK or NO_KEY: " + RETRIES);
  private static final Answers<Err, Reply> PUT = new Answers<>(PUT_ANSWERS::contains,
      err -> Reply.of(VersionedKvModel.Err.of(err)), "a clerk's put answers only OK, VERSION, NO_KEY or MAYBE: "
      + RETRIES);

  private final VersionedKv clerk;
  private final RecordedClerk<Input, Reply> calls;

  TestClerk(Client client, VersionedKv clerk, HistoryRecorder<Input, Reply> history) {
    this.clerk = clerk;
    this.calls = new RecordedClerk<>(client, history, VersionedKvModel::describeCall, CALL_BOUND, "the scenario "
        + "lets it reach a majority within that time: does the leader submit the request to its rsm and answer with "
        + "what apply returned (not WRONG_LEADER), and does the clerk try the servers in turn, pausing only after a "
        + "whole round?");
  }

  /** The cluster client this clerk's ends belong to (to cut it off from some servers). */
  Client client() {
    return calls.client();
  }

  /** The client's number: its lane in the history viewer. */
  int id() {
    return calls.id();
  }

  /** {@code get(key)}, recorded; fails if the clerk answers what a clerk never may. */
  GetReply get(String key) {
    return calls.call(new VersionedKvModel.Get(key), () -> clerk.get(key), GET);
  }

  /** {@code put(key, value, version)}, recorded; fails if the clerk answers what a clerk never may. */
  Err put(String key, String value, long version) {
    return calls.call(new VersionedKvModel.Put(key, value, version), () -> clerk.put(key, value, version), PUT);
  }
}
