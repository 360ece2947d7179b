package labs.race.corpus;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACE-FREE: written under a read-write lock's write lock, read under its read lock. */
public final class ReadWriteLocked implements Callable<Object> {
  static final class State {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int term;

    void bump() {
      rw.writeLock().lock();
      try {
        term++;
      } finally {
        rw.writeLock().unlock();
      }
    }

    int read() {
      rw.readLock().lock();
      try {
        return term;
      } finally {
        rw.readLock().unlock();
      }
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    State s = new State();
    node.run(() -> {
      Env.go("writer", () -> {
        for (int i = 0; i < 3; i++) {
          s.bump();
          Env.sleep(10);
        }
      });
      Env.go("reader", () -> {
        for (int i = 0; i < 3; i++) {
          Env.sleep(5);
          s.read();
        }
      });
    });
    Env.sleep(100);
    return null;
  }
}
