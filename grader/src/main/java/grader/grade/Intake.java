package grader.grade;

import grader.course.FileTrees;
import grader.exec.Fork;
import grader.exec.ForkResult;
import grader.exec.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Brings one submission into a plain folder of its files: a folder is copied, a {@code .zip} or
 * {@code .tar.gz} is unpacked (no entry may leave the folder; links are skipped; sizes are
 * capped), a git repository (a clone or a bare repository) is cloned and checked out at the
 * given commit, at the last commit before the deadline, or at HEAD: what was committed is what
 * is graded.
 */
public final class Intake {
  /** An archive may not unpack to more than this. */
  static final long MAX_BYTES = 200L << 20;
  static final int MAX_FILES = 20_000;

  /** Where the files came from (the commit, for git). */
  public record Taken(Path files, String commit) {}

  private Intake() {}

  public static boolean isSubmission(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isDirectory(p) ? !n.startsWith(".") : n.endsWith(".zip") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
  }

  /** The submission's id: its file name without the archive suffix. */
  public static String idOf(Path p) {
    String n = p.getFileName().toString();
    for (String s : List.of(".tar.gz", ".tgz", ".zip", ".git")) {
      if (n.toLowerCase(Locale.ROOT).endsWith(s)) {
        return n.substring(0, n.length() - s.length());
      }
    }
    return n;
  }

  public static Taken take(Path source, Path into, String commit, String deadline, Path log) {
    FileTrees.delete(into);
    try {
      Files.createDirectories(into);
      String n = source.getFileName().toString().toLowerCase(Locale.ROOT);
      if (Files.isDirectory(source) && (Files.exists(source.resolve(".git")) || n.endsWith(".git"))) {
        return new Taken(into, gitCheckout(source, into, commit, deadline, log));
      }
      if (Files.isDirectory(source)) {
        FileTrees.copy(source, into, FileTrees.files(source, f -> true));
      } else if (n.endsWith(".zip")) {
        unpack(new ZipArchiveInputStream(Files.newInputStream(source)), into, source);
      } else if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
        unpack(new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(source))), into, source);
      } else {
        throw new IllegalArgumentException(source + " is not a folder, a .zip, a .tar.gz or a git repository");
      }
      return new Taken(into, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the submission " + source + ": " + e.getMessage(), e);
    }
  }

  private static void unpack(ArchiveInputStream<? extends ArchiveEntry> in, Path into, Path source) throws IOException {
    try (in) {
      long total = 0;
      int files = 0;
      for (ArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IllegalArgumentException(source + " has an entry that leaves its folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        if (e instanceof org.apache.commons.compress.archivers.tar.TarArchiveEntry t && !t.isFile()) {
          continue;
        }
        if (++files > MAX_FILES) {
          throw new IllegalArgumentException(source + " has more than " + MAX_FILES + " files");
        }
        Files.createDirectories(target.getParent());
        long copied = copyBounded(in, target, MAX_BYTES - total);
        total += copied;
      }
    }
  }

  private static long copyBounded(InputStream in, Path target, long budget) throws IOException {
    try (var out = Files.newOutputStream(target)) {
      byte[] buf = new byte[1 << 16];
      long n = 0;
      for (int r; (r = in.read(buf)) > 0; ) {
        n += r;
        if (n > budget) {
          throw new IllegalArgumentException("the submission unpacks to more than " + (MAX_BYTES >> 20) + " MB");
        }
        out.write(buf, 0, r);
      }
      return n;
    }
  }

  private static String gitCheckout(Path repo, Path into, String commit, String deadline, Path log) {
    run(List.of("git", "clone", "--quiet", "--no-hardlinks", repo.toAbsolutePath().toString(), into.toString()),
        into.getParent(), log);
    String rev = commit != null ? commit : "HEAD";
    if (deadline != null) {
      String before = run(List.of("git", "rev-list", "-1", "--before=" + deadline, rev), into, log).strip();
      if (before.isEmpty()) {
        throw new IllegalArgumentException(repo + " has no commit before the deadline " + deadline);
      }
      rev = before;
    }
    run(List.of("git", "-c", "advice.detachedHead=false", "checkout", "--quiet", rev), into, log);
    String sha = run(List.of("git", "rev-parse", "HEAD"), into, log).strip();
    FileTrees.delete(into.resolve(".git"));
    return sha;
  }

  private static String run(List<String> cmd, Path dir, Path log) {
    ForkResult r = Fork.run(cmd, dir, Map.of("GIT_TERMINAL_PROMPT", "0"), null, log,
        new Limits(Duration.ofMinutes(2), "64m", 4L << 20));
    if (r.exitCode() != 0 || r.killed() != null) {
      throw new IllegalArgumentException(String.join(" ", cmd) + " failed: " + r.output().strip());
    }
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
