/**
 * The JUnit 5 harness: {@link labs.harness.LabTest} runs a test per seed in a fresh world and
 * explains failures; {@link labs.harness.Points} and JUnit tags feed the grader;
 * {@link labs.harness.RunStats} fills the summary line; {@link labs.harness.StudentCode} names the
 * packages the rules for student code check.
 *
 * <pre>{@code
 * @LabTest @Tag("2A") @Points(5) @DisplayName("2A: one leader is elected and stays leader")
 * void initialElection() {
 *   RaftTester t = new RaftTester(3, true);
 *   t.checkOneLeader();
 * }
 * }</pre>
 *
 * <h2>What a lab test does around the scenario</h2>
 *
 * <ol>
 *   <li>Before the first lab test of a JVM: the rules for student code ({@link
 *       labs.rules.StudentCodeRules}) on the student's compiled classes; a violation fails every
 *       lab test with the rule and its replacement, and no scenario runs.
 *   <li>The scenario, in a fresh {@link labs.runtime.World} with the seed.
 *   <li>After a failure in the simulation: the same seed once more ({@code -Dlabs.proveReplay=false}
 *       turns it off), and one line saying "replayed: same failure at the same virtual time" or
 *       "did NOT replay: your code is nondeterministic; first difference: ..." (busy loops and
 *       real-time limits are not run again: they cost seconds of real time).
 *   <li>The failure's message: what went wrong (at most ~46 lines), then the test, the seed, the
 *       replay command, and the paths of the trace and of the whole report, all under
 *       {@code target/labs-traces/}.
 * </ol>
 *
 * <h2>Files of a failed run</h2>
 *
 * <p>{@code <TestClass>.<method>-seed<N>.report.txt}: the whole failure: the message uncut, every
 * thread with its whole stack, the stack trace of the failure.
 *
 * <p>{@code <TestClass>.<method>-seed<N>.txt}: the trace for reading. One column per node (a
 * later life of a server, {@code server-2.r1}, shares the column of {@code server-2}, and its
 * events start with {@code (r1)}), one line per event: the time in seconds (virtual in the
 * simulation), then, in the node's column, {@code kind: text}. Lines are at most 220 characters
 * wide: a long event wraps onto two more lines, indented by two, and is then cut with a note
 * naming the event's number in the {@code .jsonl} file. The trace keeps the last 200,000 events
 * of a run.
 *
 * <p>{@code <TestClass>.<method>-seed<N>.jsonl}: the same events, one JSON object per line:
 *
 * <table>
 *   <caption>fields of a .jsonl event</caption>
 *   <tr><th>field</th><th>meaning</th></tr>
 *   <tr><td>{@code i}</td><td>the event's number in the run, from 0 (gaps: events no longer kept)</td></tr>
 *   <tr><td>{@code t}</td><td>runtime time in <em>nanoseconds</em> since the run started (virtual in the simulation)</td></tr>
 *   <tr><td>{@code node}</td><td>the node: {@code tester}, {@code net}, {@code sim}, {@code server-1}, {@code server-1.r2}, ...</td></tr>
 *   <tr><td>{@code kind}</td><td>{@code send}, {@code deliver}, {@code reply}, {@code drop}, {@code fail},
 *       {@code crash}, {@code log} (an {@code Env.log} line), {@code failure}, and the tester's own kinds</td></tr>
 *   <tr><td>{@code text}</td><td>the event, uncut</td></tr>
 * </table>
 *
 * <p>For example, every log line of server 1 with its time in seconds:
 *
 * <pre>{@code
 * jq -r 'select(.node | startswith("server-1")) | select(.kind == "log") | "\(.t / 1e9) \(.text)"' \
 *     target/labs-traces/ElectionTest.reElection-seed1234.jsonl
 * }</pre>
 */
package labs.harness;
