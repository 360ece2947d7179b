package labs.rules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import labs.rules.samples.BadStudentCode;
import labs.rules.samples.GoodStudentCode;
import org.junit.jupiter.api.Test;

class StudentCodeRulesTest {
  @Test
  void everyViolationIsListedWithItsReplacement() {
    assertThatThrownBy(() -> StudentCodeRules.check(new ClassFileImporter().importClasses(BadStudentCode.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Thread.sleep").hasMessageContaining("Env.sleep")
        .hasMessageContaining("new Thread").hasMessageContaining("Env.go")
        .hasMessageContaining("Executors")
        .hasMessageContaining("Condition.await with a timeout").hasMessageContaining("TimedLock.TimedCondition")
        .hasMessageContaining("currentTimeMillis").hasMessageContaining("Env.nowMillis")
        .hasMessageContaining("new Random()").hasMessageContaining("Env.random");
  }

  @Test
  void codeUsingTheRuntimeApiPasses() {
    assertThatCode(() -> StudentCodeRules.check(new ClassFileImporter().importClasses(GoodStudentCode.class)))
        .doesNotThrowAnyException();
  }
}
