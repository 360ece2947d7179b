/**
 * Lab 1: MapReduce with a coordinator and workers in separate JVMs that talk over Java RMI.
 *
 * <p>Given (do not modify): the remote interface {@link mapreduce.CoordinatorService} and its
 * messages {@link mapreduce.MapReduceRpc}; the app API {@link mapreduce.MapReduceApp} with
 * {@link mapreduce.KeyValue}; the apps ({@code mapreduce.apps}, loaded by {@link
 * mapreduce.AppLoader}); {@link mapreduce.Partition} (ihash); the {@link
 * mapreduce.SequentialRunner}; the programs {@link mapreduce.CoordinatorMain}, {@link
 * mapreduce.WorkerMain}, {@link mapreduce.SequentialMain} and {@link mapreduce.CorpusMain}.
 * Yours: {@code Coordinator.java} and {@code Worker.java}.
 *
 * <p>By hand, in one directory (each command in its own terminal; CP is the class path):
 * <pre>
 * java -cp CP mapreduce.CorpusMain --files 8 --megabytes 2 .
 * java -cp CP mapreduce.SequentialMain wc zipf-*.txt &amp;&amp; mv mr-out-0 mr-correct.txt
 * java -cp CP mapreduce.CoordinatorMain zipf-*.txt        # writes mr-coordinator.port
 * java -cp CP mapreduce.WorkerMain wc                     # start two or three of these
 * sort mr-out-* | grep . | diff - &lt;(sort mr-correct.txt) &amp;&amp; echo same
 * </pre>
 */
package mapreduce;
