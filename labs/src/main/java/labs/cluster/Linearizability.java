package labs.cluster;

import java.nio.file.Path;
import java.util.List;
import labs.checker.CheckOptions;
import labs.checker.CheckResult;
import labs.checker.Checker;
import labs.checker.Model;
import labs.checker.Operation;
import labs.checker.PartitionResult;
import labs.checker.Verdict;
import labs.checker.viewer.Annotation;
import labs.checker.viewer.HistoryViewer;
import labs.runtime.World;

/**
 * The linearizability check a test makes of a recorded history: bounded by a budget of search
 * steps, never by wall time, so the verdict is the same on every machine; a verdict other than OK
 * fails the test (UNKNOWN is not a pass) with the history viewer written, the run's faults drawn
 * across it.
 *
 * <pre>{@code
 * Linearizability.assertLinearizable(VersionedKvModel.INSTANCE, history.operations(),
 *     cluster.faults().bands(), "concurrent clients");
 * }</pre>
 *
 * <p>Call from a tester thread. In the simulation the search runs on that thread alone while
 * virtual time stands still; spending all {@value #STEP_BUDGET} steps took 0.8 s on a busy
 * two-core machine, well inside the simulation's 10 s bound on one uninterrupted step.
 *
 * <p>Histories with many pending operations are hard for any linearizability checker (each may
 * or may not have happened): clerks that retry until answered, as the labs' clerks do, leave few.
 */
public final class Linearizability {
  /**
   * The words every failed check's message carries ("the history of key \"k\" is not
   * linearizable: ..."), for tests that expect that failure.
   */
  public static final String NOT_LINEARIZABLE = "is not linearizable";

  /** The default budget: roughly what MIT's one-second timeout allows, fixed in steps. */
  public static final long STEP_BUDGET = 10_000_000L;

  private Linearizability() {}

  /** {@link #assertLinearizable(Model, List, List, String, long)} with {@link #STEP_BUDGET}. */
  public static <S, I, O> CheckResult<I, O> assertLinearizable(
      Model<S, I, O> model, List<Operation<I, O>> history, List<Annotation> faults, String name) {
    return assertLinearizable(model, history, faults, name, STEP_BUDGET);
  }

  /**
   * Checks {@code history} against {@code model} within {@code stepBudget} steps and returns the
   * result if it is OK. Otherwise writes the viewer page ({@code target/linearizability/<name>-seed<N>.html},
   * with {@code faults} as bands) and throws an AssertionError naming the failing key, the
   * checker's explanation and the page.
   */
  public static <S, I, O> CheckResult<I, O> assertLinearizable(Model<S, I, O> model,
      List<Operation<I, O>> history, List<Annotation> faults, String name, long stepBudget) {
    World world = World.current();
    CheckOptions options = CheckOptions.ofSteps(stepBudget);
    if (world.isSimulated()) {
      options = options.withParallelism(1); // no platform threads under the simulation's scheduler
    }
    CheckResult<I, O> result = Checker.check(model, history, options);
    if (result.isOk()) {
      return result;
    }
    Path page = HistoryViewer.writeToTarget(result, name + "-seed" + world.seed(), faults);
    String key = result.failingPartition().map(PartitionResult::name).orElse("the history");
    String what = key.equals("the history") ? key : "the history of " + key;
    String headline = result.verdict() == Verdict.ILLEGAL
        ? what + " " + NOT_LINEARIZABLE + ": no one-at-a-time order of its operations, each "
            + "taking effect between its call and its return, gives the outputs the clients saw"
        : "the linearizability check could not decide " + key + " within its budget of " + stepBudget
            + " steps, and an undecided check is not a pass";
    throw new AssertionError(headline + ".\n" + result.describe(page) + "\n  " + faults.size()
        + " faults (partitions, crashes, restarts) are drawn as bands in the viewer.");
  }
}
