package raft;

/** Hostile: ends the test JVM from the constructor, hoping a vanished test counts as passed. */
final class Hostile {
  static void run() {
    System.exit(0);
  }
}
