package labs.cluster;

import java.util.List;
import java.util.StringJoiner;

/**
 * A two-way partition of a group's servers by index: each side talks only within itself. A
 * server in neither side is cut off from both.
 *
 * @param a one side
 * @param b the other side
 */
public record Split(List<Integer> a, List<Integer> b) {
  public Split {
    a = List.copyOf(a);
    b = List.copyOf(b);
    for (int s : a) {
      if (b.contains(s)) {
        throw new IllegalArgumentException("server " + s + " is on both sides of the split " + a + " | " + b
            + ": a server can be on one side only");
      }
    }
  }

  /** Reads as {@code {0,2} | {1,3,4}}. */
  @Override
  public String toString() {
    return side(a) + " | " + side(b);
  }

  private static String side(List<Integer> servers) {
    StringJoiner j = new StringJoiner(",", "{", "}");
    servers.forEach(s -> j.add(String.valueOf(s)));
    return j.toString();
  }
}
