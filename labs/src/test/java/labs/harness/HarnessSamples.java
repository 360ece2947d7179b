package labs.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Env;
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

  @LabTest(seconds = 3)
  void runsTooLong() {
    while (true) {
      Env.sleep(100);
    }
  }
}
