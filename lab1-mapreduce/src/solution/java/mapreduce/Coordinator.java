package mapreduce;

import java.util.Arrays;
import java.util.List;
import mapreduce.MapReduceRpc.Exit;
import mapreduce.MapReduceRpc.MapTask;
import mapreduce.MapReduceRpc.ReduceTask;
import mapreduce.MapReduceRpc.Task;
import mapreduce.MapReduceRpc.TaskDone;
import mapreduce.MapReduceRpc.TaskRequest;
import mapreduce.MapReduceRpc.Wait;

/**
 * The coordinator (reference solution): hands out one map task per input file, then, once every
 * map task is finished, the reduce tasks; a task not reported done within
 * {@link CoordinatorService#TASK_TIMEOUT} goes to the next worker that asks. Timeouts are checked
 * lazily when a worker asks, so no timer thread is needed. Every method holds the object's lock:
 * RMI calls arrive on several threads at once.
 */
public final class Coordinator implements CoordinatorService {
  private final List<String> inputFiles;
  private final int nReduce;
  private final Phase maps;
  private final Phase reduces;

  /** A coordinator for one job: a map task per input file and {@code nReduce} reduce tasks. */
  public Coordinator(List<String> inputFiles, int nReduce) {
    this.inputFiles = List.copyOf(inputFiles);
    this.nReduce = nReduce;
    this.maps = new Phase("map", inputFiles.size());
    this.reduces = new Phase("reduce", nReduce);
  }

  @Override
  public synchronized Task requestTask(TaskRequest request) {
    long now = System.nanoTime();
    if (!maps.allDone()) {
      int map = maps.claim(request.worker(), now);
      return map < 0 ? new Wait() : new MapTask(map, inputFiles.get(map), nReduce);
    }
    if (!reduces.allDone()) {
      int reduce = reduces.claim(request.worker(), now);
      return reduce < 0 ? new Wait() : new ReduceTask(reduce, inputFiles.size());
    }
    return new Exit();
  }

  @Override
  public synchronized void reportDone(TaskDone report) {
    switch (report.task()) {
      case MapTask map -> maps.finish(map.mapNumber(), report.worker());
      case ReduceTask reduce -> reduces.finish(reduce.reduceNumber(), report.worker());
      case Wait _, Exit _ -> {} // not tasks a worker runs: nothing to record
    }
  }

  /** True once every reduce task is finished: all of mr-out-* is in place. */
  public synchronized boolean done() {
    return reduces.allDone();
  }

  /** The tasks of one phase: who has each, since when, and which are finished. */
  private static final class Phase {
    private static final long TIMEOUT_NANOS = TASK_TIMEOUT.toNanos();

    private final String kind;
    private final String[] worker;
    private final long[] startedAt;
    private final boolean[] finished;
    private int unfinished;

    Phase(String kind, int tasks) {
      this.kind = kind;
      this.worker = new String[tasks];
      this.startedAt = new long[tasks];
      this.finished = new boolean[tasks];
      this.unfinished = tasks;
      Arrays.fill(startedAt, Long.MIN_VALUE);
    }

    boolean allDone() {
      return unfinished == 0;
    }

    /** Gives {@code who} a task nobody has, or one whose worker timed out; -1 if none. */
    int claim(String who, long now) {
      for (int task = 0; task < finished.length; task++) {
        if (finished[task]) {
          continue;
        }
        boolean neverStarted = startedAt[task] == Long.MIN_VALUE;
        if (neverStarted || now - startedAt[task] >= TIMEOUT_NANOS) {
          if (!neverStarted) {
            System.out.printf("coordinator: %s task %d: %s did not finish it within %d s, giving"
                + " it to %s%n", kind, task, worker[task], TASK_TIMEOUT.toSeconds(), who);
          }
          worker[task] = who;
          startedAt[task] = now;
          return task;
        }
      }
      return -1;
    }

    void finish(int task, String who) {
      if (task < 0 || task >= finished.length) {
        System.out.printf("coordinator: ignoring %s's report of unknown %s task %d%n", who, kind, task);
      } else if (!finished[task]) {
        finished[task] = true;
        unfinished--;
      }
    }
  }
}
