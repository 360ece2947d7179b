package grader.grade;

import grader.course.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of every file of a submission's work folder (its built tree included, test classes
 * and all), taken after the build and compared after the tests: student code that wrote outside
 * its scratch folder (changed a test class, left a file beside the tree) shows up here.
 */
record TreeSnapshot(Map<String, String> files) {
  static TreeSnapshot of(Path root, Path except) {
    Map<String, String> files = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.equals(except) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String rel = FileTrees.relative(root, file);
          files.put(rel, attrs.isRegularFile() ? FileTrees.sha256(file) : "special");
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TreeSnapshot(files);
  }

  /** Files added, changed or removed since this snapshot. */
  List<String> changes(TreeSnapshot after) {
    List<String> out = new ArrayList<>();
    for (var e : after.files.entrySet()) {
      String before = files.get(e.getKey());
      if (before == null) {
        out.add(e.getKey() + " (added)");
      } else if (!before.equals(e.getValue())) {
        out.add(e.getKey() + " (changed)");
      }
    }
    for (String k : files.keySet()) {
      if (!after.files.containsKey(k)) {
        out.add(k + " (removed)");
      }
    }
    return out;
  }
}
