package labs.runtime;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import labs.race.Edges;

/**
 * One machine of a test: a group of threads that crash together. A server instance runs on a
 * node; the tester crashes it with {@link World#crash(Node)} and restarts the server on a fresh
 * node. In the simulation a crashed node's threads stop for good (a power cut: they run no more
 * code, not even {@code finally} blocks); on real threads they are cut off (the network drops their
 * messages, and they get a {@link NodeCrashedError} the next time they sleep or block in the
 * runtime).
 *
 * <p>Nodes share no locks: a crashed node's threads may hold their own locks for ever. Hand data
 * across nodes only through the network or a {@link Channel}.
 */
public final class Node {
  private final World world;
  private final String name;
  private final Random random;
  private volatile boolean alive = true;

  Node(World world, String name, long seed) {
    this.world = world;
    this.name = name;
    this.random = new Random(seed);
  }

  /** The node's name, as shown in traces (for example "server-2"). */
  public String name() {
    return name;
  }

  /** False once the node has crashed; a crashed node never comes back (restart = new node). */
  public boolean isAlive() {
    return alive;
  }

  /** The node's seeded random number generator. */
  public Random random() {
    return random;
  }

  World world() {
    return world;
  }

  void markCrashed() {
    alive = false;
  }

  /** Starts a thread on this node (for testers; code on the node uses {@link Env#go}). */
  public Thread start(String threadName, Runnable body) {
    return world.backend().start(this, threadName, body);
  }

  /**
   * Runs {@code action} on a new thread of this node and waits for its result. Returns empty if
   * the node crashes (or has crashed) before the action returns, so a tester never waits for ever
   * on a lock held by a dead node's thread. An action that returns null also gives empty: return a
   * value (or use {@link #run}) where the two must be told apart.
   *
   * @throws RuntimeException whatever {@code action} throws
   */
  public <T> Optional<T> call(Callable<T> action) {
    if (!alive) {
      return Optional.empty();
    }
    var outcome = new AtomicReference<Object>();
    Thread waiter = Thread.currentThread();
    world.watchCrash(this, waiter);
    try {
      start("call", () -> {
        Object result;
        try {
          result = new Result(action.call());
        } catch (Throwable t) {
          result = new Failure(t);
        }
        Edges.release(outcome); // the action happens before the caller goes on
        outcome.set(result);
        LockSupport.unpark(waiter);
      });
      Backend backend = world.backend();
      while (outcome.get() == null && alive) {
        backend.parkNanos(this, 0);
      }
    } finally {
      world.unwatchCrash(this, waiter);
    }
    Object o = outcome.get();
    if (o != null) {
      Edges.acquire(outcome);
    }
    if (o instanceof Result(Object value)) {
      @SuppressWarnings("unchecked")
      T t = (T) value;
      return Optional.ofNullable(t);
    }
    if (o instanceof Failure(Throwable t)) {
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }
    return Optional.empty();
  }

  /** Like {@link #call(Callable)} for an action without checked exceptions. */
  public <T> Optional<T> get(Supplier<T> action) {
    return call(action::get);
  }

  /** Runs {@code action} on this node; false if the node crashed first. */
  public boolean run(Runnable action) {
    return call(() -> {
      action.run();
      return Boolean.TRUE;
    }).isPresent();
  }

  private record Result(Object value) {}

  private record Failure(Throwable error) {}

  @Override
  public String toString() {
    return name + (alive ? "" : " (crashed)");
  }
}
