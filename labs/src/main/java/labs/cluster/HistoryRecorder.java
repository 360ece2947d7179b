package labs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import labs.checker.Operation;
import labs.harness.RunStats;
import labs.runtime.World;

/**
 * The history of operations clients ran against the service, for the linearizability checker:
 * each operation with its client, input, output, and its call and return times in runtime time
 * (virtual in the simulation). The test wraps every clerk call it wants checked; it never trusts
 * the clerk to report its own history.
 *
 * <pre>{@code
 * HistoryRecorder<KvInput, KvOutput> history = new HistoryRecorder<>();
 * KvOutput out = history.record(client.id(), new Get("k"), () -> clerk.get("k"));
 * ...
 * Linearizability.check(model, history.operations(), cluster.faults().bands(), "concurrent");
 * }</pre>
 *
 * <p>An operation that has not returned when {@link #operations()} is read is <em>pending</em>
 * ({@link Operation#pending}): it may have taken effect at any time after its call, or never. That
 * covers a clerk still blocked (in a minority, say), one that threw, and one the test gave up on.
 * An outcome the clerk knows to be uncertain (an "ErrMaybe") is an output for the model instead.
 *
 * <p>Each recorded operation counts once in the "ops" of the test's summary line. Thread-safe: any
 * number of tester threads may record at once.
 *
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public final class HistoryRecorder<I, O> {
  private final World world = World.current();
  private final RunStats stats = RunStats.current();
  private final ReentrantLock mu = new ReentrantLock(); // guards calls
  private final List<Call> calls = new ArrayList<>();

  /** One operation that was called; {@link #returned} completes it. */
  public final class Call {
    private final int client;
    private final I input;
    private final long call;
    private long ret = Operation.NEVER;
    private O output;

    private Call(int client, I input, long call) {
      this.client = client;
      this.input = input;
      this.call = call;
    }

    /** The operation returned {@code output}, now. At most once; {@code output} is not null. */
    public void returned(O output) {
      if (output == null) {
        throw new IllegalArgumentException("operation " + input + " of client " + client + " returned null: "
            + "record an output the model understands, or leave the call pending if its outcome is unknown");
      }
      mu.lock();
      try {
        if (ret != Operation.NEVER) {
          throw new IllegalStateException("operation " + input + " of client " + client + " returned twice");
        }
        ret = world.nowNanos();
        this.output = output;
      } finally {
        mu.unlock();
      }
    }

    private Operation<I, O> operation() {
      return ret == Operation.NEVER ? Operation.pending(client, input, call)
          : Operation.of(client, input, output, call, ret);
    }
  }

  /** Records that {@code client} calls {@code input} now; complete it with {@link Call#returned}. */
  public Call begin(int client, I input) {
    mu.lock();
    try {
      Call c = new Call(client, input, world.nowNanos());
      calls.add(c);
      stats.addOps(1);
      return c;
    } finally {
      mu.unlock();
    }
  }

  /**
   * Runs {@code operation} as {@code client}'s call of {@code input} and records its output. If it
   * throws, the operation stays pending and the exception propagates.
   */
  public O record(int client, I input, Supplier<? extends O> operation) {
    Call c = begin(client, input);
    O output = operation.get();
    c.returned(output);
    return output;
  }

  /** The history so far, in order of call; operations not returned yet are pending. */
  public List<Operation<I, O>> operations() {
    mu.lock();
    try {
      List<Operation<I, O>> ops = new ArrayList<>(calls.size());
      calls.forEach(c -> ops.add(c.operation()));
      return ops;
    } finally {
      mu.unlock();
    }
  }

  /**
   * The longest-waiting operation that has not returned, described for a message about clients
   * that did not finish: {@code "client 2's Get[key=k], called at 1.250 s, is still waiting at
   * 31.250 s"}; {@code "(no pending operation found)"} if every operation returned.
   */
  public String oldestPending() {
    Operation<I, O> oldest = null;
    for (Operation<I, O> op : operations()) {
      if (!op.isComplete() && (oldest == null || op.call() < oldest.call())) {
        oldest = op;
      }
    }
    return oldest == null ? "(no pending operation found)"
        : String.format("client %d's %s, called at %.3f s, is still waiting at %.3f s", oldest.client(),
            oldest.input(), oldest.call() / 1e9, world.nowNanos() / 1e9);
  }

  /** How many operations were called so far. */
  public int size() {
    mu.lock();
    try {
      return calls.size();
    } finally {
      mu.unlock();
    }
  }
}
