package mapreduce;

import java.util.List;
import mapreduce.MapReduceRpc.Exit;
import mapreduce.MapReduceRpc.Task;
import mapreduce.MapReduceRpc.TaskDone;
import mapreduce.MapReduceRpc.TaskRequest;

/**
 * The coordinator: hands out map tasks (one per input file) and then reduce tasks to the workers
 * that ask, notices workers that take too long, and knows when the whole job is done.
 *
 * <p>{@link CoordinatorMain} creates one instance, serves it over RMI, and calls {@link #done()}
 * once a second. RMI runs each worker's call on its own thread, so several calls (and
 * {@code done()}) may run at the same time: protect the shared state, for example by making
 * every method {@code synchronized}.
 */
public final class Coordinator implements CoordinatorService {
  // TODO(1): the state of the job. For example, for every map task and every reduce task:
  //  - its status: not started, in progress (since when, given to which worker), finished;
  //  the input files, nReduce, and which phase the job is in (map phase, reduce phase, done).

  /** A coordinator for one job: a map task per input file and {@code nReduce} reduce tasks. */
  public Coordinator(List<String> inputFiles, int nReduce) {
    // TODO(1): remember the input files and nReduce; set up the task table.
  }

  /**
   * Called by a worker that wants work. Returns a map task while some map task is not finished,
   * then reduce tasks; {@link MapReduceRpc.Wait} when every remaining task is in progress with
   * another worker; {@link Exit} when the job is done.
   */
  @Override
  public Task requestTask(TaskRequest request) {
    // TODO(1): pick a task that is not started, or one that was handed out more than
    //  CoordinatorService.TASK_TIMEOUT (10 s) ago without being reported done: its worker may
    //  have crashed. Reduce tasks may only start once every map task is finished.
    return new Exit();
  }

  /** Called by a worker that finished a task it was given (possibly after its timeout). */
  @Override
  public void reportDone(TaskDone report) {
    // TODO(1): mark report.task() finished (a switch over MapTask / ReduceTask works well).
  }

  /** True once the whole job is finished: every mr-out-Y is in place. */
  public boolean done() {
    // TODO(1): return true when every reduce task is finished.
    return false;
  }
}
