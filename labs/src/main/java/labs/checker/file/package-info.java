/**
 * Histories as files, for people outside the tests: a line format with one operation per line
 * ({@link labs.checker.file.HistoryFile}, read and write), the Jepsen etcd and Porcupine
 * key/value logs ({@link labs.checker.file.JepsenLog}, {@link labs.checker.file.PorcupineKvLog}),
 * and a command-line tool that checks a file or writes its viewer page ({@link
 * labs.checker.file.HistoryTool}). A malformed file is rejected with one {@link
 * labs.checker.file.Problem} per bad line, naming the line and what to change.
 *
 * <pre>
 * model versioned-kv
 * # client  call  return  operation            -&gt; output
 *   1       0     10      put "x" "one" 0       -&gt; OK
 *   2       3     12      get "x"               -&gt; "one" 1
 *   3       5     never   put "x" "two" 1       -&gt; unknown
 * </pre>
 *
 * <pre>{@code
 * Files.writeString(path, HistoryFile.write(VersionedKvModel.INSTANCE, operations));
 * // then, from the repository root:  bench/history.sh check path   (exit 0/1/2/3)
 * }</pre>
 */
package labs.checker.file;
