package raft;

import static org.assertj.core.api.Assertions.assertThat;

import static raft.ReferenceCopies.raft;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Tests of the tests: each case compiles a copy of the reference solution with one classic Raft
 * bug put in by a text edit ({@link ReferenceCopies}), runs the scenarios that should catch it over a few seeds, and fails
 * if the bug survives them all. The reference itself stays untouched (no hooks, no switches).
 *
 * <p>Compiled and run only with {@code -Psolution} (this file lives in src/test-solution/java).
 * The scenarios are the real test methods, loaded together with the broken Raft in a class loader
 * of their own, so they build their clusters from the broken class.
 */
@Tag("tests-of-the-tests")
class DeliberateBugsTest {
  /** A deliberate bug: its edits, and the scenarios ("TestClass#method") tried over 1..seeds. */
  private record Bug(String name, List<ReferenceCopies.Edit> edits, int seeds, List<String> scenarios) {
    Bug(String name, ReferenceCopies.Edit edit, int seeds, List<String> scenarios) {
      this(name, List.of(edit), seeds, scenarios);
    }
  }

  private static final List<Bug> BUGS = List.of(
      new Bug("vote without the up-to-date check (5.4.1)",
          raft("&& candidateIsUpToDate(args.lastLogIndex(), args.lastLogTerm());", ";"),
          3, List.of("AgreementTest#rejoin", "AgreementTest#backup", "PersistenceTest#figure8")),
      new Bug("commit an entry of an earlier term by counting replicas (Figure 8)",
          raft("if (log.term(n) != currentTerm) {", "if (log.term(n) > currentTerm) {"),
          3, List.of("AgreementTest#figure8Scripted")),
      new Bug("votedFor not persisted",
          raft("new PersistentState(currentTerm, votedFor,", "new PersistentState(currentTerm, -1,"),
          3, List.of("PersistenceTest#voteSurvivesRestart")),
      new Bug("vote twice in one term (votedFor not checked)",
          raft("&& (votedFor == -1 || votedFor == args.candidateId())", ""),
          5, List.of("ElectionTest#manyElections", "ElectionTest#reElection", "PersistenceTest#figure8")),
      new Bug("follower commits up to leaderCommit, beyond what it knows matches",
          raft("Math.min(args.leaderCommit(), prev + entries.size())", "args.leaderCommit()"),
          5, List.of("AgreementTest#rejoin", "AgreementTest#backup", "PersistenceTest#figure8Unreliable")),
      new Bug("snapshot not reloaded into memory on restart",
          raft("snapshot = savedSnapshot;", ""),
          3, List.of("SnapshotTest#snapshotInit", "SnapshotTest#snapshotAllCrash")),
      new Bug("log not trimmed by snapshot()",
          raft("log.compactTo(index, log.term(index));", ""),
          3, List.of("SnapshotTest#snapshotBasic")));

  @TestFactory
  Stream<DynamicTest> everyDeliberateBugIsCaught() {
    return BUGS.stream().map(bug -> DynamicTest.dynamicTest(bug.name(), () -> {
      ClassLoader broken = ReferenceCopies.compileWith("the deliberate bug " + bug.name(), bug.edits());
      String caught = firstFailure(broken, bug);
      assertThat(caught)
          .withFailMessage("the tests did not catch the deliberate bug \"%s\" in %d seeds of %s", bug.name(),
              bug.seeds(), bug.scenarios())
          .isNotNull();
      System.out.println("  CAUGHT  " + bug.name() + ": " + caught);
    }));
  }

  /** Runs the bug's scenarios seed by seed; describes the first failure, or null if none failed. */
  private static String firstFailure(ClassLoader loader, Bug bug) throws Exception {
    RunLimits limits = RunLimits.DEFAULT.withRealTime(Duration.ofSeconds(120));
    for (long seed = 1; seed <= bug.seeds(); seed++) {
      for (String scenario : bug.scenarios()) {
        String[] parts = scenario.split("#");
        Class<?> testClass = loader.loadClass("raft." + parts[0]);
        var constructor = testClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        Method method = testClass.getDeclaredMethod(parts[1]);
        method.setAccessible(true);
        try {
          World.run(World.Mode.SIMULATION, seed, limits, () -> {
            try {
              method.invoke(instance);
            } catch (InvocationTargetException e) {
              if (e.getCause() instanceof Error err) {
                throw err;
              }
              throw (Exception) e.getCause();
            }
            return null;
          });
        } catch (Throwable t) {
          String first = String.valueOf(t.getMessage()).strip().lines().findFirst().orElse("");
          return scenario + " failed with seed " + seed + ": " + first;
        }
      }
    }
    return null;
  }
}
