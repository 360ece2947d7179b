package mapreduce;

import java.io.Serializable;

/**
 * The messages workers and the coordinator exchange through {@link CoordinatorService}. Java RMI
 * copies every argument and result through Java serialization, so each message is a serializable
 * record: the callee always gets its own copy, never the caller's object.
 */
public final class MapReduceRpc {
  private MapReduceRpc() {}

  /** A worker asking for work; {@code worker} names it in logs (for example "worker-4711"). */
  public record TaskRequest(String worker) implements Serializable {}

  /** A worker reporting that it finished {@code task} and its output files are in place. */
  public record TaskDone(String worker, Task task) implements Serializable {}

  /** The coordinator's answer to a {@link TaskRequest}. */
  public sealed interface Task extends Serializable permits MapTask, ReduceTask, Wait, Exit {}

  /**
   * Map input file {@code inputFile} (map task number {@code mapNumber}) into {@code nReduce}
   * intermediate files, one per reduce task.
   */
  public record MapTask(int mapNumber, String inputFile, int nReduce) implements Task {}

  /**
   * Reduce partition {@code reduceNumber}: read the intermediate files of all {@code nMap} map
   * tasks for this partition and write {@code mr-out-<reduceNumber>}.
   */
  public record ReduceTask(int reduceNumber, int nMap) implements Task {}

  /** No task can be handed out right now (others are still running): ask again shortly. */
  public record Wait() implements Task {}

  /** The job is finished: the worker should exit. */
  public record Exit() implements Task {}
}
