package labs.race;

import java.util.Arrays;

/** Every instrumented site of the JVM, by number (0 is "no site"). Sites are added as classes load. */
final class Sites {
  private static volatile Site[] table = new Site[1024];
  private static int count = 1;

  private Sites() {}

  static synchronized int add(Site s) {
    Site[] t = table;
    if (count == t.length) {
      t = Arrays.copyOf(t, t.length * 2);
    }
    t[count] = s;
    table = t;
    return count++;
  }

  /** The site numbered {@code id}, or null for 0. */
  static Site get(int id) {
    return table[id];
  }
}
