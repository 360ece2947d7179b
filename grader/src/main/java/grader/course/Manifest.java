package grader.course;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of every given file of the course (everything but the student folders, the
 * reference solutions and build output). Grading builds a submission from these files only, and
 * any submitted file that differs from its entry is reported as tampering. A release ships it as
 * {@value #FILE} at its root.
 */
public record Manifest(Map<String, String> files) {
  public static final String FILE = "grader-manifest.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** Whether a course file is given (not a student's, not the instructors' only). */
  public static boolean isGiven(Course course, String relative) {
    return !course.isStudentFile(relative) && !isInstructorOnly(relative) && !relative.equals(FILE);
  }

  /** The reference solutions and the tests of the tests: never in a student's tree. */
  public static boolean isInstructorOnly(String relative) {
    return relative.contains("/src/solution/") || relative.contains("/src/test-solution/")
        || relative.startsWith("src/solution/") || relative.startsWith("src/test-solution/");
  }

  /** The course's shipped manifest if it has one (checked against the tree), else one computed now. */
  public static Manifest of(Course course) {
    Manifest computed = compute(course);
    Path shipped = course.root().resolve(FILE);
    if (Files.isRegularFile(shipped)) {
      Manifest m = read(shipped);
      List<String> changed = m.differences(computed);
      if (!changed.isEmpty()) {
        throw new IllegalStateException("the course tree at " + course.root() + " no longer matches its " + FILE
            + " (" + changed.size() + " file(s) differ, for example " + changed.getFirst()
            + "): restore the release or delete the manifest to grade against the tree as it is");
      }
      return m;
    }
    return computed;
  }

  public static Manifest compute(Course course) {
    Map<String, String> files = new TreeMap<>();
    for (String f : FileTrees.files(course.root(), rel -> isGiven(course, rel))) {
      files.put(f, FileTrees.sha256(course.root().resolve(f)));
    }
    return new Manifest(files);
  }

  public static Manifest read(Path file) {
    try {
      Map<String, String> m = GSON.fromJson(Files.readString(file), new TypeToken<TreeMap<String, String>>() {}.getType());
      return new Manifest(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(Path file) {
    try {
      Files.writeString(file, GSON.toJson(new TreeMap<>(files)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files whose hash differs, or that one side lacks. */
  public List<String> differences(Manifest other) {
    List<String> out = new ArrayList<>();
    for (var e : files.entrySet()) {
      if (!e.getValue().equals(other.files.get(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    for (String k : other.files.keySet()) {
      if (!files.containsKey(k)) {
        out.add(k);
      }
    }
    return out;
  }
}
