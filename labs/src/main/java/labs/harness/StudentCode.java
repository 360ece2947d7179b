package labs.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the packages that hold a lab's student code, which the rules for student code
 * ({@link labs.rules.StudentCodeRules}) check once per JVM before the first {@link LabTest} runs.
 * Without this annotation, the package of the test class is checked (its main classes, not its
 * tests): in every lab the student's files are in the package of its tests ({@code raft} for
 * Lab 2), so labs need not say anything.
 *
 * <pre>{@code
 * @StudentCode({"kvraft", "raft"})    // both packages are the student's
 * class KvTestBase { ... }
 * }</pre>
 *
 * <p>An empty list ({@code @StudentCode({})}) checks nothing: for the framework's own tests.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StudentCode {
  /** The packages (with their sub-packages) of the student's code. */
  String[] value();
}
