package labs.checker.internal;

import java.util.function.BooleanSupplier;
import labs.checker.Model;
import labs.checker.Operation;

/**
 * The Wing &amp; Gong / Lowe depth-first search for a linearization of one partition, with the
 * memo of (linearized set, state) that Porcupine uses. The list holds call and return entries in
 * time order; the search walks it from the front, tries each call whose operation the model
 * accepts in the current state, and backtracks when it meets the return of an operation not yet
 * linearized (that operation had to take effect before this point). Operations that never
 * returned have their return after everything else, so they may take effect any time after their
 * call; the search succeeds once every completed operation is linearized (the pending ones left
 * over never took effect).
 *
 * <p>The search is resumable: {@link #advance} runs it for a number of steps, so that a runner
 * can interleave partitions deterministically. Its sequence of steps depends only on the history
 * (never on hashing or on how it is sliced), unless the memo reaches its memory bound.
 */
public final class Search {
  private static final int CHECK_STOP_EVERY = 1024;

  /** Where a search stands. */
  public enum Outcome {
    /** Not finished: the step budget ran out. */
    PAUSED,
    /** A linearization exists. */
    OK,
    /** No linearization exists. */
    ILLEGAL,
    /** The stop condition (the deadline) ended the search first. */
    STOPPED
  }

  /**
   * What a search found.
   *
   * @param partials the partial linearizations collected for the viewer (local indices)
   * @param cacheEntries configurations memoised
   * @param cacheFull whether the memo hit its memory bound
   */
  public record Result(Outcome outcome, Partials partials, int cacheEntries, boolean cacheFull) {}

  private final Model<Object, Object, Object> model;
  private final Object[] inputs;
  private final Object[] outputs;
  private final int n;
  private final EntryList list;
  private final OpSet linearized;
  private final StateCache cache;
  private final PartialTracker tracker;
  private final boolean[] complete;
  private final int[] stackCall;
  private final Object[] stackState;
  private int remaining;
  private int depth;
  private Object state;
  private int entry;
  private Outcome outcome = Outcome.PAUSED;
  private boolean closed;
  private long stepsTaken;

  /**
   * Prepares the search of one partition.
   *
   * @param model the model (states as Object)
   * @param inputs per operation (local index)
   * @param outputs per operation ({@code null} for pending ones)
   * @param call call times
   * @param ret return times ({@link Operation#NEVER} for pending operations)
   */
  public Search(
      Model<Object, Object, Object> model,
      Object[] inputs,
      Object[] outputs,
      long[] call,
      long[] ret) {
    this.model = model;
    this.inputs = inputs;
    this.outputs = outputs;
    n = call.length;
    list = new EntryList(call, ret);
    linearized = new OpSet(n);
    cache = new StateCache(model);
    tracker = new PartialTracker(n);
    complete = new boolean[n];
    for (int i = 0; i < n; i++) {
      complete[i] = ret[i] != Operation.NEVER;
      remaining += complete[i] ? 1 : 0;
    }
    stackCall = new int[n];
    stackState = new Object[n];
    state = model.init();
    entry = list.next[list.head];
  }

  /**
   * Bounds the memory of this search's memo from now on (approximate bytes).
   *
   * @param guardHeap also stop memoising when the heap is nearly full of live data (protects
   *     against large states, but makes the search depend on the machine's heap)
   */
  public void setCacheLimit(long bytes, boolean guardHeap) {
    cache.setLimit(bytes, guardHeap);
  }

  /** The steps this search has taken so far, over all calls to {@link #advance}. */
  public long stepsTaken() {
    return stepsTaken;
  }

  /** The current outcome; PAUSED until the search ends. */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Runs the search for at most {@code steps} more steps, or until it ends.
   *
   * @param stop polled every {@value #CHECK_STOP_EVERY} steps; true ends the search (STOPPED)
   */
  public Outcome advance(long steps, BooleanSupplier stop) {
    if (closed) {
      throw new IllegalStateException("this search was closed by result()");
    }
    if (outcome != Outcome.PAUSED) {
      return outcome;
    }
    if (remaining == 0) {
      return finish(Outcome.OK);
    }
    int[] next = list.next;
    int[] match = list.match;
    int[] opOf = list.op;
    int head = list.head;
    int e = entry;
    int d = depth;
    Object s = state;
    int left = remaining;
    long budget = steps;
    int countdown = CHECK_STOP_EVERY;
    Outcome result = Outcome.PAUSED;
    while (left > 0) {
      if (--countdown == 0) {
        countdown = CHECK_STOP_EVERY;
        if (stop.getAsBoolean()) {
          result = Outcome.STOPPED;
          break;
        }
      }
      if (--budget < 0) {
        break;
      }
      int o = opOf[e];
      if (match[e] >= 0) {
        Object after = model.step(s, inputs[o], outputs[o]);
        if (after != null) {
          linearized.add(o);
          if (cache.addIfAbsent(linearized, after)) {
            stackCall[d] = e;
            stackState[d++] = s;
            tracker.push(o);
            left -= complete[o] ? 1 : 0;
            s = after;
            list.lift(e);
            e = next[head];
            continue;
          }
          linearized.remove(o);
        }
        e = next[e];
      } else {
        // The return of an operation not linearized yet: this prefix cannot be extended.
        tracker.record(o);
        if (d == 0) {
          result = Outcome.ILLEGAL;
          break;
        }
        e = stackCall[--d];
        s = stackState[d];
        stackState[d] = null;
        o = opOf[e];
        tracker.pop();
        linearized.remove(o);
        left += complete[o] ? 1 : 0;
        list.unlift(e);
        e = next[e];
      }
    }
    entry = e;
    depth = d;
    state = s;
    remaining = left;
    stepsTaken += steps - Math.max(budget, 0);
    if (left == 0) {
      result = Outcome.OK;
    }
    return result == Outcome.PAUSED ? result : finish(result);
  }

  private Outcome finish(Outcome result) {
    outcome = result;
    tracker.finish(result == Outcome.OK);
    return result;
  }

  /**
   * What the search found. A search still PAUSED is ended here (its current prefix recorded) and
   * cannot be advanced afterwards.
   */
  public Result result() {
    if (outcome == Outcome.PAUSED && !closed) {
      tracker.finish(false);
    }
    closed = true;
    return new Result(outcome, tracker.result(n), cache.size(), cache.isFull());
  }
}
