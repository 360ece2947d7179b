package mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the given programs ends in one clear line on stderr and a non-zero exit status,
 * quickly: never a bare stack trace, never a hang. (These test given code, so they pass on the
 * skeleton too and carry no points.)
 */
@Tag("1")
class CommandLineTest {
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** What a finished program left behind. */
  private record Exit(int status, String stderr) {}

  @Test
  @DisplayName("coordinator: a missing input file is a usage error")
  void missingInputFile() throws Exception {
    Files.writeString(dir.resolve("present.txt"), "some words");
    Exit exit = run(CoordinatorMain.class, "present.txt", "missing.txt");
    assertOneLineError(exit, Cli.USAGE, "coordinator: cannot read input file 'missing.txt': no such file");
  }

  @Test
  @DisplayName("coordinator: a directory is not an input file")
  void directoryAsInputFile() throws Exception {
    Files.createDirectory(dir.resolve("folder"));
    Exit exit = run(CoordinatorMain.class, "folder");
    assertOneLineError(exit, Cli.USAGE, "coordinator: cannot read input file 'folder': it is a directory");
  }

  @Test
  @DisplayName("coordinator: no input files is a usage error")
  void noInputFiles() throws Exception {
    Exit exit = run(CoordinatorMain.class);
    assertOneLineError(exit, Cli.USAGE, "coordinator: Missing required parameter");
  }

  @Test
  @DisplayName("coordinator: a port in use is reported, not a stack trace")
  void portInUse() throws Exception {
    Files.writeString(dir.resolve("input.txt"), "some words");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(Rmi.LOOPBACK))) {
      Exit exit = run(CoordinatorMain.class, "--port", Integer.toString(taken.getLocalPort()),
          "input.txt");
      assertOneLineError(exit, Cli.FAILURE, "the port is in use");
    }
  }

  @Test
  @DisplayName("worker: an unknown app name lists the known ones")
  void unknownApp() throws Exception {
    Exit exit = run(WorkerMain.class, "--port", "1", "wordcount");
    assertOneLineError(exit, Cli.USAGE, "worker: unknown app 'wordcount': the built-in apps are");
    assertThat(exit.stderr()).contains("indexer, jobcount").contains("wc");
  }

  @Test
  @DisplayName("worker: a missing app jar is a usage error")
  void missingJar() throws Exception {
    Exit exit = run(WorkerMain.class, "--jar", "nowhere.jar", "org.example.Grep");
    assertOneLineError(exit, Cli.USAGE, "worker: cannot read app jar 'nowhere.jar'");
  }

  @Test
  @DisplayName("worker: started without a coordinator, it gives up after --connect-timeout")
  void workerWithoutCoordinator() throws Exception {
    int port = MapReduceTester.freePort();
    Exit exit = run(WorkerMain.class, "--port", Integer.toString(port), "--connect-timeout", "2", "wc");
    assertOneLineError(exit, Cli.FAILURE,
        "worker: no coordinator answered at 127.0.0.1:" + port + " within 2 s");
  }

  @Test
  @DisplayName("worker: without --port and without a port file, it says where it looked")
  void workerWithoutPortFile() throws Exception {
    Exit exit = run(WorkerMain.class, "--connect-timeout", "1", "wc");
    assertOneLineError(exit, Cli.FAILURE, "no --port given and no " + PortFile.NAME);
  }

  @Test
  @DisplayName("sequential: writes mr-out-0 with the sequential runner's lines")
  void sequentialWritesOutput() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "the cat saw the dog");
    Exit exit = run(SequentialMain.class, "wc", "a.txt");
    assertThat(exit.status()).as("exit status, stderr: %s", exit.stderr()).isZero();
    assertThat(Files.readAllLines(dir.resolve(SequentialMain.OUTPUT)))
        .containsExactly("cat 1", "dog 1", "saw 1", "the 2");
  }

  private Exit run(Class<?> main, String... args) throws InterruptedException {
    try (JvmProcess process = JvmProcess.start(main.getSimpleName(), dir, dir.resolve("logs"),
        JvmProcess.TEST_JVM_OPTIONS, main, List.of(args), Map.of())) {
      OptionalInt status = process.await(PROCESS_TIMEOUT);
      assertThat(status)
          .as("%s %s must exit within %s s, but hangs:%n%s", main.getSimpleName(), List.of(args),
              PROCESS_TIMEOUT.toSeconds(), process.tail(10))
          .isPresent();
      return new Exit(status.getAsInt(), process.stderr());
    }
  }

  private static void assertOneLineError(Exit exit, int status, String expectedText) {
    List<String> lines = exit.stderr().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).as("stderr must be exactly one line, but was:%n%s", exit.stderr()).hasSize(1);
    assertThat(lines.getFirst()).contains(expectedText);
    assertThat(exit.status()).as("exit status (stderr: %s)", lines.getFirst()).isEqualTo(status);
  }
}
