package labs.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Channel;
import labs.runtime.Env;

/**
 * Splits a group in two at random, again and again, in the background (MIT's partitioner in the
 * key/value tests): each server goes to one side or the other by a coin flip, then the split
 * holds for about a second plus up to 200 ms, then the next one. Every choice comes from the run's
 * seed, so a seed replays the same splits at the same times; each split is traced and drawn as a
 * band in the viewer (the group records it).
 *
 * <pre>{@code
 * Partitioner partitioner = Partitioner.start(group);
 * ... clients run ...
 * partitioner.stop();        // the last split stays
 * group.connectAll();        // heal
 * }</pre>
 */
public final class Partitioner {
  /** How long a split holds at least (MIT: one election timeout). */
  public static final Duration HOLD = Duration.ofSeconds(1);
  /** Up to how much longer a split holds, chosen at random each time. */
  public static final Duration JITTER = Duration.ofMillis(200);

  private final ServerGroup<?> group;
  private final Duration hold;
  private final Duration jitter;
  private final Channel<Boolean> stop = new Channel<>();
  private final ReentrantLock mu = new ReentrantLock(); // guards splits
  private final List<Split> splits = new ArrayList<>();
  private final Async<Void> task;

  private Partitioner(ServerGroup<?> group, Duration hold, Duration jitter) {
    if (hold.isNegative() || hold.isZero() || jitter.isNegative()) {
      throw new IllegalArgumentException("a split must hold for a positive time with a jitter >= 0, got "
          + hold + " and " + jitter);
    }
    this.group = group;
    this.hold = hold;
    this.jitter = jitter;
    this.task = Async.run("partitioner-" + group.name(), this::loop);
  }

  /** Starts splitting {@code group} now, every {@link #HOLD} plus up to {@link #JITTER}. */
  public static Partitioner start(ServerGroup<?> group) {
    return new Partitioner(group, HOLD, JITTER);
  }

  /** Starts splitting {@code group} now, every {@code hold} plus up to {@code jitter}. */
  public static Partitioner start(ServerGroup<?> group, Duration hold, Duration jitter) {
    return new Partitioner(group, hold, jitter);
  }

  private void loop() {
    Random random = Env.random();
    long jitterMillis = jitter.toMillis();
    while (true) {
      List<Integer> a = new ArrayList<>();
      List<Integer> b = new ArrayList<>();
      for (int i = 0; i < group.size(); i++) {
        (random.nextBoolean() ? a : b).add(i);
      }
      Split split = new Split(a, b);
      group.partition(split);
      mu.lock();
      try {
        splits.add(split);
      } finally {
        mu.unlock();
      }
      long pause = hold.toMillis() + (jitterMillis == 0 ? 0 : random.nextLong(jitterMillis));
      if (stop.receive(Duration.ofMillis(pause)).isPresent()) {
        return;
      }
    }
  }

  /**
   * Stops making splits and waits until the partitioner has stopped; the last split stays in
   * place until the test reconnects the servers. Call once.
   */
  public void stop() {
    stop.send(Boolean.TRUE);
    task.join();
  }

  /** The splits made so far, in order. */
  public List<Split> splits() {
    mu.lock();
    try {
      return List.copyOf(splits);
    } finally {
      mu.unlock();
    }
  }
}
