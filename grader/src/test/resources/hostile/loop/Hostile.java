package raft;

/** Hostile: the constructor never returns and never blocks. */
final class Hostile {
  private volatile long spins;

  static void run() {
    Hostile h = new Hostile();
    while (h.spins >= 0) {
      h.spins++;
    }
  }
}
