package grader.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Walking, copying, hashing and deleting file trees; paths are relative with forward slashes. */
public final class FileTrees {
  /** Folder names never part of a course tree: build output, version control, IDE state. */
  public static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", ".idea", ".vscode", ".settings",
      ".jqwik-database", "node_modules");

  /** A file the grader writes into its output folder, so that no walk of a course tree enters it. */
  public static final String OUTPUT_MARKER = ".grader-output";

  private FileTrees() {}

  /** Every regular file under {@code root} (symbolic links are not followed or listed), sorted. */
  public static List<String> files(Path root, Predicate<String> keep) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          boolean skip = !dir.equals(root) && (SKIPPED_DIRS.contains(dir.getFileName().toString())
              || Files.exists(dir.resolve(OUTPUT_MARKER)));
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String rel = relative(root, file);
          if (attrs.isRegularFile() && !SKIPPED_DIRS.contains(file.getFileName().toString()) && keep.test(rel)) {
            out.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  public static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** Copies the listed files from one root to another, keeping their times and permissions. */
  public static void copy(Path from, Path to, List<String> files) {
    try {
      for (String f : files) {
        Path target = to.resolve(f);
        Files.createDirectories(target.getParent());
        Files.copy(from.resolve(f), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a whole folder (build output included), keeping times so that Maven sees it up to date. */
  public static void copyAll(Path from, Path to) {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a folder and everything in it; a missing folder is fine. */
  public static void delete(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
