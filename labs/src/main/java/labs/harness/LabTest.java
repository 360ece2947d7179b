package labs.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lab test: runs the method in a fresh {@link labs.runtime.World} with a seed, in the
 * simulation (default) or on real threads ({@code -Dlabs.runtime=real}).
 *
 * <ul>
 *   <li>{@code -Dlabs.seed=N} replays one seed; otherwise each run draws a random seed.
 *   <li>{@code -Dlabs.iterations=N} runs the test over N seeds in one JVM.
 *   <li>{@code -Dlabs.checkDeterminism=true} runs each seed twice and reports the first event where
 *       the two traces differ.
 *   <li>{@code -Dlabs.debug=true} prints every node's log lines as they happen.
 *   <li>{@code -Dlabs.proveReplay=false}: after a failure, do not run the seed again.
 *   <li>{@code -Dlabs.busyStepMillis=N}: real time a thread may run without blocking (10000).
 *   <li>{@code -Dlabs.race=true|false}: the race detector ({@code labs.race}; the build turns it
 *       on): a data race in the student's code fails the run with {@code DATA_RACE}. A run of a
 *       lab's test with the detector on in which no instrumented student code ran fails too
 *       (the JVM lacks the race agent), so that no pass goes unchecked.
 * </ul>
 *
 * <p>Before the first lab test of a JVM the rules for student code are checked ({@link
 * StudentCode}). A passing run prints one summary line; a failing one is run once more (in the
 * simulation) to say whether it replays, and its message gives the seed, the command that
 * replays it, and the paths of its trace and its whole report (under {@code target/labs-traces/}).
 * The switches are JUnit configuration parameters or system properties.
 *
 * <pre>{@code
 * @LabTest @Tag("2A") @Points(5) @DisplayName("2A: one leader is elected and stays leader")
 * void initialElection() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(LabExtension.class)
public @interface LabTest {
  /** The run's limit in runtime seconds (virtual in the simulation); MIT's per-test cap is 120. */
  int seconds() default 120;

  /** The run's limit in real seconds, so that a broken solution cannot hang the build. */
  int realSeconds() default 300;
}
