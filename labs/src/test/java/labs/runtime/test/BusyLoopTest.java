package labs.runtime.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyLoopTest {
  @Test
  void busyLoopIsReportedWithItsStackAndTheJvmStops(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), BusyLoopMain.class.getName())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor();
    }
    String output = Files.readString(out);
    assertThat(exited).as("the JVM must stop by itself; output:\n" + output).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(output).contains("BUSY_LOOP").contains("tester/spinner").contains("BusyLoopMain.spin")
        .doesNotContain("not reached");
    assertThat(dir.resolve("target/labs-traces/BUSY-LOOP.txt")).exists();
  }
}
