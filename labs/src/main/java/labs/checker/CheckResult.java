package labs.checker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a linearizability check: the verdict, one {@link PartitionResult} per partition
 * with the partial linearizations the search found, and what the viewer needs to draw them.
 *
 * <pre>{@code
 * CheckResult<KvModel.Input, String> result =
 *     Checker.check(KvModel.INSTANCE, history, Duration.ofSeconds(1));
 * if (!result.isOk()) {
 *   Path page = HistoryViewer.writeToTarget(result, "kv-concurrent");
 *   fail(result.describe(page));
 * }
 * }</pre>
 *
 * @param model the model the history was checked against
 * @param operations the checked history (operation indices elsewhere point into this list)
 * @param verdict ILLEGAL if some partition is illegal; else UNKNOWN if some partition was not
 *     decided; else OK
 * @param partitions per partition, in order of each one's first call
 * @param elapsed how long the check took (wall clock)
 * @param steps how many steps the check took, over all partitions: the fast paths' and the
 *     search's (the same on every machine: compare it with {@link CheckOptions#stepBudget})
 * @param options how the check ran (its bounds in particular)
 */
public record CheckResult<I, O>(
    Model<?, I, O> model,
    List<Operation<I, O>> operations,
    Verdict verdict,
    List<PartitionResult> partitions,
    Duration elapsed,
    long steps,
    CheckOptions options) {

  private static final int MAX_DESCRIPTION = 200;

  public CheckResult {
    operations = List.copyOf(operations);
    partitions = List.copyOf(partitions);
  }

  /** Whether the history is linearizable. UNKNOWN is not OK. */
  public boolean isOk() {
    return verdict == Verdict.OK;
  }

  /** The partition to report: the first illegal one, else the first undecided one. */
  public Optional<PartitionResult> failingPartition() {
    for (Verdict wanted : List.of(Verdict.ILLEGAL, Verdict.UNKNOWN)) {
      for (PartitionResult p : partitions) {
        if (p.verdict() == wanted) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** One line describing operation {@code index}: client, description, times. */
  public String describeOperation(int index) {
    Operation<I, O> op = operations.get(index);
    return "client " + op.client() + ": " + shorten(model.describeOperation(op.input(), op.output()))
        + " (called at " + op.call() + ", "
        + (op.isComplete() ? "returned at " + op.ret() : "never returned") + ")";
  }

  /**
   * The model's description of the state after each step of {@code partial}, replayed from the
   * initial state.
   */
  public List<String> statesAlong(PartialLinearization partial) {
    return replay(model, partial);
  }

  private <S> List<String> replay(Model<S, I, O> m, PartialLinearization partial) {
    List<String> states = new ArrayList<>(partial.length());
    S state = m.init();
    for (int index : partial.order()) {
      Operation<I, O> op = operations.get(index);
      state = m.step(state, op.input(), op.output());
      if (state == null) {
        throw new IllegalStateException(
            "the model rejected operation " + index + " while replaying a linearization the "
                + "checker found: Model.step must be a pure function of its arguments");
      }
      states.add(m.describeState(state));
    }
    return states;
  }

  /** A multi-line explanation for a failure message (verdict, failing partition, where stuck). */
  public String describe() {
    StringBuilder out = new StringBuilder();
    String size = operations.size() + " operations"
        + (partitions.size() > 1 ? " in " + partitions.size() + " partitions" : "");
    String time = " (checked in " + elapsed.toMillis() + " ms and " + steps + " steps by "
        + methods() + "; " + options.describeBound() + ")";
    Optional<PartitionResult> failing = failingPartition();
    switch (verdict) {
      case OK -> out.append("Linearizability: OK, ").append(size).append(time);
      case ILLEGAL -> {
        out.append("Linearizability: ILLEGAL, ").append(size).append(time)
            .append("\n  No sequential order explains ").append(failing.orElseThrow().name())
            .append(": the history is not linearizable.");
        if (!failing.orElseThrow().story().isEmpty()) {
          out.append("\n  Why: ").append(failing.orElseThrow().story());
        }
      }
      case UNKNOWN -> out.append("Linearizability: UNKNOWN (this is not a pass), ").append(size)
          .append(time).append("\n  The check could not decide ")
          .append(failing.orElseThrow().name()).append(": ")
          .append(failing.orElseThrow().note())
          .append(options.deterministic() ? ". Shorten the history or raise the step budget."
              : ". Shorten the history or raise the timeout.");
    }
    failing.ifPresent(p -> describeStuck(p, out));
    return out.toString();
  }

  /**
   * How the partitions were decided, for reports: "the search", "fast path: versioned key/value",
   * or a count per method ("fast path: versioned key/value (4 partitions), search (1)").
   */
  public String methods() {
    java.util.Map<String, Integer> count = new java.util.LinkedHashMap<>();
    for (PartitionResult p : partitions) {
      count.merge(p.method(), 1, Integer::sum);
    }
    if (count.size() == 1) {
      String only = count.keySet().iterator().next();
      return only.equals(PartitionResult.SEARCH) ? "the search" : only;
    }
    List<String> parts = new ArrayList<>();
    count.forEach((method, n) -> parts.add(method + " (" + n + (n == 1 ? " partition)" : " partitions)")));
    return String.join(", ", parts);
  }

  /** {@link #describe()} followed by the viewer page to open. */
  public String describe(Path viewerFile) {
    return describe() + "\n  History viewer: " + viewerFile.toAbsolutePath().toUri();
  }

  private void describeStuck(PartitionResult p, StringBuilder out) {
    Optional<PartialLinearization> prefix = p.longestPrefix();
    if (prefix.isEmpty()) {
      return;
    }
    PartialLinearization longest = prefix.get();
    List<String> states = statesAlong(longest);
    out.append("\n  Longest linearizable prefix: ").append(longest.length()).append(" of ")
        .append(p.operations().size()).append(" operations; state after it: ")
        .append(shorten(states.isEmpty() ? describeInitialState(model) : states.getLast()));
    if (longest.blockedBy() >= 0) {
      out.append("\n  Stuck at: ").append(describeOperation(longest.blockedBy()))
          .append("\n    it returned before it could take effect after that prefix.");
    }
  }

  private static <S> String describeInitialState(Model<S, ?, ?> m) {
    return m.describeState(m.init());
  }

  private static String shorten(String s) {
    return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION) + "...";
  }
}
