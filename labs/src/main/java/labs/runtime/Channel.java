package labs.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import labs.race.Edges;

/**
 * An unbounded queue that hands messages from one node to another, like a Go channel with an
 * unlimited buffer: Raft's apply channel is one. {@link #send} never blocks, so a sender can
 * never be stuck behind a slow reader, and the channel holds no lock a crashed node could keep:
 * a node that crashes in the middle of a send cannot starve the reader.
 *
 * <p>Closing it makes later sends no-ops (a crashed server's last words are dropped) and wakes
 * readers once the buffered messages are gone.
 *
 * @param <T> message type
 */
public final class Channel<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Thread> readers = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /** Adds {@code message}; never blocks. Ignored once the channel is closed. */
  public void send(T message) {
    if (message == null) {
      throw new NullPointerException("a channel does not carry null messages");
    }
    if (closed) {
      return;
    }
    Edges.release(this); // what the sender did before the send happens before the receive
    items.add(message);
    Thread reader = readers.poll();
    if (reader != null) {
      LockSupport.unpark(reader);
    }
  }

  /** The next message, waiting as long as needed; empty only once the channel is closed. */
  public Optional<T> receive() {
    return receive(0);
  }

  /** The next message, waiting at most {@code timeout} of runtime time; empty on timeout or close. */
  public Optional<T> receive(Duration timeout) {
    long nanos = timeout.toNanos();
    return receive(nanos <= 0 ? -1 : nanos);
  }

  /** The next message if one is waiting. */
  public Optional<T> poll() {
    Context.current().backend().checkpoint();
    T item = items.poll();
    if (item != null) {
      Edges.acquire(this);
    }
    return Optional.ofNullable(item);
  }

  private Optional<T> receive(long timeoutNanos) {
    Backend backend = Context.current().backend();
    long deadline = timeoutNanos > 0 ? backend.nowNanos() + timeoutNanos : 0;
    Thread me = Thread.currentThread();
    while (true) {
      T item = items.poll();
      if (item != null) {
        Edges.acquire(this);
        return Optional.of(item);
      }
      if (closed || timeoutNanos < 0) {
        return Optional.empty();
      }
      long left = deadline == 0 ? 0 : deadline - backend.nowNanos();
      if (deadline != 0 && left <= 0) {
        return Optional.empty();
      }
      readers.add(me);
      if (items.isEmpty() && !closed) {
        backend.parkNanos(this, left);
      }
      readers.remove(me);
    }
  }

  /** Closes the channel: later sends are dropped, waiting readers wake up. */
  public void close() {
    closed = true;
    Thread r;
    while ((r = readers.poll()) != null) {
      LockSupport.unpark(r);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Messages waiting to be received. */
  public int size() {
    return items.size();
  }
}
