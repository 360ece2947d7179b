package grader.run;

import grader.exec.RunOutcome;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live bar: runs done of all, passed / failed / JVMs running, and the ETA (progressbar's).
 * Without a terminal it prints a plain line every few seconds instead of redrawing.
 */
public final class Progress implements AutoCloseable, grader.exec.JobRunner.Listener {
  private final ProgressBar bar;
  private final AtomicInteger passed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  public Progress(String task, long total, boolean enabled, PrintStream out) {
    if (!enabled) {
      bar = null;
      return;
    }
    boolean terminal = System.console() != null && System.console().isTerminal();
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(terminal ? 500 : 10_000).showSpeed().setSpeedUnit(java.time.temporal.ChronoUnit.MINUTES)
        .setUnit(" runs", 1);
    if (!terminal) {
      b.setConsumer(new DelegatingProgressBarConsumer(line -> out.println(line.strip()), 110));
    }
    bar = b.build();
    refresh();
  }

  @Override
  public void started(grader.exec.JobRunner.Job job) {
    running.incrementAndGet();
    refresh();
  }

  @Override
  public void finished(grader.exec.JobRunner.Job job) {
    running.decrementAndGet();
    refresh();
  }

  @Override
  public void outcome(RunOutcome o) {
    (o.passed() ? passed : failed).incrementAndGet();
    if (bar != null) {
      bar.step();
    }
    refresh();
  }

  public int failed() {
    return failed.get();
  }

  private void refresh() {
    if (bar != null) {
      bar.setExtraMessage(String.format(" passed %d  failed %d  running %d", passed.get(), failed.get(),
          Math.max(0, running.get())));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
