package labs.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import labs.checker.models.RegisterModel;
import labs.testkit.Trials;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A test of the property tests: a checker with a planted bug must be caught by the same property
 * {@link LinearizabilityPropertiesTest} checks, and the failing case shrunk to its core.
 */
class PlantedCheckerBugTest {

  @Test
  @DisplayName("a checker that ignores operations that never returned is caught and shrunk")
  void ignoringPendingOperationsIsCaught() {
    // The planted bug: drop every pending operation before checking. Wrong whenever a read saw
    // the value of a write whose client crashed before it heard back.
    AssertionError caught = catchThrowableOfType(AssertionError.class, () ->
        Trials.forAll("register checker = brute force", 5_000, 400,
            LinearizabilityPropertiesTest::smallRegisterHistory, Trials::withOneRemoved,
            ops -> LinearizabilityPropertiesTest.assertAgrees(ops, o -> Checker.check(
                RegisterModel.INSTANCE, o.stream().filter(Operation::isComplete).toList(),
                LinearizabilityPropertiesTest.OPTIONS).verdict())));
    assertThat(caught).as("the property must fail for the planted bug").isNotNull();
    // The core of the bug is two operations: a pending write of v, and an operation that saw v
    // (a read, or a compare-and-swap that expected it).
    assertThat(caught.getMessage())
        .contains("fails for seed", "replay with -Dlabs.trialsBase=")
        .contains("smallest failing case found (2 elements")
        .contains("ret=" + Operation.NEVER + ", client=", "input=Write[");
  }
}
