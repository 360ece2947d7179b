package grader.runner;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.harness.LabTest;
import labs.harness.Points;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists the tests of one lab from its compiled test classes, as JUnit discovers them: tags,
 * {@code @Points}, {@code @LabTest} limits and {@code @Timeout}. This is how the grader learns a
 * lab's tests (Labs 3 and 4 included) without knowing anything about them in advance.
 */
final class TestListing {
  private TestListing() {}

  static List<RunnerRecord.Listed> list(Path testClasses) throws ClassNotFoundException {
    TestPlan plan = TestRunner.discover(testClasses);
    List<RunnerRecord.Listed> out = new ArrayList<>();
    List<TestIdentifier> todo = new ArrayList<>(plan.getRoots());
    while (!todo.isEmpty()) {
      TestIdentifier id = todo.removeFirst();
      todo.addAll(plan.getChildren(id));
      TestSource source = id.getSource().orElse(null);
      if (!(source instanceof MethodSource ms)) {
        continue;
      }
      Method m = ms.getJavaMethod();
      Class<?> type = Class.forName(ms.getClassName(), false, Thread.currentThread().getContextClassLoader());
      Points points = m.getAnnotation(Points.class);
      if (points == null) {
        points = type.getAnnotation(Points.class);
      }
      LabTest lab = m.getAnnotation(LabTest.class);
      out.add(new RunnerRecord.Listed(ms.getClassName(), ms.getMethodName(), id.getDisplayName(),
          id.getTags().stream().map(TestTag::getName).sorted().toList(), points == null ? null : points.value(),
          lab != null, lab == null ? 0 : lab.seconds(), lab == null ? 0 : lab.realSeconds(), timeoutSeconds(m, type)));
    }
    return out;
  }

  private static long timeoutSeconds(Method m, Class<?> type) {
    Timeout t = m.getAnnotation(Timeout.class);
    if (t == null) {
      for (Class<?> c = type; c != null && t == null; c = c.getSuperclass()) {
        t = c.getAnnotation(Timeout.class);
      }
    }
    return t == null ? 0 : Math.max(1, TimeUnit.SECONDS.convert(t.value(), t.unit()));
  }
}
