package kvraft;

import labs.harness.Points;
import labs.rules.StudentCodeRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Your code uses the runtime API ({@code Env.go}, {@code Env.sleep}, {@code Env.nowMillis},
 * {@code Env.random}, {@code TimedLock}, {@code Channel}) instead of the JDK's threads, clocks,
 * timed waits and unseeded randomness: otherwise a seed could not replay a run.
 */
class StudentCodeRulesTest {
  @Test
  @Tag("3A")
  @Tag("3B")
  @Tag("3C")
  @Points(0)
  @DisplayName("lab 3: the code uses the runtime API (Env, TimedLock, Channel), not JDK threads, clocks or sleeps")
  void kvraftCodeFollowsTheRules() {
    StudentCodeRules.check("rsm", "kvraft");
  }
}
