package grader.build;

import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Lab;
import grader.course.Manifest;
import grader.exec.ForkResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lays out course trees and compiles them with the course's own build. The pristine tree (given
 * files from the manifest plus the skeleton) is built once; a submission's tree is a copy of it,
 * build output of the framework included (so Maven finds that up to date), with the graded labs'
 * output removed and the student's files laid on top.
 */
public final class TreeBuilder {
  /** The course's profile that builds later labs on Lab 2's reference Raft. */
  public static final String REFERENCE_RAFT_PROFILE = "reference-raft";
  /** What that profile compiles: the only reference a graded tree may hold. */
  private static final String REFERENCE_RAFT = "lab2-raft/" + Lab.SOLUTION;

  private final Course course;
  private final Manifest manifest;
  private final Maven maven;

  public TreeBuilder(Course course, Manifest manifest, Maven maven) {
    this.course = course;
    this.manifest = manifest;
    this.maven = maven;
  }

  public Course course() {
    return course;
  }

  public Manifest manifest() {
    return manifest;
  }

  /**
   * Writes the given files and, per lab, the student files of {@code studentFiles} (lab name to a
   * folder laid onto {@code src/student/java}; labs not in it keep the course's own files).
   */
  public void layOut(Path tree, Map<String, Path> studentFiles) {
    FileTrees.delete(tree);
    FileTrees.copy(course.root(), tree, List.copyOf(manifest.files().keySet()));
    for (Lab lab : course.labs()) {
      Path from = studentFiles.getOrDefault(lab.name(), lab.studentDir());
      Path to = tree.resolve(lab.name()).resolve(Lab.STUDENT);
      FileTrees.copy(from, to, FileTrees.files(from, f -> true));
    }
    if (maven.profiles().contains(REFERENCE_RAFT_PROFILE)) {
      // Grading Labs 3-4 apart from Lab 2: the reference Raft goes into the tree, compiled by the
      // profile in place of the student's (student code may not read files, so it stays unseen).
      Path from = course.root().resolve(REFERENCE_RAFT);
      if (!Files.isDirectory(from)) {
        throw new IllegalArgumentException("--reference-raft needs Lab 2's reference Raft (" + REFERENCE_RAFT
            + "), and this course tree has none: run it in the instructors' tree, not a student release");
      }
      FileTrees.copy(from, tree.resolve(REFERENCE_RAFT), FileTrees.files(from, f -> true));
    }
  }

  /** A copy of a built tree with the output of {@code labs} removed, for a submission to be laid on. */
  public void copyBuilt(BuiltTree pristine, Path tree, List<Lab> labs) {
    FileTrees.delete(tree);
    FileTrees.copyAll(pristine.root(), tree);
    for (Lab lab : labs) {
      FileTrees.delete(tree.resolve(lab.name()).resolve("target"));
      FileTrees.delete(tree.resolve(lab.name()).resolve(Lab.STUDENT));
      FileTrees.copy(lab.studentDir(), tree.resolve(lab.name()).resolve(Lab.STUDENT),
          FileTrees.files(lab.studentDir(), f -> true));
    }
  }

  /**
   * What became of a build: the tree with the labs that compiled, and the compiler's messages for
   * those that did not.
   */
  public record Outcome(BuiltTree tree, Map<String, String> errors, ForkResult process) {
    public boolean ok() {
      return errors.isEmpty();
    }

    public String allErrors() {
      return String.join("\n", errors.values());
    }
  }

  /**
   * Compiles {@code labs} (and what they need) and resolves their test class paths; a lab that
   * fails does not stop the others ({@code --fail-at-end}).
   */
  public Outcome build(Path tree, List<Lab> labs, Path log) {
    return build(tree, labs, log, null);
  }

  /**
   * As {@link #build(Path, List, Path)}; with {@code like} (a built copy of the same course, whose
   * poms are the same), a single lab's class path is taken from it instead of asking Maven again.
   */
  public Outcome build(Path tree, List<Lab> labs, Path log, BuiltTree like) {
    String modules = labs.stream().map(Lab::name).collect(Collectors.joining(","));
    for (Lab lab : labs) {
      FileTrees.delete(tree.resolve(lab.name()).resolve(BuiltTree.CLASSPATH_FILE));
    }
    boolean reuse = like != null && labs.size() == 1;
    List<String> args = new java.util.ArrayList<>(List.of("-q", "-fae", "test-compile"));
    if (!reuse) {
      args.addAll(List.of("dependency:build-classpath", "-Dmdep.outputFile=" + BuiltTree.CLASSPATH_FILE,
          "-Dmdep.includeScope=test"));
    }
    // the stale-file check (not the incremental one, which keeps absolute paths) sees the copied
    // framework classes as up to date
    args.addAll(List.of("-Dmaven.compiler.useIncrementalCompilation=false", "-pl", modules));
    ForkResult r = maven.run(tree, log, args);
    if (reuse) {
      Lab lab = labs.getFirst();
      if (r.exitCode() == 0 && r.killed() == null) {
        return new Outcome(like.relocated(tree, lab), Map.of(), r);
      }
      return new Outcome(new BuiltTree(tree, Map.of()), Map.of(lab.name(), compilerMessages(tree, r)), r);
    }
    List<Lab> built = new java.util.ArrayList<>();
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    String messages = r.exitCode() == 0 && r.killed() == null ? "" : compilerMessages(tree, r);
    for (Lab lab : labs) {
      if (r.killed() == null && Files.isRegularFile(tree.resolve(lab.name()).resolve(BuiltTree.CLASSPATH_FILE))) {
        built.add(lab);
      } else {
        String own = messages.lines().filter(l -> l.contains(lab.name() + "/") || l.contains(lab.name() + " "))
            .collect(Collectors.joining("\n"));
        errors.put(lab.name(), own.isBlank() ? messages : own);
      }
    }
    return new Outcome(BuiltTree.of(tree, course, built), errors, r);
  }

  /** The compiler's error lines with paths shown relative to the tree, bounded. */
  static String compilerMessages(Path tree, ForkResult r) {
    if (r.timedOut()) {
      return "the build did not finish within its time limit";
    }
    String all;
    try {
      all = Files.readString(r.log());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String prefix = tree.toAbsolutePath() + "/";
    List<String> lines = all.lines().filter(l -> l.startsWith("[ERROR]") && !l.contains("-> [Help")
        && !l.contains("re-run Maven") && !l.contains("Re-run Maven") && !l.contains("cwiki.apache.org")
        && !l.equals("[ERROR] ") && !l.contains("full stack trace") && !l.contains("For more information about")
        && !l.contains("After correcting the problems") && !l.contains("mvn <args> -rf"))
        .map(l -> l.replace(prefix, "")).distinct().limit(40).toList();
    String text = lines.isEmpty() ? all.lines().limit(40).collect(Collectors.joining("\n")) : String.join("\n", lines);
    return text.isBlank() ? "the build failed (exit status " + r.exitCode() + ") and printed nothing" : text;
  }
}
