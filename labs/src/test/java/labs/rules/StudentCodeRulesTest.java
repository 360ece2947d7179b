package labs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import labs.rules.samples.BadStudentCode;
import labs.rules.samples.GoodStudentCode;
import labs.rules.samples.HierarchyStudentCode;
import labs.rules.samples.NondeterministicStudentCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentCodeRulesTest {
  @Test
  void everyViolationIsListedWithItsReplacement() {
    assertThatThrownBy(() -> StudentCodeRules.check(ImportedTypes.importClasses(BadStudentCode.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Thread.sleep").hasMessageContaining("Env.sleep")
        .hasMessageContaining("new Thread").hasMessageContaining("Env.go")
        .hasMessageContaining("Executors")
        .hasMessageContaining("Condition.await with a timeout").hasMessageContaining("TimedLock.TimedCondition")
        .hasMessageContaining("currentTimeMillis").hasMessageContaining("Env.nowMillis")
        .hasMessageContaining("new Random()").hasMessageContaining("Env.random");
  }

  @Test
  void everySourceOfNondeterminismTheRulesCanSeeIsNamedWithItsReplacement() {
    assertThatThrownBy(() -> StudentCodeRules.check(ImportedTypes.importClasses(
        NondeterministicStudentCode.class, NondeterministicStudentCode.Handle.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Collections.shuffle without a seeded random generator is not allowed")
        .hasMessageContaining("Collections.shuffle(list, Env.random())")
        .hasMessageContaining("new SplittableRandom() is not allowed")
        .hasMessageContaining("RandomGenerator.getDefault is not allowed").hasMessageContaining("RandomGenerator.of is")
        .hasMessageContaining("java.time.*.now is not allowed").hasMessageContaining("ZonedDateTime.now()")
        .hasMessageContaining("LocalDate.now()")
        .hasMessageContaining("Collection.parallelStream is not allowed").hasMessageContaining("BaseStream.parallel")
        .hasMessageContaining("Arrays.parallelSort is not allowed")
        .hasMessageContaining("System.identityHashCode is not allowed")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.byRole> is a Map keyed by Role "
            + "(enum constants hash by identity)")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.handles> is a Set keyed by Handle "
            + "(Handle has no hashCode() of its own)")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.byUnit> is a Map keyed by TimeUnit "
            + "(enum constants hash by identity)")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.watched> is a Set keyed by Thread "
            + "(Thread has no hashCode() of its own)")
        .hasMessageContaining("EnumMap/EnumSet")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.elections> is static and not final")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.IDS> is a static AtomicInteger")
        .hasMessageContaining("Field <labs.rules.samples.NondeterministicStudentCode.SEEN> is a static collection")
        .hasMessageContaining("make it an instance field");
  }

  @Test
  void aForbiddenCallThroughAJdkSubclassIsFound() {
    // The calls are on ReentrantLock, ArrayBlockingQueue and ArrayList; the rules name Lock,
    // BlockingQueue and Collection.
    assertThatThrownBy(() -> StudentCodeRules.check(ImportedTypes.importClasses(HierarchyStudentCode.class,
        HierarchyStudentCode.NamedLock.class)))
        .hasMessageContaining("Method <labs.rules.samples.HierarchyStudentCode.everything")
        .hasMessageContaining("ReentrantLock.tryLock(long, java.util.concurrent.TimeUnit)")
        .hasMessageContaining("HierarchyStudentCode$NamedLock.tryLock(long, java.util.concurrent.TimeUnit)")
        .hasMessageContaining("Lock.tryLock with a timeout is not allowed")
        .hasMessageContaining("BlockingQueue.poll with a timeout is not allowed")
        .hasMessageContaining("Collection.parallelStream is not allowed")
        .hasMessageContaining("4 use(s)");
  }

  @Test
  void aListingIsCutAfterTwentyViolations() {
    String message = org.assertj.core.api.Assertions.catchThrowable(() -> StudentCodeRules.check(
        ImportedTypes.importClasses(NondeterministicStudentCode.class, BadStudentCode.class))).getMessage();
    assertThat(message.lines().filter(l -> l.startsWith("  - ")).count()).isEqualTo(20);
    assertThat(message).containsPattern("\\(and \\d+ more\\)");
  }

  @Test
  void studentClassesAreReadFromAJarToo(@TempDir Path dir) throws Exception {
    // In an integration-test run the module's classes come from its jar, not from target/classes.
    Path jar = dir.resolve("student.jar");
    String entry = BadStudentCode.class.getName().replace('.', '/') + ".class";
    try (var out = new JarOutputStream(Files.newOutputStream(jar));
        var in = BadStudentCode.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry("labs/rules/samples/"));
      out.closeEntry();
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> StudentCodeRules.checkLoadedBy(loader, "labs.rules.samples"))
          .hasMessageContaining("Thread.sleep is not allowed in lab code");
    }
  }

  @Test
  void codeUsingTheRuntimeApiPasses() {
    assertThatCode(() -> StudentCodeRules.check(ImportedTypes.importClasses(GoodStudentCode.class,
        GoodStudentCode.Slot.class)))
        .doesNotThrowAnyException();
  }
}
