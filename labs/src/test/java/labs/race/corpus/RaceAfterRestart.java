package labs.race.corpus;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import labs.persist.Persister;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * RACY, but only once a server restarts: the constructor starts the ticker, then restores the
 * saved term. On a first boot there is nothing to restore, so nothing is written after the
 * thread starts; a restarted server writes {@code currentTerm} after its ticker began reading
 * it. {@link #crashAndRestart} says whether the scenario restarts the server.
 */
public final class RaceAfterRestart implements Callable<Object> {
  private final boolean crashAndRestart;

  public RaceAfterRestart() {
    this(true);
  }

  RaceAfterRestart(boolean crashAndRestart) {
    this.crashAndRestart = crashAndRestart;
  }

  /** The same scenario without the crash: race-free. */
  public static final class FirstLifeOnly implements Callable<Object> {
    @Override
    public Object call() {
      return new RaceAfterRestart(false).call();
    }
  }

  static final class Server {
    private final ReentrantLock lock = new ReentrantLock();
    private final Persister persister;
    private int currentTerm;

    Server(Persister persister) {
      this.persister = persister;
      Env.go("ticker", this::ticker);
      byte[] saved = persister.readRaftState();
      if (saved.length > 0) {
        currentTerm = saved[0]; // the bug: restored after the ticker started, without the lock
      }
    }

    private void ticker() {
      for (int i = 0; i < 5; i++) {
        lock.lock();
        try {
          currentTerm++;
          persister.save(new byte[] {(byte) currentTerm}, null);
        } finally {
          lock.unlock();
        }
        Env.sleep(50);
      }
    }
  }

  @Override
  public Object call() {
    World w = World.current();
    Persister persister = new Persister();
    Node first = w.newNode("server-1");
    first.get(() -> new Server(persister)).orElseThrow();
    Env.sleep(120);
    if (crashAndRestart) {
      w.crash(first);
      Persister copy = persister.copy();
      Node second = w.newNode("server-1.r1");
      second.get(() -> new Server(copy)).orElseThrow();
      Env.sleep(120);
    }
    return null;
  }
}
