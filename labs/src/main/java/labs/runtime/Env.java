package labs.runtime;

import java.time.Duration;
import java.util.Random;

/**
 * The runtime your code runs in: threads, sleep, the clock, randomness and logging. Student code
 * uses these instead of the JDK's, so that a test can run it in a deterministic simulation with
 * virtual time (the default) or on real threads and the wall clock ({@code -Dlabs.runtime=real}).
 *
 * <p>Use instead of the JDK:
 *
 * <table>
 *   <caption>replacements</caption>
 *   <tr><th>do not use</th><th>use</th></tr>
 *   <tr><td>{@code new Thread(..)}, executors, timers</td><td>{@link #go(String, Runnable)}</td></tr>
 *   <tr><td>{@code Thread.sleep}, {@code TimeUnit.sleep}</td><td>{@link #sleep(long)}</td></tr>
 *   <tr><td>{@code System.nanoTime}, {@code currentTimeMillis}, {@code Instant.now}</td>
 *       <td>{@link #nowMillis()}, {@link #nowNanos()}</td></tr>
 *   <tr><td>{@code new Random()}, {@code Math.random}, {@code ThreadLocalRandom}</td>
 *       <td>{@link #random()}</td></tr>
 *   <tr><td>{@code Condition.await(time)}, {@code tryLock(time)}, {@code poll(time)}</td>
 *       <td>a {@link TimedLock}'s conditions, {@link Channel#receive(Duration)}</td></tr>
 *   <tr><td>{@code System.out.println} for debugging</td><td>{@link #log(String, Object...)}</td></tr>
 * </table>
 *
 * <p>Every method may be called from any thread of your node. In the simulation, threads switch
 * only where they block (a lock, a condition, a sleep, an RPC), time stands still while code
 * computes, and a given seed always replays the same run.
 */
public final class Env {
  private Env() {}

  /**
   * Starts a new thread on the caller's node, like Go's {@code go f()}. The thread belongs to
   * the node: when the node crashes, the thread stops for good.
   *
   * @param name a short name shown in traces and deadlock reports, for example "ticker"
   * @return the started thread
   */
  public static Thread go(String name, Runnable body) {
    Context c = Context.current();
    return c.backend().start(c.node(), name, body);
  }

  /** Sleeps for {@code millis} milliseconds of runtime time (virtual time in the simulation). */
  public static void sleep(long millis) {
    sleepNanos(Math.multiplyExact(millis, 1_000_000L));
  }

  /** Sleeps for {@code duration} of runtime time (virtual time in the simulation). */
  public static void sleep(Duration duration) {
    sleepNanos(duration.toNanos());
  }

  private static void sleepNanos(long nanos) {
    Context c = Context.current();
    c.backend().sleepNanos(c.node(), nanos);
  }

  /** Milliseconds since the run started (virtual in the simulation). Never goes backwards. */
  public static long nowMillis() {
    return nowNanos() / 1_000_000L;
  }

  /** Nanoseconds since the run started (virtual in the simulation). Never goes backwards. */
  public static long nowNanos() {
    return Context.current().backend().nowNanos();
  }

  /**
   * This node's random number generator, seeded from the run's seed. Use it for every random
   * choice (election timeouts, jitter), so that a seed replays the same run. Not for security.
   */
  public static Random random() {
    Context c = Context.current();
    c.backend().checkpoint();
    return c.node().random();
  }

  /** The name of the node the calling thread belongs to (for example "server-1"). */
  public static String nodeName() {
    return Context.current().node().name();
  }

  /** True when running in the deterministic simulation, false on real threads. */
  public static boolean isSimulated() {
    return Context.current().backend().isSimulated();
  }

  /**
   * Records a debug line in the run's trace, prefixed with the time and the node name; also
   * printed when the run is started with {@code -Dlabs.debug=true}. Arguments are formatted with
   * {@link String#format}, and only when the line is kept.
   */
  public static void log(String format, Object... args) {
    Context c = Context.current();
    c.world().trace().log(c.node().name(), format, args);
  }

}
