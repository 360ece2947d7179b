package shardkv;

import labs.harness.Points;
import labs.rules.StudentCodeRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Your controller and shard groups use the runtime API ({@code Env.go}, {@code Env.sleep},
 * {@code Env.nowMillis}, {@code Env.random}, {@code TimedLock}, {@code Channel}) instead of the
 * JDK's threads, clocks, timed waits and unseeded randomness: otherwise a seed could not replay a
 * run. The same rules also run before
 * the first lab test; this test names them in the report, worth no points.
 */
class StudentCodeRulesTest {
  @Test
  @Tag("4A")
  @Tag("4B")
  @Tag("4C")
  @Points(0)
  @DisplayName("lab 4: the code uses the runtime API (Env, TimedLock, Channel), not JDK threads, clocks or sleeps")
  void shardingCodeFollowsTheRules() {
    StudentCodeRules.check("shardctrler", "shardkv");
  }
}
