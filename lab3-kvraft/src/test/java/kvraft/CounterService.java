package kvraft;

import java.util.concurrent.locks.ReentrantLock;
import labs.net.Codec;
import rsm.StateMachine;

/**
 * The service of the rsm tests (part 3A): a counter. The tester plays the clients and submits
 * {@link Inc}, {@link Dec} and {@link Null} commands straight to a replica's rsm. The counter
 * checks what the rsm feeds it: every replica must apply the same commands in the same order.
 */
final class CounterService implements StateMachine {
  /** A command of the counter. */
  sealed interface Op {}

  /** Adds one. */
  record Inc() implements Op {}

  /** Subtracts one; the leader-partition test submits it only where it must never commit. */
  record Dec() implements Op {}

  /** Changes nothing (a command to keep the rsm busy). */
  record Null() implements Op {}

  /** The counter's value after a command: what submit returns. */
  record Value(long n) {}

  /** What a snapshot holds. */
  record Saved(long n, long applied, long decs) {}

  private final ReentrantLock lock = new ReentrantLock(); // guards the fields below
  private long n;
  private long applied; // commands applied, snapshots included
  private long decs;    // Dec commands ever applied (the leader-partition test wants 0)
  private String problem;

  @Override
  public Object apply(Object command) {
    lock.lock();
    try {
      applied++;
      switch (command) {
        case Inc i -> n++;
        case Dec d -> {
          n--;
          decs++;
        }
        case Null x -> { }
        default -> problem = "the rsm handed the service " + command + " (" + command.getClass().getName()
            + "), not the command that was submitted: unwrap your log record before calling apply";
      }
      return new Value(n);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public byte[] takeSnapshot() {
    lock.lock();
    try {
      return Codec.encode(new Saved(n, applied, decs));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    Saved s = Codec.decode(snapshot, Saved.class);
    lock.lock();
    try {
      n = s.n();
      applied = s.applied();
      decs = s.decs();
    } finally {
      lock.unlock();
    }
  }

  /** What the tester reads of a replica. */
  record Reading(long value, long applied, long decs, String problem) {}

  Reading read() {
    lock.lock();
    try {
      return new Reading(n, applied, decs, problem == null ? "" : problem);
    } finally {
      lock.unlock();
    }
  }
}
