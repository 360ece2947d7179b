package raft;

/** Hostile: a raw JDK thread, outside the simulation's control. */
final class Hostile {
  static void run() {
    new Thread(() -> {
      while (true) {
        Thread.onSpinWait();
      }
    }).start();
  }
}
