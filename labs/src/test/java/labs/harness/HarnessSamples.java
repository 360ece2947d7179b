package labs.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Env;
import labs.runtime.World;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * Lab tests run by {@link HarnessTest} through the JUnit test kit (not picked up by the build).
 * The framework's own code is no student code: the rules check nothing here.
 */
@StudentCode({})
class HarnessSamples {
  @LabTest
  @Tag("X1")
  @Points(3)
  @DisplayName("X1: passes")
  void passes() {
    RunStats.current().setPeers(3);
    RunStats.current().addOps(5);
    Env.go("worker", () -> Env.log("working at %d", Env.nowMillis()));
    Env.sleep(1500);
  }

  @LabTest
  void printsItsRuntime() {
    Env.sleep(World.current().isSimulated() ? 1000 : 10);
  }

  @LabTest
  @DisplayName("X1: fails an assertion")
  void failsAnAssertion() {
    Env.sleep(2000);
    Env.log("about to fail");
    assertThat(Env.nowMillis()).as("a deliberately wrong expectation").isEqualTo(1);
  }

  @LabTest
  void deadlocks() {
    ReentrantLock a = new ReentrantLock();
    a.lock();
    Env.go("other", a::lock);
    Env.go("waiter", () -> new labs.runtime.Channel<String>().receive());
    new labs.runtime.Channel<String>().receive();
  }

  private static int runs;

  /** Depends on state kept from the run before (a static counter): a second run goes differently. */
  @LabTest
  void failsDifferentlyEachRun() {
    Env.log("run %d", ++runs);
    assertThat(Env.nowMillis()).as("a deliberately wrong expectation").isEqualTo(1);
  }

  /** Polls the clock without sleeping: virtual time never moves, so the loop never ends. */
  @LabTest
  void spinsInABusyLoop() {
    while (Env.nowMillis() < 100) {
      // no sleep
    }
  }

  @LabTest(seconds = 3)
  void runsTooLong() {
    while (true) {
      Env.sleep(100);
    }
  }
}

/** A lab whose "student code" is the runtime itself, which breaks the rules (it starts platform threads). */
@StudentCode("labs.runtime")
class RuleBreakingSamples {
  static volatile boolean ran;

  @LabTest
  void wouldRun() {
    ran = true;
  }
}
