package raft;

/** Hostile: the constructor never returns and never blocks. */
final class Hostile {
  static volatile long spins;

  static void run() {
    while (spins >= 0) {
      spins++;
    }
  }
}
