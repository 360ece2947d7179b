package mapreduce;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import mapreduce.MapReduceRpc.Exit;
import mapreduce.MapReduceRpc.MapTask;
import mapreduce.MapReduceRpc.ReduceTask;
import mapreduce.MapReduceRpc.Task;
import mapreduce.MapReduceRpc.TaskDone;
import mapreduce.MapReduceRpc.TaskRequest;
import mapreduce.MapReduceRpc.Wait;

/**
 * A worker (reference solution): asks the coordinator for a task, runs it, reports it done, and
 * repeats until told to exit. Map task X writes {@code mr-X-Y} for every reduce task Y, a JSON
 * array of {@code [key, value]} pairs (streamed with Gson); reduce task Y reads every
 * {@code mr-X-Y} and writes {@code mr-out-Y}. Each file is written to a temporary file and renamed
 * into place, so a crash never leaves half a file under the final name.
 */
public final class Worker {
  private static final long WAIT_MILLIS = 100;

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
   * Runs tasks until the coordinator says the job is done. A {@link RemoteException} escapes when
   * the coordinator cannot be reached; {@link WorkerMain} then takes the job to be over.
   */
  public void run() throws RemoteException {
    while (true) {
      Task task = coordinator.requestTask(new TaskRequest(name));
      switch (task) {
        case MapTask map -> {
          runMap(map);
          coordinator.reportDone(new TaskDone(name, map));
        }
        case ReduceTask reduce -> {
          runReduce(reduce);
          coordinator.reportDone(new TaskDone(name, reduce));
        }
        case Wait _ -> pause();
        case Exit _ -> {
          return;
        }
      }
    }
  }

  private void runMap(MapTask task) {
    List<List<KeyValue>> buckets = new ArrayList<>();
    for (int y = 0; y < task.nReduce(); y++) {
      buckets.add(new ArrayList<>());
    }
    for (KeyValue pair : app.map(task.inputFile(), read(task.inputFile()))) {
      buckets.get(Partition.of(pair.key(), task.nReduce())).add(pair);
    }
    for (int y = 0; y < task.nReduce(); y++) {
      List<KeyValue> bucket = buckets.get(y);
      writeAtomically(intermediateFile(task.mapNumber(), y), out -> {
        JsonWriter json = new JsonWriter(out);
        json.beginArray();
        for (KeyValue pair : bucket) {
          json.beginArray().value(pair.key()).value(pair.value()).endArray();
        }
        json.endArray().flush();
      });
    }
  }

  private void runReduce(ReduceTask task) {
    List<KeyValue> pairs = new ArrayList<>();
    for (int x = 0; x < task.nMap(); x++) {
      Path file = Path.of(intermediateFile(x, task.reduceNumber()));
      try (JsonReader json = new JsonReader(Files.newBufferedReader(file))) {
        json.beginArray();
        while (json.hasNext()) {
          json.beginArray();
          pairs.add(new KeyValue(json.nextString(), json.nextString()));
          json.endArray();
        }
        json.endArray();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read intermediate file " + file, e);
      }
    }
    List<String> lines = SequentialRunner.reduceByKey(app, pairs);
    writeAtomically("mr-out-" + task.reduceNumber(), out -> {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    });
  }

  private static String intermediateFile(int map, int reduce) {
    return "mr-" + map + "-" + reduce;
  }

  private static String read(String inputFile) {
    try {
      return SequentialRunner.readInput(Path.of(inputFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input file " + inputFile, e);
    }
  }

  /** Writes what {@code body} produces to a temporary file, then renames it to {@code target}. */
  private static void writeAtomically(String target, Body body) {
    try {
      Path temp = Files.createTempFile(Path.of("").toAbsolutePath(), "mr-tmp-", ".tmp");
      try (Writer out = Files.newBufferedWriter(temp)) {
        body.write(out);
      }
      Files.move(temp, Path.of(target), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private interface Body {
    void write(Writer out) throws IOException;
  }

  private static void pause() {
    try {
      Thread.sleep(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("worker interrupted while waiting for a task", e);
    }
  }
}
