package labs.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many points a test is worth when the grader scores a submission. The grader reads it, with
 * the test's JUnit {@code @Tag} (the lab part, for example {@code "2A"}), from the compiled tests.
 *
 * <pre>{@code
 * @Test @Tag("2A") @Points(5) @DisplayName("2A: one leader is elected and stays leader")
 * void initialElection() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Points {
  /** Points for passing this test (every seed the grader runs must pass). */
  int value();
}
