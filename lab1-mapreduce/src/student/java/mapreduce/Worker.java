package mapreduce;

import java.rmi.RemoteException;
import mapreduce.MapReduceRpc.Task;
import mapreduce.MapReduceRpc.TaskRequest;

/**
 * A worker: asks the coordinator for a task, runs it, reports it done, and repeats until the job
 * is over. {@link WorkerMain} creates one per process and calls {@link #run()}.
 *
 * <p>Files (all in the working directory, which every worker shares):
 * <ul>
 *   <li>map task X reads its input file and writes one intermediate file {@code mr-X-Y} per reduce
 *       task Y, holding the pairs whose key has {@code Partition.of(key, nReduce) == Y};
 *   <li>reduce task Y reads {@code mr-X-Y} of every map task X and writes {@code mr-out-Y}, one
 *       line {@code key value} per key ({@link SequentialRunner#reduceByKey} does the grouping).
 * </ul>
 * Write every file under a temporary name and rename it into place when complete, so that a
 * worker crashing half-way never leaves a partial file under the final name.
 */
public final class Worker {
  private final CoordinatorService coordinator;
  private final MapReduceApp app;
  private final String name;

  /** A worker that runs {@code app}'s tasks for {@code coordinator}; {@code name} is for logs. */
  public Worker(CoordinatorService coordinator, MapReduceApp app, String name) {
    this.coordinator = coordinator;
    this.app = app;
    this.name = name;
  }

  /**
   * Runs tasks until the job is done. Let a {@link RemoteException} escape when the coordinator
   * cannot be reached: {@link WorkerMain} then takes the job to be over (the coordinator exits
   * when it is done).
   */
  public void run() throws RemoteException {
    // An example call: the stub makes it look local, but it goes over the network to the
    // coordinator process and back.
    Task task = coordinator.requestTask(new TaskRequest(name));
    System.out.println(name + ": the coordinator answered " + task);

    // TODO(1): loop: ask for a task; switch over it (MapTask, ReduceTask, Wait, Exit):
    //  - MapTask: read task.inputFile() (SequentialRunner.readInput), call app.map, split the
    //    pairs into task.nReduce() buckets with Partition.of, write each to mr-X-Y (JSON lines via
    //    com.google.gson.Gson are one easy format), then coordinator.reportDone(...).
    //  - ReduceTask: read mr-X-Y for every X < task.nMap(), reduce (see reduceByKey), write
    //    mr-out-Y atomically, report it done.
    //  - Wait: sleep a little (say 100 ms) and ask again.  - Exit: return.
  }
}
