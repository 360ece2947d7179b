package labs.harness;

import java.util.List;
import labs.race.Instrumenter;
import labs.race.RaceAgent;
import labs.runtime.World;

/**
 * Makes sure a pass with the race detector on means something: the student's code ran
 * instrumented. A test of a lab module whose run saw no instrumented student code (the JVM has no race
 * agent, or the agent did not recognize the classes), or a JVM where some class could not be
 * instrumented, fails with what to do instead of passing unchecked.
 */
final class RaceCheck {
  private RaceCheck() {}

  /** Why the detector did not watch the student code of this run, or null if it did (or there is none). */
  static String unseenStudentCode(World world, Class<?> testClass) {
    List<String> failures = Instrumenter.failures();
    if (!failures.isEmpty()) {
      return "the race detector (-Dlabs.race=true) could not instrument " + failures.size() + " class(es), so "
          + "their accesses went\nunchecked:\n  " + String.join("\n  ", failures.subList(0, Math.min(5, failures.size())))
          + "\nThis is a bug of the detector, not of your code: run with -Dlabs.race=false meanwhile, and report it.";
    }
    if (world == null || world.racesWatchedStudentCode() || RulesGate.studentPackages(testClass).isEmpty()
        || !RaceAgent.inLabModule(testClass)) {
      return null;
    }
    String why = !RaceAgent.loaded()
        ? "The JVM runs without the race agent. Its flag\n  -javaagent:<course>/labs/target/labs-<version>-race-agent.jar\n"
            + "is part of labs.argLine in the course's pom.xml; in an IDE, add the flags of labs.argLine to the run\n"
            + "configuration (after one ./mvnw test-compile has built the jar)."
        : !RaceAgent.transforming()
            ? "labs.race is not a system property of this JVM (a JUnit configuration parameter alone does not reach\n"
                + "the agent), so the agent instrumented nothing."
            : "The agent instruments the classes compiled from src/student/java or src/solution/java of a lab\n"
                + "module, and none of those ran in this test.";
    return "-Dlabs.race=true, but no instrumented student code ran in this test, so no race could be found.\n" + why
        + "\nRun with -Dlabs.race=false to test without the race detector.";
  }
}
