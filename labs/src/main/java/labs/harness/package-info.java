/**
 * The JUnit 5 harness: {@link labs.harness.LabTest} runs a test per seed in a fresh world and
 * explains failures (seed, replay command, trace); {@link labs.harness.Points} and JUnit tags
 * feed the grader; {@link labs.harness.RunStats} fills the summary line.
 *
 * <pre>{@code
 * @LabTest @Tag("2A") @Points(5) @DisplayName("2A: one leader is elected and stays leader")
 * void initialElection() {
 *   RaftTester t = new RaftTester(3, true);
 *   t.checkOneLeader();
 * }
 * }</pre>
 */
package labs.harness;
