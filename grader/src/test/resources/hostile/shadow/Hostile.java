package raft;

/** Hostile (with SeededRun.java next to it): replaces a class of the test harness. */
final class Hostile {
  static void run() {}
}
