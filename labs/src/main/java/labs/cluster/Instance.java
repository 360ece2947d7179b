package labs.cluster;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import labs.persist.Persister;
import labs.runtime.Node;

/**
 * One life of one server: the node it runs on, the object its factory built, and the persister it
 * writes. A restart is a new instance on a new node; an old instance stays crashed for good.
 *
 * @param <S> what the factory built
 */
public final class Instance<S> {
  private final String serverName;
  private final int index;
  private final int life;
  private final Node node;
  private final S server;
  private final Persister persister;

  Instance(String serverName, int index, int life, Node node, S server, Persister persister) {
    this.serverName = serverName;
    this.index = index;
    this.life = life;
    this.node = node;
    this.server = server;
    this.persister = persister;
  }

  /** The server's stable name on the network ({@code "server-2"}). */
  public String serverName() {
    return serverName;
  }

  /** The server's index in its group. */
  public int index() {
    return index;
  }

  /** Which life this is: 0 for the first start, then 1, 2, ... */
  public int life() {
    return life;
  }

  /** The node this life runs on. */
  public Node node() {
    return node;
  }

  /**
   * The object the factory built. Call into it only through {@link #call} or {@link #run}: a
   * direct call from a tester thread could wait for ever on a lock a crashed thread holds.
   */
  public S server() {
    return server;
  }

  /** The persister this life writes (the group keeps a copy of it when the life crashes). */
  public Persister persister() {
    return persister;
  }

  /** False once this life has crashed. */
  public boolean isAlive() {
    return node.isAlive();
  }

  /**
   * Runs {@code action} on a new thread of this life's node and returns what it returned; empty if
   * the life is crashed or crashes before the action returns, so the tester never waits on a dead
   * server.
   *
   * @param what the call as the student would write it ({@code "getState()"}), for the message
   *     if the action returns null, which it must not
   */
  public <T> Optional<T> call(String what, Function<? super S, ? extends T> action) {
    Optional<Box<T>> result = node.get(() -> new Box<T>(action.apply(server)));
    if (result.isPresent() && result.get().value() == null) {
      throw new AssertionError(serverName + ": " + what + " returned null; return a value (a record) instead");
    }
    return result.map(Box::value);
  }

  /** Runs {@code action} on this life's node; false if it was crashed or crashed meanwhile. */
  public boolean run(Consumer<? super S> action) {
    return node.run(() -> action.accept(server));
  }

  private record Box<T>(T value) {}

  @Override
  public String toString() {
    return serverName + " life " + life + " on " + node;
  }
}
