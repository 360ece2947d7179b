/**
 * The runtime: threads, time, randomness and crashes, simulated (deterministic, virtual time) or
 * real. Student code uses {@link labs.runtime.Env}, {@link labs.runtime.TimedLock} and
 * {@link labs.runtime.Channel}; testers use {@link labs.runtime.World} and
 * {@link labs.runtime.Node}.
 *
 * <pre>{@code
 * // on a node
 * Env.go("ticker", () -> {
 *   while (!killed()) {
 *     Env.sleep(50 + Env.random().nextInt(300));
 *     maybeStartElection();
 *   }
 * });
 * }</pre>
 *
 * <p>In the simulation (the default) every thread is a virtual thread on one carrier; the
 * scheduler switches only where a thread blocks, picks the next thread with the run's seed, and
 * moves virtual time to the next timer when nothing can run. Deadlocks, livelocks, busy loops,
 * forbidden JDK timed calls and uncaught exceptions end the run with a report.
 */
package labs.runtime;
