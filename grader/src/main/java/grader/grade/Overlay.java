package grader.grade;

import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Lab;
import grader.course.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a submission's files: the student files of each lab (Java files under a lab's
 * {@code src/student/java}, or loose Java files placed by their {@code package} line), tampering
 * (a given file changed, or a build or test file added: reported, never used), and files that
 * play no part. The submission may be a whole course tree, one nested a folder deep, or loose
 * files.
 */
public final class Overlay {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

  /**
   * @param studentFiles per lab, student file path (relative to {@code src/student/java}) to the submitted file
   * @param tampering one line per changed or added given file
   * @param ignored files that play no part, with why
   */
  public record Sorted(Map<String, Map<String, Path>> studentFiles, List<String> tampering, List<String> ignored) {
    public List<String> labsWithFiles() {
      return List.copyOf(studentFiles.keySet());
    }
  }

  private Overlay() {}

  public static Sorted sort(Course course, Manifest manifest, Path submitted) {
    Path root = findRoot(course, submitted);
    Map<String, Map<String, Path>> student = new TreeMap<>();
    List<String> tampering = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String rel : FileTrees.files(root, f -> true)) {
      Path file = root.resolve(rel);
      Optional<Lab> lab = course.labOfStudentFile(rel);
      if (lab.isPresent()) {
        String inLab = rel.substring(lab.get().studentPrefix().length());
        if (rel.endsWith(".java")) {
          student.computeIfAbsent(lab.get().name(), k -> new TreeMap<>()).put(inLab, file);
        } else {
          ignored.add(rel + " (only .java files of the student folder are used)");
        }
        continue;
      }
      String hash = manifest.files().get(rel);
      if (hash != null) {
        if (!hash.equals(FileTrees.sha256(file))) {
          tampering.add(rel + " differs from the course's copy: the course's copy was used");
        }
        continue;
      }
      if (Manifest.isInstructorOnly(rel) || rel.equals(Manifest.FILE)) {
        continue;
      }
      if (isBuildOrTest(rel)) {
        tampering.add(rel + " was added outside the student folders: ignored");
        continue;
      }
      if (rel.endsWith(".java") && !rel.contains("/src/")) {
        Optional<String> placed = place(course, file);
        if (placed.isPresent()) {
          String[] parts = placed.get().split("\\|", 2);
          student.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(parts[1], file);
          continue;
        }
        ignored.add(rel + " (its package matches no lab's student files)");
        continue;
      }
      ignored.add(rel);
    }
    return new Sorted(student, tampering, ignored);
  }

  /** A build file (pom, Maven config, wrapper) or a file under a test source folder. */
  static boolean isBuildOrTest(String rel) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    return name.equals("pom.xml") || name.equals("mvnw") || rel.startsWith(".mvn/") || rel.contains("/src/test")
        || rel.contains("/src/main/") || rel.startsWith("src/");
  }

  /**
   * The folder of the submission that corresponds to the course root: the first (shallowest)
   * folder holding a lab's folder, or the submission itself.
   */
  static Path findRoot(Course course, Path submitted) {
    List<Path> level = List.of(submitted);
    for (int depth = 0; depth < 3; depth++) {
      List<Path> next = new ArrayList<>();
      for (Path dir : level) {
        for (Lab lab : course.labs()) {
          if (Files.isDirectory(dir.resolve(lab.name()))) {
            return dir;
          }
        }
        try (var list = Files.list(dir)) {
          list.filter(Files::isDirectory).sorted().forEach(next::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      level = next;
    }
    return submitted;
  }

  /** Places a loose Java file: "lab|pkg/dir/Name.java" for the lab whose student files use its package. */
  static Optional<String> place(Course course, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    Matcher m = PACKAGE.matcher(text);
    String pkgDir = m.find() ? m.group(1).replace('.', '/') : "";
    Map<String, String> found = new LinkedHashMap<>();
    for (Lab lab : course.labs()) {
      if (!pkgDir.isEmpty() && Files.isDirectory(lab.studentDir().resolve(pkgDir))) {
        found.put(lab.name(), pkgDir + "/" + file.getFileName());
      }
    }
    return found.size() == 1 ? Optional.of(found.keySet().iterator().next() + "|" + found.values().iterator().next())
        : Optional.empty();
  }
}
