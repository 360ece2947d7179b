package raft;

import java.util.ArrayList;
import java.util.List;

/** Hostile: allocates until the heap is gone, and catches the error to carry on. */
final class Hostile {
  static void run() {
    List<long[]> hoard = new ArrayList<>();
    try {
      while (true) {
        hoard.add(new long[1 << 20]);
      }
    } catch (OutOfMemoryError e) {
      hoard.clear();
    }
  }
}
