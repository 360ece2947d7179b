package labs.runtime;

import java.util.List;
import labs.race.RaceReport;
import labs.race.RaceRun;

/**
 * Turns the races a run's detector found into the run's failure ({@link RunFailure.Kind#DATA_RACE}):
 * a race is a failure in its own right, reported even when the test passed, and ahead of another
 * failure of the same run (which it may well have caused; it is kept as the cause).
 */
final class RaceFailures {
  /** Races shown in full on the console; the report file has them all. */
  static final int SHOWN = 2;

  private RaceFailures() {}

  /**
   * Ends the detection of a run and throws its races as the run's failure, if it found any.
   *
   * @param error how the run failed otherwise, or null if it passed
   */
  static void throwIfAny(RaceRun races, Throwable error) {
    RunFailure f = failure(races, error);
    if (f != null) {
      throw f;
    }
  }

  private static RunFailure failure(RaceRun races, Throwable error) {
    if (races == null) {
      return null;
    }
    List<RaceReport> found = races.finish();
    if (Boolean.getBoolean("labs.race.stats")) { // for the benchmark: threads, clock slots, races
      System.out.println("  race detector: " + races.statistics());
    }
    if (found.isEmpty()) {
      return null;
    }
    String also = error == null ? "" : "\nThe run also failed, perhaps because of the race: "
        + String.valueOf(error.getMessage()).lines().findFirst().orElse(String.valueOf(error)) + "\n";
    return new RunFailure(RunFailure.Kind.DATA_RACE, RaceReport.describe(found, SHOWN) + also,
        RaceReport.describe(found, found.size()) + also, error);
  }
}
