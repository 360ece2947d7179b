package grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import grader.course.Course;
import grader.course.Manifest;
import grader.grade.ClassFiles;
import grader.grade.Intake;
import grader.grade.Overlay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Taking submissions in (folders, archives, git) and sorting their files; slicing a class. */
class IntakeAndOverlayTest {
  static Course course;
  static Manifest manifest;

  @BeforeAll
  static void readTheCourse() {
    course = Course.at(Fixtures.COURSE);
    manifest = Manifest.compute(course);
  }

  @Test
  void theLabsAreTheParentPomsLabModules() {
    assertThat(course.labs()).extracting(l -> l.name()).contains("lab1-mapreduce", "lab2-raft")
        .allMatch(n -> n.startsWith("lab") && !n.equals("labs"));
    assertThat(course.argLine()).contains("--add-opens");
  }

  @Test
  void eachTestJvmGetsTheRaceAgentOfItsOwnTreeAndTheSwitch() {
    Path tree = Fixtures.out("a-copy-of-the-tree");
    List<String> on = new grader.exec.JvmCommand(course.argLine(), "1g", true)
        .command(tree, List.of("cp"), List.of(), "run");
    assertThat(on).anyMatch(f -> f.startsWith("-javaagent:" + tree.toAbsolutePath().normalize() + "/labs/target/labs-")
        && f.endsWith("-race-agent.jar") && !f.contains("${")).contains("-Dlabs.race=true");
    assertThat(new grader.exec.JvmCommand(course.argLine(), "1g", false).command(tree, List.of("cp"), List.of(), "run"))
        .contains("-Dlabs.race=false");
  }

  @Test
  void looseFilesArePlacedByTheirPackageAndGivenFilesThatChangedAreTampering() {
    Path sub = Fixtures.out("overlay").resolve("repo-main");
    Fixtures.write(sub.resolve("Raft.java"), "package raft;\nclass X {}\n");
    Fixtures.write(sub.resolve("notes.txt"), "hello");
    Fixtures.write(sub.resolve("lab2-raft/src/test/java/raft/ElectionTest.java"), "changed");
    Fixtures.write(sub.resolve("lab2-raft/src/test/java/raft/NewTest.java"), "added");
    Overlay.Sorted s = Overlay.sort(course, manifest, sub.getParent());
    assertThat(s.studentFiles()).containsOnlyKeys("lab2-raft");
    assertThat(s.studentFiles().get("lab2-raft")).containsOnlyKeys("raft/Raft.java");
    assertThat(s.tampering()).anyMatch(t -> t.startsWith("lab2-raft/src/test/java/raft/ElectionTest.java differs"))
        .anyMatch(t -> t.startsWith("lab2-raft/src/test/java/raft/NewTest.java was added"));
    assertThat(s.ignored()).anyMatch(i -> i.contains("notes.txt"));
  }

  @Test
  void archivesUnpackAndNoEntryLeavesItsFolder() throws IOException {
    Path dir = Fixtures.out("intake");
    Path zip = dir.resolve("alice.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
      entry(z, "alice/lab2-raft/src/student/java/raft/Raft.java", "package raft;");
    }
    Path tgz = dir.resolve("bob.tar.gz");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tgz)))) {
      byte[] b = "package raft;".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("lab2-raft/src/student/java/raft/Raft.java");
      e.setSize(b.length);
      t.putArchiveEntry(e);
      t.write(b);
      t.closeArchiveEntry();
    }
    Path evil = dir.resolve("evil.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(evil)) {
      entry(z, "../../escaped.txt", "x");
    }
    for (Path p : List.of(zip, tgz)) {
      Intake.Taken t = Intake.take(p, dir.resolve("taken-" + Intake.idOf(p)), null, null, dir.resolve("log"));
      assertThat(Overlay.sort(course, manifest, t.files()).studentFiles().get("lab2-raft")).containsKey("raft/Raft.java");
    }
    assertThatThrownBy(() -> Intake.take(evil, dir.resolve("taken-evil"), null, null, dir.resolve("log")))
        .hasMessageContaining("leaves its folder");
    assertThat(ClassFiles.submissions(dir)).extracting(Intake::idOf).contains("alice", "bob", "evil");
  }

  @Test
  void aGitRepositoryIsGradedAtTheLastCommitBeforeTheDeadline() throws Exception {
    Path repo = Fixtures.out("git").resolve("carol");
    Fixtures.write(repo.resolve("lab2-raft/src/student/java/raft/Raft.java"), "first");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=c", "-c", "user.email=c@x", "commit", "-q", "-m", "one", "--date=2026-01-01T10:00:00");
    Fixtures.write(repo.resolve("lab2-raft/src/student/java/raft/Raft.java"), "second");
    git(repo, "-c", "user.name=c", "-c", "user.email=c@x", "commit", "-q", "-am", "two", "--date=2026-01-03T10:00:00");
    Intake.Taken t = Intake.take(repo, repo.resolveSibling("taken"), null, "2026-01-02T00:00:00", repo.resolveSibling("log"));
    assertThat(Fixtures.read(t.files().resolve("lab2-raft/src/student/java/raft/Raft.java"))).isEqualTo("first");
    assertThat(t.commit()).hasSize(40);
  }

  @Test
  void shardsAreDisjointAndCoverTheClass() {
    List<Integer> all = List.of(1, 2, 3, 4, 5);
    assertThat(ClassFiles.shard(all, 1, 2)).containsExactly(1, 3, 5);
    assertThat(ClassFiles.shard(all, 2, 2)).containsExactly(2, 4);
    assertThatThrownBy(() -> ClassFiles.shard(all, 3, 2)).hasMessageContaining("1 <= i <= n");
  }

  private static void entry(ZipArchiveOutputStream z, String name, String text) throws IOException {
    z.putArchiveEntry(new ZipArchiveEntry(name));
    z.write(text.getBytes(StandardCharsets.UTF_8));
    z.closeArchiveEntry();
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO();
    pb.environment().put("GIT_COMMITTER_DATE", args.length > 0 && String.join(" ", args).contains("2026-01-03")
        ? "2026-01-03T10:00:00" : "2026-01-01T10:00:00");
    assertThat(pb.start().waitFor()).isZero();
  }
}
