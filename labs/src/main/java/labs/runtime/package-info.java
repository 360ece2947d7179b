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
 * moves virtual time to the next timer when nothing can run. These end the run with a
 * {@link labs.runtime.RunFailure} whose message is bounded to a screen (the whole report is
 * {@link labs.runtime.RunFailure#fullReport()}):
 *
 * <ul>
 *   <li>a deadlock: no thread can run and no timer is pending; or, as soon as it forms, a cycle of
 *       threads waiting for each other's locks (locks and monitors), or a thread waiting for a
 *       lock whose holder has ended, even while other nodes run on;
 *   <li>a busy loop: a thread runs for {@link labs.runtime.RunLimits#busyStep()} (real time)
 *       without blocking. It is stopped the next time it calls the runtime; one that calls
 *       nothing is left spinning on its carrier (no JVM can preempt it), the run fails all the
 *       same, and later simulations refuse to start while it spins;
 *   <li>a livelock, a JDK timed wait (named with its replacement), a call into the runtime (or a
 *       wake-up) from a thread the runtime did not start (a {@code java.util.Timer}, an
 *       executor), an uncaught exception, a time limit.
 * </ul>
 *
 * <p>Thread reports show each thread with what it does: the lock it waits for (named L1, L2, ...)
 * and the thread holding it, a sleep, an RPC, a condition; threads with the same stack and wait
 * are grouped. {@link labs.runtime.World#explainLockWaits()} gives the lock waits of a run that
 * failed otherwise (on real threads: the JVM's own deadlock detection).
 */
package labs.runtime;
