package mapreduce;

import java.util.List;

/**
 * A MapReduce application: the two functions a programmer writes, everything else is the
 * framework's job. The worker calls {@link #map} once per map task (one input file) and
 * {@link #reduce} once per distinct key of its reduce partition, with every value any map emitted
 * for that key. The result of the job is one output line {@code key + " " + reduce(key, values)}
 * per distinct key.
 *
 * <p>Both functions must be deterministic for the job's output to be well defined, except the
 * test apps that deliberately look at time, process ids or the file system. An instance may be
 * called from one thread at a time; a worker process creates exactly one.
 *
 * <p>Built-in apps are loaded by name, others from a jar and a class name ({@link AppLoader}); a
 * class loaded from a jar needs a public no-argument constructor.
 */
public interface MapReduceApp {
  /**
   * Maps one input file to intermediate pairs.
   *
   * @param filename the input file's name as given to the coordinator
   * @param contents the whole file, decoded as UTF-8
   */
  List<KeyValue> map(String filename, String contents);

  /**
   * Reduces all values emitted for one key (in no particular order) to the key's output value.
   */
  String reduce(String key, List<String> values);
}
