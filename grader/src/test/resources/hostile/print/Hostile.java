package raft;

/** Hostile: prints without end (gigabytes, if nothing stops it). */
final class Hostile {
  static void run() {
    String mb = "x".repeat(1 << 20);
    for (long i = 0; i < 100_000; i++) {
      System.out.print(mb);
    }
  }
}
