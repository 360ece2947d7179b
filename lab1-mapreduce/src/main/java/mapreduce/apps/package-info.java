/**
 * The MapReduce applications the worker can load by name ({@link mapreduce.AppLoader}): word
 * count and inverted index, and the apps the tests use to probe a coordinator and its workers
 * (parallelism, duplicate task executions, early exit, crashes).
 *
 * <pre>{@code
 * MapReduceApp wc = AppLoader.byName("wc");
 * List<KeyValue> pairs = wc.map("a.txt", "to be or not to be");   // (to,1) (be,1) (or,1) ...
 * String count = wc.reduce("to", List.of("1", "1"));               // "2"
 * }</pre>
 */
package mapreduce.apps;
