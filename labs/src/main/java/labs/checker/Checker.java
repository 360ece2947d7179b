package labs.checker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labs.checker.internal.Decision;
import labs.checker.internal.FastPaths;
import labs.checker.internal.Local;
import labs.checker.internal.PartitionRunner;
import labs.checker.internal.PendingPruning;
import labs.checker.internal.Search;

/**
 * Checks histories for linearizability (a port of Porcupine's algorithm: Wing &amp; Gong / Lowe
 * search with memoisation, P-compositional partitions checked independently), with exact fast
 * paths in front of the search for the histories the labs produce (versioned keys; registers and
 * key/value gets and puts with unique written values): those stay fast with many clients and
 * crashed operations, where the search gives up (see the package docs).
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
   * @return OK, ILLEGAL or UNKNOWN (out of bounds: never a pass) with the partial
   *     linearizations, and for each partition how it was decided
   */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, CheckOptions options) {
    long start = System.nanoTime();
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
    int count = keys.size();
    Local[] locals = new Local[count];
    PartitionResult[] results = new PartitionResult[count];
    long budget = options.stepBudget();
    long fastSteps = 0;
    for (int i = 0; i < count; i++) {
      List<Integer> members = byKey.get(keys.get(i));
      locals[i] = Local.of(ops, members);
      if (!options.fastPaths()) {
        continue;
      }
      Decision decision;
      try {
        decision = FastPaths.decide(erased, locals[i]);
      } catch (RuntimeException e) {
        throw modelFailure(model, keys.get(i), e);
      }
      fastSteps += decision.steps();
      if (decision instanceof Decision.Decided decided) {
        results[i] = budget > 0 && fastSteps > budget
            ? PartitionResults.undecided(i, keys.get(i), members, budgetSpent(options))
            : PartitionResults.fromDecision(i, keys.get(i), members, decided);
      }
    }
    SearchRun searched = search(erased, keys, byKey, locals, results, options, fastSteps, start);
    for (int i = 0; i < count; i++) {
      if (results[i] == null) {
        results[i] = searched.result(i);
      }
    }
    List<PartitionResult> partitions = List.of(results);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new CheckResult<>(model, ops, overall(partitions), partitions, elapsed,
        fastSteps + searched.steps(), options);
  }

  /** The search over the partitions no fast path decided, and what it found. */
  private record SearchRun(PartitionResult[] results, long steps) {
    PartitionResult result(int i) {
      return results[i];
    }
  }

  private static SearchRun search(
      Model<Object, Object, Object> model,
      List<Object> keys,
      Map<Object, List<Integer>> byKey,
      Local[] locals,
      PartitionResult[] decided,
      CheckOptions options,
      long fastSteps,
      long start) {
    int count = keys.size();
    PartitionResult[] out = new PartitionResult[count];
    int firstIllegal = -1;
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (decided[i] == null) {
        todo.add(i);
      } else if (decided[i].verdict() == Verdict.ILLEGAL && firstIllegal < 0) {
        firstIllegal = i;
      }
    }
    if (todo.isEmpty()) {
      return new SearchRun(out, 0);
    }
    long budget = options.stepBudget();
    boolean budgetGone = budget > 0 && fastSteps >= budget;
    if ((firstIllegal >= 0 && !options.searchAllPartitions()) || budgetGone) {
      String why = budgetGone ? budgetSpent(options) : stoppedBy(keys.get(firstIllegal));
      for (int i : todo) {
        out[i] = PartitionResults.undecided(i, keys.get(i), byKey.get(keys.get(i)), why);
      }
      return new SearchRun(out, 0);
    }
    Search[] searches = new Search[todo.size()];
    PendingPruning.Pruned[] pruned = new PendingPruning.Pruned[todo.size()];
    for (int j = 0; j < searches.length; j++) {
      Local local = locals[todo.get(j)];
      pruned[j] = options.fastPaths() ? PendingPruning.prune(model, local)
          : new PendingPruning.Pruned(local, java.util.stream.IntStream.range(0, local.size())
              .toArray(), 0, 0);
      Local p = pruned[j].local();
      searches[j] = new Search(model, p.inputs(), p.outputs(), p.call(), p.ret());
    }
    PartitionRunner.Bounds bounds = new PartitionRunner.Bounds(
        options.timeout() == null ? PartitionRunner.Bounds.NO_DEADLINE
            : start + options.timeout().toNanos(),
        budget == 0 ? 0 : budget - fastSteps, options.cacheLimitBytes(), !options.deterministic());
    PartitionRunner.Run run;
    try {
      run = PartitionRunner.run(
          searches, options.parallelism(), bounds, !options.searchAllPartitions());
    } catch (PartitionRunner.SearchFailure e) {
      throw modelFailure(model, keys.get(todo.get(e.partition())), e.getCause());
    }
    boolean[] hung = run.hung();
    int illegal = 0;
    while (illegal < searches.length
        && (hung[illegal] || searches[illegal].outcome() != Search.Outcome.ILLEGAL)) {
      illegal++;
    }
    String stoppedBecause = run.ending() == PartitionRunner.Ending.ILLEGAL_FOUND
        ? stoppedBy(keys.get(todo.get(illegal))) : outOfBounds(run.ending(), options);
    long steps = 0;
    for (int j = 0; j < searches.length; j++) {
      int i = todo.get(j);
      List<Integer> members = byKey.get(keys.get(i));
      if (hung[j]) { // a hung search must not be touched
        out[i] = PartitionResults.undecided(
            i, keys.get(i), members, "the model's step did not return before the deadline");
      } else {
        steps += searches[j].stepsTaken();
        out[i] = PartitionResults.fromSearch(
            i, keys.get(i), members, pruned[j], searches[j].result(), stoppedBecause);
      }
    }
    return new SearchRun(out, steps);
  }

  private static IllegalStateException modelFailure(Model<?, ?, ?> model, Object key, Throwable e) {
    return new IllegalStateException("the model " + model.getClass().getSimpleName()
        + " threw while checking " + PartitionResult.nameOf(key) + ": " + e, e);
  }

  private static String stoppedBy(Object illegalKey) {
    return "search stopped because " + PartitionResult.nameOf(illegalKey) + " is not linearizable";
  }

  private static String budgetSpent(CheckOptions options) {
    return "step budget of " + options.stepBudget() + " steps spent";
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

  /** Why undecided partitions stopped, when no illegal partition stopped them. */
  private static String outOfBounds(PartitionRunner.Ending ending, CheckOptions options) {
    return switch (ending) {
      case BUDGET_SPENT -> budgetSpent(options);
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
