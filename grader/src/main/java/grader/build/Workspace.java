package grader.build;

import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Lab;
import grader.course.Manifest;
import grader.exec.Discovery;
import grader.exec.JvmCommand;
import grader.exec.TestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grader's output folder and what every command shares: the course, its manifest, the
 * pristine tree built once, and the tests discovered from it. Nothing is written outside
 * {@code out}.
 */
public final class Workspace {
  private final Course course;
  private final Path out;
  private final TreeBuilder builder;
  private final JvmCommand jvm;
  private BuiltTree pristine;
  private boolean pristineReused;
  private final Map<String, List<TestCase>> tests = new LinkedHashMap<>();

  private final Path work;

  /** A workspace whose scratch and pristine build go in {@code work} (null: {@code out/.work}). */
  public Workspace(Course course, Path out, Path work, Maven maven, String heap, boolean race) {
    this.course = course;
    this.out = out.toAbsolutePath().normalize();
    this.work = work == null ? this.out.resolve(".work") : work.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.out);
      Files.writeString(this.out.resolve(FileTrees.OUTPUT_MARKER), "written by the grader; never part of a course tree\n");
      Files.createDirectories(this.work);
      Files.writeString(this.work.resolve(FileTrees.OUTPUT_MARKER), "written by the grader; never part of a course tree\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the output folder " + this.out + ": " + e.getMessage(), e);
    }
    this.builder = new TreeBuilder(course, Manifest.of(course), maven);
    this.jvm = new JvmCommand(course.argLine(), heap, race);
  }

  public Course course() {
    return course;
  }

  public Path out() {
    return out;
  }

  public Path work() {
    return work;
  }

  public TreeBuilder builder() {
    return builder;
  }

  public JvmCommand jvm() {
    return jvm;
  }

  /** The course's given files and skeleton, built once per run of the grader. */
  public synchronized BuiltTree pristine() {
    if (pristine == null) {
      Path tree = work().resolve("pristine");
      Path stamp = work().resolve("pristine.fingerprint");
      String fingerprint = fingerprint();
      try {
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
          pristine = BuiltTree.of(tree, course, course.labs());
          pristineReused = true;
          return pristine;
        }
        Files.deleteIfExists(stamp);
      } catch (IOException | UncheckedIOException e) {
        // not reusable: build it again
      }
      builder.layOut(tree, Map.of());
      TreeBuilder.Outcome o = builder.build(tree, course.labs(), work().resolve("pristine-build.log"));
      if (!o.ok()) {
        throw new IllegalStateException("the course itself does not build (log: " + o.process().log() + "):\n"
            + o.allErrors());
      }
      pristine = o.tree();
      try {
        Files.writeString(stamp, fingerprint);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pristine;
  }

  /** What the pristine tree is made of: every given file's hash and the skeleton's. */
  private String fingerprint() {
    StringBuilder sb = new StringBuilder(System.getProperty("java.home")).append('\n');
    builder.manifest().files().forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
    for (Lab lab : course.labs()) {
      for (String f : FileTrees.files(lab.studentDir(), x -> true)) {
        sb.append(lab.name()).append('/').append(f).append(' ').append(FileTrees.sha256(lab.studentDir().resolve(f)))
            .append('\n');
      }
    }
    return FileTrees.sha256(sb.toString());
  }

  /** A lab's tests, discovered from the pristine build (given tests: the same for every submission). */
  public synchronized List<TestCase> tests(Lab lab) {
    BuiltTree built = pristine();
    return tests.computeIfAbsent(lab.name(), n -> pristineReused
        ? Discovery.cached(built, lab, jvm, work().resolve("discovery"))
        : Discovery.tests(built, lab, jvm, work().resolve("discovery")));
  }

  /** A lab's tests as discovered in another built tree (for {@code run}, which builds its own). */
  public List<TestCase> tests(BuiltTree tree, Lab lab) {
    return Discovery.tests(tree, lab, jvm, work().resolve("discovery-" + tree.root().getFileName()));
  }
}
