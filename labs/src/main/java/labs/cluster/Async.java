package labs.cluster;

import java.util.Optional;
import java.util.concurrent.Callable;
import labs.runtime.Channel;
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

  /** Waits for the task; returns its result (null for {@link #run}) or rethrows its failure. */
  public T join() {
    Optional<Outcome<T>> o = done.receive();
    return switch (o.orElseThrow()) {
      case Value<T> v -> v.value();
      case Thrown<T> t when t.error() instanceof RuntimeException e -> throw e;
      case Thrown<T> t when t.error() instanceof Error e -> throw e;
      case Thrown<T> t -> throw new IllegalStateException(t.error());
    };
  }
}
