package labs.checker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labs.checker.internal.Partials;
import labs.checker.internal.PartitionRunner;
import labs.checker.internal.Search;

/**
 * Checks histories for linearizability (a port of Porcupine's algorithm: Wing &amp; Gong / Lowe
 * search with memoisation, P-compositional partitions checked independently).
 *
 * <pre>{@code
 * CheckResult<KvModel.Input, String> result =
 *     Checker.check(KvModel.INSTANCE, operations, Duration.ofSeconds(1));
 * }</pre>
 *
 * <p>Thread-safe and stateless. Deterministic: the same history gives the same result, whatever
 * the thread count; with a step budget and no timeout ({@link CheckOptions#ofSteps}) on every
 * machine too (a timeout, when it strikes, makes the outcome depend on the machine's speed).
 * Call it from the test thread, outside any simulation.
 */
public final class Checker {
  private Checker() {}

  /** Checks a history of operations with the default options and this timeout. */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, Duration timeout) {
    return check(model, history, CheckOptions.of(timeout));
  }

  /** Checks an event history (see {@link History#fromEvents}) with this timeout. */
  public static <S, I, O> CheckResult<I, O> checkEvents(
      Model<S, I, O> model, List<? extends Event<I, O>> history, Duration timeout) {
    return check(model, History.fromEvents(history), CheckOptions.of(timeout));
  }

  /** Checks an event history (see {@link History#fromEvents}). */
  public static <S, I, O> CheckResult<I, O> checkEvents(
      Model<S, I, O> model, List<? extends Event<I, O>> history, CheckOptions options) {
    return check(model, History.fromEvents(history), options);
  }

  /**
   * Checks a history of operations.
   *
   * @return OK, ILLEGAL or UNKNOWN (timed out: never a pass) with the partial linearizations
   */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, CheckOptions options) {
    long start = System.nanoTime();
    PartitionRunner.Bounds bounds = new PartitionRunner.Bounds(
        options.timeout() == null ? PartitionRunner.Bounds.NO_DEADLINE
            : start + options.timeout().toNanos(),
        options.stepBudget(), options.cacheLimitBytes(), !options.deterministic());
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i) == null) {
        throw new IllegalArgumentException("operation " + i + " of the history is null");
      }
    }
    List<Operation<I, O>> ops = List.copyOf(history);
    Map<Object, List<Integer>> byKey = partition(model, ops);
    List<Object> keys = new ArrayList<>(byKey.keySet());
    @SuppressWarnings("unchecked")
    Model<Object, Object, Object> erased = (Model<Object, Object, Object>) (Model<?, ?, ?>) model;
    Search[] searches = new Search[keys.size()];
    for (int i = 0; i < searches.length; i++) {
      searches[i] = newSearch(erased, ops, byKey.get(keys.get(i)));
    }
    PartitionRunner.Run run;
    try {
      run = PartitionRunner.run(
          searches, options.parallelism(), bounds, !options.searchAllPartitions());
    } catch (PartitionRunner.SearchFailure e) {
      throw new IllegalStateException(
          "the model " + model.getClass().getSimpleName() + " threw while checking "
              + PartitionResult.nameOf(keys.get(e.partition())) + ": " + e.getCause(),
          e.getCause());
    }
    boolean[] hung = run.hung();
    int illegal = 0;
    while (illegal < searches.length
        && (hung[illegal] || searches[illegal].outcome() != Search.Outcome.ILLEGAL)) {
      illegal++;
    }
    String pausedBecause = run.ending() != PartitionRunner.Ending.ILLEGAL_FOUND ? null
        : "search stopped because " + PartitionResult.nameOf(keys.get(illegal))
            + " is not linearizable";
    List<PartitionResult> partitions = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Object key = keys.get(i);
      partitions.add(hung[i]
          ? undecided(i, key, byKey.get(key), "the model's step did not return before the deadline")
          : toPartitionResult(i, key, byKey.get(key), searches[i].result(),
              pausedBecause, outOfBounds(run.ending(), options)));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long steps = 0;
    for (int i = 0; i < searches.length; i++) {
      steps += hung[i] ? 0 : searches[i].stepsTaken(); // a hung search must not be touched
    }
    return new CheckResult<>(model, ops, overall(partitions), partitions, elapsed, steps, options);
  }

  private static <I, O> Map<Object, List<Integer>> partition(
      Model<?, I, O> model, List<Operation<I, O>> ops) {
    Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      byKey.computeIfAbsent(model.partitionKey(op.input()), k -> new ArrayList<>()).add(i);
    }
    if (byKey.isEmpty()) {
      byKey.put(null, List.of());
    }
    return byKey;
  }

  private static Search newSearch(
      Model<Object, Object, Object> model,
      List<? extends Operation<?, ?>> ops,
      List<Integer> members) {
    int n = members.size();
    Object[] inputs = new Object[n];
    Object[] outputs = new Object[n];
    long[] call = new long[n];
    long[] ret = new long[n];
    for (int i = 0; i < n; i++) {
      Operation<?, ?> op = ops.get(members.get(i));
      inputs[i] = op.input();
      outputs[i] = op.output();
      call[i] = op.call();
      ret[i] = op.ret();
    }
    return new Search(model, inputs, outputs, call, ret);
  }

  private static PartitionResult undecided(
      int index, Object key, List<Integer> members, String note) {
    return new PartitionResult(index, key, Verdict.UNKNOWN, note, members, List.of(), -1,
        members.stream().map(m -> -1).toList());
  }

  private static PartitionResult toPartitionResult(
      int index,
      Object key,
      List<Integer> members,
      Search.Result result,
      String pausedBecause,
      String outOfBounds) {
    Partials found = result.partials();
    List<PartialLinearization> partials = new ArrayList<>();
    for (int p = 0; p < found.orders().size(); p++) {
      List<Integer> order = new ArrayList<>();
      for (int local : found.orders().get(p)) {
        order.add(members.get(local));
      }
      int blocked = found.blockedBy()[p];
      partials.add(new PartialLinearization(order, blocked < 0 ? -1 : members.get(blocked)));
    }
    List<Integer> longestFor = new ArrayList<>();
    for (int p : found.longestFor()) {
      longestFor.add(p);
    }
    Verdict verdict = switch (result.outcome()) {
      case OK -> Verdict.OK;
      case ILLEGAL -> Verdict.ILLEGAL;
      case STOPPED, PAUSED -> Verdict.UNKNOWN;
    };
    String explored = result.cacheEntries() + " configurations explored"
        + (result.cacheFull() ? ", memo full" : "");
    String note = switch (result.outcome()) {
      case OK, ILLEGAL -> "";
      case STOPPED, PAUSED -> (pausedBecause == null ? outOfBounds : pausedBecause)
          + " (" + explored + ")";
    };
    return new PartitionResult(
        index, key, verdict, note, members, partials, found.longest(), longestFor);
  }

  /** Why undecided partitions stopped, when no illegal partition stopped them. */
  private static String outOfBounds(PartitionRunner.Ending ending, CheckOptions options) {
    return switch (ending) {
      case BUDGET_SPENT -> "step budget of " + options.stepBudget() + " steps spent";
      case DEADLINE -> "timed out after " + options.timeout().toMillis() + " ms";
      case ALL_DECIDED, ILLEGAL_FOUND -> "not decided";
    };
  }

  private static Verdict overall(List<PartitionResult> partitions) {
    Verdict verdict = Verdict.OK;
    for (PartitionResult p : partitions) {
      if (p.verdict() == Verdict.ILLEGAL) {
        return Verdict.ILLEGAL;
      }
      if (p.verdict() == Verdict.UNKNOWN) {
        verdict = Verdict.UNKNOWN;
      }
    }
    return verdict;
  }
}
