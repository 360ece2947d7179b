package raft;

import java.util.ArrayList;
import java.util.List;

/** Hostile: allocates until the heap is gone, and catches the error to carry on. */
final class Hostile {
  static final List<long[]> HOARD = new ArrayList<>();

  static void run() {
    try {
      while (true) {
        HOARD.add(new long[1 << 20]);
      }
    } catch (OutOfMemoryError e) {
      HOARD.clear();
    }
  }
}
