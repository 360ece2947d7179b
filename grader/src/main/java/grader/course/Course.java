package grader.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The course tree as the grader sees it: the parent pom's {@code lab*} modules with a student
 * folder are the labs, a
 * lab's {@code src/student/java} is what a student may edit, everything else is given. The JVM
 * flags every test needs are the parent pom's {@code labs.argLine}. Nothing about a particular
 * lab is known in advance: a new lab module is picked up as soon as the parent pom lists it.
 */
public final class Course {
  /**
   * A lab pom property listing what the lab's student code may use that the grading scan
   * otherwise forbids, comma-separated: {@code files} (java.io / java.nio.file) and
   * {@code threads} (the JDK's threads, sleeps and clocks: for labs outside the simulation).
   */
  public static final String ALLOW_PROPERTY = "labs.grading.allow";

  private final Path root;
  private final List<Lab> labs;
  private final List<String> argLine;

  private Course(Path root, List<Lab> labs, List<String> argLine) {
    this.root = root;
    this.labs = labs;
    this.argLine = argLine;
  }

  /** Reads the course at {@code root} (the folder of the parent pom.xml). */
  public static Course at(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    Path pom = dir.resolve("pom.xml");
    if (!Files.isRegularFile(pom) || !Files.isExecutable(dir.resolve("mvnw"))) {
      throw new IllegalArgumentException(dir + " is not the course tree (no pom.xml and mvnw there): "
          + "run the grader from the course's root folder or give --course DIR");
    }
    PomReader parent = new PomReader(pom);
    List<Lab> labs = new ArrayList<>();
    for (String module : parent.modules()) {
      Path labDir = dir.resolve(module);
      // a lab is a lab* module with files for students (the framework module has none)
      if (!module.startsWith("lab") || !Files.isDirectory(labDir.resolve(Lab.STUDENT))) {
        continue;
      }
      Set<String> allows = new LinkedHashSet<>();
      if (Files.isRegularFile(labDir.resolve("pom.xml"))) {
        new PomReader(labDir.resolve("pom.xml")).property(ALLOW_PROPERTY).ifPresent(v ->
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(allows::add));
      }
      labs.add(new Lab(module, labDir, Set.copyOf(allows)));
    }
    if (labs.isEmpty()) {
      throw new IllegalArgumentException("the parent pom " + pom + " lists no lab* module");
    }
    // ${project.version} is the same in every module; ${maven.multiModuleProjectDirectory} is the
    // root of whichever copy of the tree a test JVM runs in (JvmCommand puts it in).
    String argLine = parent.property("labs.argLine").orElse("")
        .replace("${project.version}", parent.version().orElse("${project.version}"));
    return new Course(dir, List.copyOf(labs), Arrays.stream(argLine.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
  }

  public Path root() {
    return root;
  }

  public List<Lab> labs() {
    return labs;
  }

  /**
   * The JVM flags of the parent pom's {@code labs.argLine}; the race agent's path still holds
   * {@code ${maven.multiModuleProjectDirectory}} for the tree it runs in.
   */
  public List<String> argLine() {
    return argLine;
  }

  public Optional<Lab> lab(String name) {
    return labs.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The labs named (all when none is), or an error naming the labs there are. */
  public List<Lab> select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return labs;
    }
    List<Lab> out = new ArrayList<>();
    for (String n : names) {
      out.add(lab(n).or(() -> labs.stream().filter(l -> l.name().startsWith(n)).findFirst())
          .orElseThrow(() -> new IllegalArgumentException("no lab '" + n + "' in this course; its labs are "
              + labs.stream().map(Lab::name).toList())));
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** Whether {@code relative} (forward slashes, from the root) is a file a student may edit. */
  public boolean isStudentFile(String relative) {
    return labs.stream().anyMatch(l -> relative.startsWith(l.studentPrefix()));
  }

  /** The lab whose student folder holds {@code relative}, if any. */
  public Optional<Lab> labOfStudentFile(String relative) {
    return labs.stream().filter(l -> relative.startsWith(l.studentPrefix())).findFirst();
  }
}
