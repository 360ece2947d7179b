package grader.cli;

import grader.build.Maven;
import grader.build.Workspace;
import grader.course.Course;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every command takes: where the course is, where output goes, how to build. */
public final class CommonOptions {
  @Option(names = "--course", paramLabel = "DIR",
      description = "the course tree (default: the folder holding mvnw and the parent pom, searched upward from here)")
  Path course;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "where everything the grader writes goes (default: grader/target/grading in the course)")
  Path out;

  @Option(names = "--work", paramLabel = "DIR", hidden = false,
      description = "where the pristine build and the scratch folders go (default: <out>/.work); give the same "
          + "folder to several runs to build the pristine course once")
  Path work;

  @Option(names = "--online", description = "let Maven download what the local repository lacks (default: offline)")
  boolean online;

  @Option(names = "--reference-raft",
      description = "build later labs (3, 4) on the reference Raft of Lab 2 instead of the submission's own, "
          + "to grade them apart from Lab 2 (the course's -Preference-raft; needs the instructors' tree)")
  boolean referenceRaft;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "test JVMs at a time (default: the number of cores)")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--memory", paramLabel = "SIZE", description = "heap limit of each test JVM (default: ${DEFAULT-VALUE})")
  String memory = "1g";

  @Option(names = "--race", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "run the tests with the race detector (-Dlabs.race=true): a data race in the student's code "
          + "fails the run, with both threads, both lines and both stacks (default: on; --no-race turns it off)")
  boolean race = true;

  @Option(names = "--output-limit", paramLabel = "MB",
      description = "output a test JVM may print before it is stopped, in MB (default: ${DEFAULT-VALUE})")
  int outputMb = 8;

  public Course course() {
    Path root = course;
    if (root == null) {
      String env = System.getenv("GRADER_COURSE");
      root = env != null && !env.isBlank() ? Path.of(env) : findUp(Path.of("").toAbsolutePath());
    }
    return Course.at(root);
  }

  public Workspace workspace(String defaultName) {
    Course c = course();
    Path o = out != null ? out : c.root().resolve("grader/target/grading").resolve(defaultName);
    return new Workspace(c, o, work, maven(), memory, race);
  }

  /** How to run the course's Maven, as these options say. */
  public Maven maven() {
    return new Maven(!online, Duration.ofMinutes(15),
        referenceRaft ? java.util.List.of(grader.build.TreeBuilder.REFERENCE_RAFT_PROFILE) : java.util.List.of());
  }

  public long outputBytes() {
    return (long) outputMb << 20;
  }

  private static Path findUp(Path from) {
    for (Path p = from; p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return from;
  }
}
