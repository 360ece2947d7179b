package mapreduce;

import java.rmi.Remote;
import java.rmi.RemoteException;
import java.time.Duration;
import mapreduce.MapReduceRpc.Task;
import mapreduce.MapReduceRpc.TaskDone;
import mapreduce.MapReduceRpc.TaskRequest;

/**
 * The coordinator's remote interface: what a worker can call over Java RMI.
 *
 * <p>{@link CoordinatorMain} exports the coordinator and binds it under {@link #NAME} in an RMI
 * registry on 127.0.0.1; {@link WorkerMain} looks it up and hands the resulting stub to the
 * worker. A call on the stub looks local, but it is a network round trip: it may fail with a
 * {@link RemoteException} (for example when the coordinator has exited because the job is done),
 * and RMI runs concurrent calls on different threads of the coordinator, so the implementation
 * must lock its shared state.
 */
public interface CoordinatorService extends Remote {
  /** The name the coordinator is bound under in the RMI registry. */
  String NAME = "mapreduce.Coordinator";

  /**
   * How long the coordinator waits for a task it handed out before it gives the task to another
   * worker: the coordinator cannot tell a crashed worker from a slow one, so after this time it
   * assumes the worker is dead (it might not be).
   */
  Duration TASK_TIMEOUT = Duration.ofSeconds(10);

  /** Returns the next task for the calling worker: a map or reduce task, Wait, or Exit. */
  Task requestTask(TaskRequest request) throws RemoteException;

  /** Tells the coordinator that a task it handed out is finished and its output is in place. */
  void reportDone(TaskDone report) throws RemoteException;
}
