package raft;

import java.lang.reflect.Field;

/** Hostile: reaches into the tester with reflection, to read its expected values or switch its checks off. */
final class Hostile {
  static void run() {
    try {
      Class<?> tester = Class.forName("raft.RaftTester");
      for (Field f : tester.getDeclaredFields()) {
        f.setAccessible(true);
      }
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
