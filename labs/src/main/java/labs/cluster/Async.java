package labs.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.World;

/**
 * A task on a tester thread of its own (like a goroutine with a result channel), for tests with
 * concurrent clients. {@link #join()} waits for it and rethrows what it threw, so a check that
 * fails inside a client fails the test with the client's own message.
 *
 * <pre>{@code
 * List<Async<Integer>> clients = new ArrayList<>();
 * for (int c = 0; c < 3; c++) {
 *   int me = c;
 *   clients.add(Async.start("client-" + c, () -> runClient(me)));
 * }
 * int total = clients.stream().mapToInt(Async::join).sum();
 * }</pre>
 *
 * @param <T> the task's result
 */
public final class Async<T> {
  private sealed interface Outcome<T> {}

  private record Value<T>(T value) implements Outcome<T> {}

  private record Thrown<T>(Throwable error) implements Outcome<T> {}

  private final Channel<Outcome<T>> done = new Channel<>();
  private volatile Outcome<T> outcome; // once received from done

  private Async(String name, Callable<T> body) {
    World.current().testerNode().start(name, () -> {
      Outcome<T> outcome;
      try {
        outcome = new Value<>(body.call());
      } catch (Throwable t) {
        outcome = new Thrown<>(t);
      }
      done.send(outcome);
    });
  }

  /** Starts {@code body} on a new tester thread named {@code name}. */
  public static <T> Async<T> start(String name, Callable<T> body) {
    return new Async<>(name, body);
  }

  /** Starts {@code body}, which returns nothing, on a new tester thread named {@code name}. */
  public static Async<Void> run(String name, Runnable body) {
    return new Async<>(name, () -> {
      body.run();
      return null;
    });
  }

  /**
   * Waits at most {@code timeout} (runtime time) for the task to end; true if it has. Then {@link
   * #join} returns at once. For a test that must fail with a message, not hang, when a task is
   * stuck.
   */
  public boolean awaitDone(Duration timeout) {
    if (outcome == null) {
      done.receive(timeout).ifPresent(o -> outcome = o);
    }
    return outcome != null;
  }

  /**
   * Waits at most {@code bound} (runtime time) for the task, then like {@link #join}; if it has
   * not ended by then, fails the test with an {@link AssertionError} of {@code whenStuck}'s
   * message (what did not return, and what to check). The task itself goes on running.
   */
  public T join(Duration bound, Supplier<String> whenStuck) {
    if (!awaitDone(bound)) {
      throw new AssertionError(whenStuck.get());
    }
    return join();
  }

  /**
   * {@link #join(Duration, Supplier)} of every task in turn, within one {@code bound} for them all
   * (counted from now, not per task): their results in order. The first failure a task threw, or
   * the first task still running at the bound, fails the test. For clients told to stop, each of
   * which must finish its last operation in time.
   */
  public static <T> List<T> joinAll(List<Async<T>> tasks, Duration bound, Supplier<String> whenStuck) {
    long deadline = Env.nowMillis() + bound.toMillis();
    List<T> results = new ArrayList<>(tasks.size());
    for (Async<T> task : tasks) {
      results.add(task.join(Duration.ofMillis(Math.max(1, deadline - Env.nowMillis())), whenStuck));
    }
    return results;
  }

  /** Whether the task has ended (without waiting). */
  public boolean isDone() {
    return awaitDone(Duration.ZERO);
  }

  /** Waits for the task; returns its result (null for {@link #run}) or rethrows its failure. */
  public T join() {
    if (outcome == null) {
      outcome = done.receive().orElseThrow();
    }
    return switch (outcome) {
      case Value<T> v -> v.value();
      case Thrown<T> t when t.error() instanceof RuntimeException e -> throw e;
      case Thrown<T> t when t.error() instanceof Error e -> throw e;
      case Thrown<T> t -> throw new IllegalStateException(t.error());
    };
  }
}
