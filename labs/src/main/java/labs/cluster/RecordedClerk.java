package labs.cluster;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One clerk's calls as a test makes them: each call recorded in the test's history (call and
 * return in runtime time, virtual in the simulation) for the linearizability check, run on a tester
 * thread of its own so that a clerk that never returns fails the test with a message after a bound
 * (instead of hanging until the run's time limit), and its answer checked against what a clerk may
 * answer before it is recorded. The lab's test clerk wraps one and supplies only what is its own:
 * the messages, and how its answers read in the checker's model.
 *
 * <pre>{@code
 * RecordedClerk<Input, Reply> calls = new RecordedClerk<>(client, history, VersionedKvModel::describeCall,
 *     Duration.ofSeconds(60), "the scenario lets it reach a majority within that time: does the clerk try "
 *     + "the servers in turn?");
 * Answers<GetReply, Reply> get = new Answers<>(r -> r.err() == Err.OK || r.err() == Err.NO_KEY,
 *     r -> new Reply(r.value(), r.version(), VersionedKvModel.Err.of(r.err())),
 *     "a clerk's get answers only OK or NO_KEY");
 * GetReply r = calls.call(new Get("k"), () -> clerk.get("k"), get);
 * }</pre>
 *
 * <p>A call that fails (not returned within the bound, an answer no clerk may give, or the clerk
 * threw) stays pending in the history. Used by one tester thread at a time, like a clerk.
 *
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public final class RecordedClerk<I, O> {
  /**
   * What a clerk may answer to one kind of call, and how each answer reads in the model.
   *
   * @param allowed whether a clerk may give this answer (never asked about {@code null}, which no
   *     clerk may answer)
   * @param output the answer as the model's output, for an allowed answer
   * @param rule the rule a disallowed answer breaks and what the clerk should do instead, ending
   *     the message {@code "client 3: get(\"k\") returned WRONG_LEADER, but <rule>"}
   * @param <R> what the clerk returns
   * @param <O> the model's output type
   */
  public record Answers<R, O>(Predicate<? super R> allowed, Function<? super R, ? extends O> output, String rule) {}

  private final Client client;
  private final HistoryRecorder<I, O> history;
  private final Function<? super I, String> describe;
  private final Duration bound;
  private final String whyItReturns;

  /**
   * Calls recorded as {@code client}'s in {@code history}, each failing the test if it has not
   * returned after {@code bound}.
   *
   * @param describe an input as the call the student wrote, to name it in messages: {@code
   *     "put(\"k\", \"v\", 3)"} (for the versioned key/value model: {@code
   *     VersionedKvModel::describeCall})
   * @param whyItReturns why every scenario lets a call return within the bound, and what to check
   *     when one does not, ending the message {@code "client 3: get(\"k\") has not returned after 60
   *     s, although <whyItReturns>"}
   */
  public RecordedClerk(Client client, HistoryRecorder<I, O> history, Function<? super I, String> describe,
      Duration bound, String whyItReturns) {
    this.client = client;
    this.history = history;
    this.describe = describe;
    this.bound = bound;
    this.whyItReturns = whyItReturns;
  }

  /** The cluster client whose ends the clerk uses (to cut it off from some servers). */
  public Client client() {
    return client;
  }

  /** The client's number: its lane in the history viewer. */
  public int id() {
    return client.id();
  }

  /**
   * Records the call of {@code input}, runs {@code call} on a tester thread of its own, and
   * returns its answer once it is checked against {@code answers} and recorded as the model's
   * output.
   *
   * @throws AssertionError if the call has not returned within the bound, or answers what a clerk
   *     may not; whatever the clerk threw, as it threw it
   */
  public <R> R call(I input, Supplier<? extends R> call, Answers<R, O> answers) {
    HistoryRecorder<I, O>.Call recorded = history.begin(id(), input);
    R answer = Async.<R>start(client.name() + "-call", call::get).join(bound, () -> String.format("client %d: %s "
        + "has not returned after %d s, although %s", id(), describe.apply(input), bound.toSeconds(), whyItReturns));
    if (answer == null || !answers.allowed().test(answer)) {
      throw new AssertionError(String.format("client %d: %s returned %s, but %s", id(), describe.apply(input), answer,
          answers.rule()));
    }
    recorded.returned(answers.output().apply(answer));
    return answer;
  }
}
