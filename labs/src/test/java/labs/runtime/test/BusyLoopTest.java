package labs.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import labs.runtime.Env;
import labs.runtime.RunFailure;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.Test;

/**
 * A thread that never blocks cannot be preempted: these tests check that the run still ends with
 * a report and the JVM lives on. The busy-step limit is one second of real time; a loop that never
 * ends exceeds any limit, so the verdict does not depend on the machine's speed.
 */
class BusyLoopTest {
  private static final RunLimits ONE_SECOND_STEPS = RunLimits.DEFAULT.withBusyStep(Duration.ofSeconds(1));
  private static volatile boolean release;

  @Test
  void aLoopThatPollsTheClockIsStoppedAtItsNextRuntimeCall() throws Exception {
    assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 1, ONE_SECOND_STEPS, () -> {
      Env.go("poller", BusyLoopTest::waitForTimeThatNeverComes);
      Env.sleep(10);
      return null;
    }))
        .isInstanceOf(RunFailure.class)
        .hasMessageStartingWith("BUSY_LOOP: thread tester/poller#")
        .hasMessageContaining("without blocking")
        .hasMessageContaining("BusyLoopTest.waitForTimeThatNeverComes")
        .hasMessageNotContaining("keeps spinning");
    // The JVM and the simulation live on: the next run works.
    assertThat(World.run(World.Mode.SIMULATION, 2, RunLimits.DEFAULT, () -> {
      Env.sleep(5);
      return Env.nowMillis();
    })).isEqualTo(5);
  }

  /** The classic busy wait: time never moves while this thread runs, so it never ends. */
  private static void waitForTimeThatNeverComes() {
    long deadline = Env.nowMillis() + 100;
    while (Env.nowMillis() < deadline) {
      // no sleep: virtual time stands still
    }
  }

  @Test
  void aLoopThatCallsNothingIsAbandonedAndLaterRunsRefuseUntilItEnds() throws Exception {
    release = false;
    try {
      assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 3, ONE_SECOND_STEPS, () -> {
        Env.go("spinner", BusyLoopTest::spinOnAFlag);
        Env.sleep(10);
        return null;
      }))
          .isInstanceOf(RunFailure.class)
          .hasMessageStartingWith("BUSY_LOOP: thread tester/spinner#")
          .hasMessageContaining("BusyLoopTest.spinOnAFlag")
          .hasMessageContaining("keeps spinning");
      // While the abandoned thread spins, a new simulation says why it does not start.
      assertThatThrownBy(() -> World.run(World.Mode.SIMULATION, 4, RunLimits.DEFAULT, () -> null))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining("not run: thread tester/spinner#")
          .hasMessageContaining("seed 3");
    } finally {
      release = true;
    }
    // Once the spinner ends (here: the flag it polls is set), simulations run again.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Object result = null;
    while (result == null && System.nanoTime() < deadline) {
      try {
        result = World.run(World.Mode.SIMULATION, 5, RunLimits.DEFAULT, () -> "ran");
      } catch (RunFailure stillSpinning) {
        Thread.sleep(50);
      }
    }
    assertThat(result).isEqualTo("ran");
  }

  private static void spinOnAFlag() {
    while (!release) {
      // polls a flag without ever blocking or calling the runtime
    }
  }
}
