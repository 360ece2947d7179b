package labs.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.Callable;
import labs.runtime.RunFailure;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The race detector on a corpus of small programs ({@code labs.race.corpus}), each racy or
 * race-free by construction: every racy one is reported, naming the location; every race-free one
 * passes over several seeds (no false report, the detector's one unforgivable mistake).
 */
class RaceCorpusTest {
  private static final ClassLoader CORPUS = new InstrumentingLoader("labs.race.corpus",
      RaceCorpusTest.class.getClassLoader());

  /** Runs a corpus program as a world's tester with the detector on; the run's failure, if any. */
  static Optional<RunFailure> run(String program, World.Mode mode, long seed) throws Exception {
    Callable<?> main = (Callable<?>) CORPUS.loadClass("labs.race.corpus." + program).getDeclaredConstructor()
        .newInstance();
    try {
      World.run(mode, seed, RunLimits.DEFAULT.withRaceDetection(true), main);
      return Optional.empty();
    } catch (RunFailure f) {
      return Optional.of(f);
    }
  }

  @ParameterizedTest(name = "{0} races on {1}")
  @CsvSource(delimiter = '|', value = {
      "UnlockedRead           | field `UnlockedRead.Server.term`",
      "DoubleCheckedLocking   | field `DoubleCheckedLocking.Holder.instance`",
      "SetAfterGo             | field `SetAfterGo.Server.currentTerm`",
      "ArrayElementTwoThreads | array `ArrayElementTwoThreads.Leader.nextIndex`",
      "RaceAfterRestart       | field `RaceAfterRestart.Server.currentTerm`",
      "RpcEdges$Racy          | field `RpcEdges.shared`",
      "UnlockedList           | the contents of `UnlockedList.Server.log`",
      "Flags$Plain            | field `Flags.Plain.dead`",
      "ManyReaders$Racy       | field `ManyReaders.Server.config`"})
  void everyRacyProgramIsReported(String program, String location) throws Exception {
    RunFailure f = run(program, World.Mode.SIMULATION, 1).orElseThrow(() -> new AssertionError(
        program + " has a data race by construction, but the detector reported none"));
    assertThat(f.kind()).isEqualTo(RunFailure.Kind.DATA_RACE);
    assertThat(f.getMessage()).startsWith("DATA_RACE: DATA RACE on " + location + ": ");
  }

  @ParameterizedTest(name = "{0} is race-free")
  @ValueSource(strings = {"LockedRead", "DoubleCheckedVolatile", "ChannelHandOff", "SetBeforeGo",
      "ArrayDistinctElements", "RaceAfterRestart$FirstLifeOnly", "ConditionHandOff", "WaitNotify", "TesterCalls",
      "RpcEdges", "RegisteredServer", "MapHandOff", "Flags$Volatile", "Flags$Atomic", "ReadWriteLocked",
      "ManyReaders$Ordered"})
  void noRaceFreeProgramIsReported(String program) throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      Optional<RunFailure> f = run(program, World.Mode.SIMULATION, seed);
      assertThat(f).as("%s is race-free, but with seed %d the detector said:%n%s", program, seed,
          f.map(RunFailure::getMessage).orElse("")).isEmpty();
    }
  }

  @Test
  void theReportNamesTheFieldBothThreadsBothLinesAndTheLocks() throws Exception {
    String m = run("UnlockedRead", World.Mode.SIMULATION, 1).orElseThrow().getMessage();
    assertThat(m.lines().findFirst().orElseThrow())
        .matches("DATA_RACE: DATA RACE on field `UnlockedRead.Server.term`: written by `server-1/ticker#\\d+` at "
            + "UnlockedRead.java:\\d+ under `lock`; read by `server-1/call#\\d+` at UnlockedRead.java:\\d+ without a lock");
    assertThat(m)
        .containsPattern("write by server-1/ticker#\\d+ \\(started by server-1/call#\\d+ at "
            + "labs.race.corpus.UnlockedRead\\$Server.<init>\\(UnlockedRead.java:\\d+\\)\\), holding `lock`:")
        .containsPattern("at labs.race.corpus.UnlockedRead\\$Server.lambda\\$new\\$0\\(UnlockedRead.java:\\d+\\)")
        .containsPattern("read by server-1/call#\\d+ \\(started by tester/main#1 at [^)]+\\)\\), holding no lock:\n"
            + "      at labs.race.corpus.UnlockedRead\\$Server.getState\\(UnlockedRead.java:\\d+\\)")
        .contains("Fix: hold `lock` at UnlockedRead.java:");
  }

  @Test
  void theSameSeedGivesTheSameReport() throws Exception {
    for (String program : new String[] {"UnlockedRead", "RaceAfterRestart", "UnlockedList"}) {
      String first = run(program, World.Mode.SIMULATION, 7).orElseThrow().fullReport();
      String second = run(program, World.Mode.SIMULATION, 7).orElseThrow().fullReport();
      assertThat(second).as(program).isEqualTo(first);
    }
  }

  @Test
  void onRealThreadsItIsTheUsualDynamicDetector() throws Exception {
    RunFailure f = run("UnlockedRead", World.Mode.REAL, 1).orElseThrow();
    assertThat(f.getMessage()).startsWith("DATA_RACE: DATA RACE on field `UnlockedRead.Server.term`");
    assertThat(run("LockedRead", World.Mode.REAL, 1)).isEmpty();
    assertThat(run("ChannelHandOff", World.Mode.REAL, 1)).isEmpty();
  }
}
