package raft;

import java.util.concurrent.locks.ReentrantLock;
import labs.runtime.Env;

/** Hostile: two threads take two locks in opposite orders and the constructor waits on both. */
final class Hostile {
  static void run() {
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    Env.go("left", () -> {
      a.lock();
      Env.sleep(10);
      b.lock();
    });
    Env.go("right", () -> {
      b.lock();
      Env.sleep(10);
      a.lock();
    });
    Env.sleep(50);
    a.lock();
  }
}
