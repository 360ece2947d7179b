package grader.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process under {@link Limits}: its output (stdout and stderr merged) goes to a log
 * file and is counted as it arrives; past the output cap or the wall time, the whole process tree
 * is killed. Nothing the child does can make this call hang: the wait is bounded, the reader is
 * a daemon, and the tree is killed before returning. In {@code env}, a null value removes a variable.
 */
public final class Fork {
  private static final int KEEP = 16 * 1024;

  private Fork() {}

  public static ForkResult run(List<String> command, Path dir, Map<String, String> env, String stdin, Path log,
      Limits limits) {
    long start = System.nanoTime();
    Process p;
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      env.forEach((k, v) -> {
        if (v == null) {
          pb.environment().remove(k);
        } else {
          pb.environment().put(k, v);
        }
      });
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
    }
    Reader reader = new Reader(p.getInputStream(), log, limits.outputBytes(), p);
    Thread t = Thread.ofPlatform().daemon().name("fork-output").start(reader);
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the child closed its input or died at once: its exit tells why
    }
    String killed = null;
    try {
      if (!p.waitFor(limits.wall().toMillis(), TimeUnit.MILLISECONDS)) {
        killed = "time";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killed = "time";
    }
    killTree(p);
    try {
      t.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reader.capped) {
      killed = "output";
    }
    int exit = p.isAlive() ? -1 : p.exitValue();
    return new ForkResult(exit, killed, Duration.ofNanos(System.nanoTime() - start), reader.total,
        reader.head(), reader.tail(), log);
  }

  /** Kills a process and every descendant it started. */
  public static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /** Copies the child's output to the log up to the cap, keeping a head and a tail in memory. */
  private static final class Reader implements Runnable {
    private final InputStream in;
    private final Path log;
    private final long cap;
    private final Process process;
    private final byte[] head = new byte[KEEP];
    private final byte[] ring = new byte[KEEP];
    private int headLen;
    private long total;
    private volatile boolean capped;

    Reader(InputStream in, Path log, long cap, Process process) {
      this.in = in;
      this.log = log;
      this.cap = cap;
      this.process = process;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (OutputStream out = Files.newOutputStream(log)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          for (int i = 0; i < n; i++) {
            if (headLen < KEEP) {
              head[headLen++] = buf[i];
            } else {
              ring[(int) ((total - KEEP) % KEEP)] = buf[i];
            }
            total++;
          }
          if (total <= cap) {
            out.write(buf, 0, n);
          } else if (!capped) {
            capped = true;
            out.write(("\n[grader: output cut at " + cap + " bytes; the process was stopped]\n").getBytes(StandardCharsets.UTF_8));
            killTree(process);
          }
        }
      } catch (IOException e) {
        // the process was killed while we read: what we have is what there is
      }
    }

    String head() {
      return new String(head, 0, headLen, StandardCharsets.UTF_8);
    }

    String tail() {
      if (total <= KEEP) {
        return "";
      }
      int len = (int) Math.min(KEEP, total - KEEP);
      byte[] out = new byte[len];
      long from = total - len;
      for (int i = 0; i < len; i++) {
        out[i] = ring[(int) ((from + i - KEEP) % KEEP)];
      }
      return new String(out, StandardCharsets.UTF_8);
    }
  }
}
