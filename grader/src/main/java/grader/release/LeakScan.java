package grader.release;

import grader.course.Course;
import grader.course.FileTrees;
import grader.course.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks for any trace of the reference solutions in an exported tree: a solution folder, a file
 * with the same bytes as a solution file, or a file holding a line of solution code that no given
 * or skeleton file has (a copied method).
 */
public final class LeakScan {
  /** Lines shorter than this (braces, common statements) say nothing about where they came from. */
  static final int MIN_LINE = 40;

  private LeakScan() {}

  /** Lines of solution code found in no given or skeleton file, each with its file. */
  public static Map<String, String> distinctiveLines(Course course) {
    Map<String, String> distinctive = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (String f : FileTrees.files(course.root(), rel -> !Manifest.isInstructorOnly(rel) && rel.endsWith(".java"))) {
      lines(course.root().resolve(f)).forEach(shared::add);
    }
    for (String f : FileTrees.files(course.root(), Manifest::isInstructorOnly)) {
      for (String line : lines(course.root().resolve(f))) {
        if (line.length() >= MIN_LINE && !shared.contains(line) && !line.startsWith("*") && !line.startsWith("//")
            && !line.startsWith("import ")) {
          distinctive.putIfAbsent(line, f);
        }
      }
    }
    return distinctive;
  }

  public static List<String> findings(Course course, Path export) {
    List<String> out = new ArrayList<>();
    List<String> exported = FileTrees.files(export, f -> true);
    Set<String> solutionHashes = new HashSet<>();
    for (String f : FileTrees.files(course.root(), Manifest::isInstructorOnly)) {
      solutionHashes.add(FileTrees.sha256(course.root().resolve(f)));
    }
    Map<String, String> distinctive = distinctiveLines(course);
    for (String f : exported) {
      if (Manifest.isInstructorOnly(f)) {
        out.add(f + ": a solution folder is in the release");
        continue;
      }
      Path p = export.resolve(f);
      if (solutionHashes.contains(FileTrees.sha256(p))) {
        out.add(f + ": has the same bytes as a reference solution file");
        continue;
      }
      for (String line : lines(p)) {
        String from = distinctive.get(line);
        if (from != null) {
          out.add(f + ": holds a line of " + from + ": " + line);
          break;
        }
      }
    }
    return out;
  }

  /** The trimmed lines of a text file (none for a binary one). */
  static List<String> lines(Path p) {
    try {
      byte[] bytes = Files.readAllBytes(p);
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return text.lines().map(String::strip).toList();
    } catch (CharacterCodingException e) {
      return List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
