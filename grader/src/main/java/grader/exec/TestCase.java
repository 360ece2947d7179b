package grader.exec;

import grader.runner.RunnerRecord;
import java.util.List;

/**
 * One test of a lab as discovered from the build.
 *
 * @param lab the lab module
 * @param listed what JUnit and the annotations say about it
 */
public record TestCase(String lab, RunnerRecord.Listed listed) {
  /** {@code ElectionTest#reElection}: the name the replay commands and {@code --test} use. */
  public String id() {
    return simpleClass() + "#" + listed.method();
  }

  public String simpleClass() {
    String c = listed.className();
    return c.substring(c.lastIndexOf('.') + 1);
  }

  public String displayName() {
    return listed.displayName();
  }

  public List<String> tags() {
    return listed.tags();
  }

  public boolean graded() {
    return listed.points() != null;
  }

  public int points() {
    return listed.points() == null ? 0 : listed.points();
  }

  public boolean seeded() {
    return listed.seeded();
  }

  /** The command a student types to run this test once (with a seed, for seeded tests). */
  public String replay(Long seed, boolean real) {
    return "./mvnw test -pl " + lab + " -Dtest='" + id() + "'" + (seed == null ? "" : " -Dlabs.seed=" + seed)
        + (real ? " -Dlabs.runtime=real" : "");
  }
}
