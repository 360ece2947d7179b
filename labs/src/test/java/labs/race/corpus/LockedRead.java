package labs.race.corpus;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACE-FREE: the same server as {@link UnlockedRead}, with getState() under the lock. */
public final class LockedRead implements Callable<Object> {
  static final class Server {
    private final ReentrantLock lock = new ReentrantLock();
    private int term;

    Server() {
      Env.go("ticker", () -> {
        for (int i = 0; i < 3; i++) {
          Env.sleep(100);
          lock.lock();
          try {
            term++;
          } finally {
            lock.unlock();
          }
        }
      });
    }

    int getState() {
      lock.lock();
      try {
        return term;
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Server s = node.get(Server::new).orElseThrow();
    Env.sleep(250);
    return node.get(s::getState).orElseThrow();
  }
}
