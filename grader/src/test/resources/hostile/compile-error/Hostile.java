package raft;

/** Not hostile, just broken: does not compile. */
final class Hostile {
  static void run() {
    int x = "not a number";
  }
}
