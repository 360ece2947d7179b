package labs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import labs.net.Network;
import labs.net.Peer;

/**
 * The links between the servers of one group: which direction of which pair is open, and the
 * network ends that carry them. The open/closed state belongs to the pair of servers and outlives
 * their lives; the ends belong to one life of the sender and are made fresh at each start.
 * Not thread-safe: the {@link ServerGroup} holds its lock around every call.
 */
final class Links {
  private final Network net;
  private final int n;
  private final boolean[][] open;   // open[i][j]: server i's requests reach server j
  private final String[][] ends;    // ends[i][j]: the end of server i's current life to server j
  private final boolean[] connected;

  Links(Network net, int n) {
    this.net = net;
    this.n = n;
    this.open = new boolean[n][n];
    this.ends = new String[n][n];
    this.connected = new boolean[n];
  }

  /**
   * Fresh ends from a new life of server {@code i} (named {@code nodeName→j}) to every server of
   * the group; each starts open or closed as its link is.
   */
  List<Peer> newEnds(int i, String nodeName, List<String> serverNames) {
    List<Peer> peers = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      String name = nodeName + "→" + j;
      peers.add(net.makeEnd(name));
      net.connect(name, serverNames.get(j));
      ends[i][j] = name;
      set(i, j, open[i][j]);
    }
    return peers;
  }

  boolean isConnected(int i) {
    return connected[i];
  }

  /** Opens both directions between {@code i} and every connected server (itself included). */
  void connect(int i) {
    connected[i] = true;
    for (int j = 0; j < n; j++) {
      if (connected[j]) {
        set(i, j, true);
        set(j, i, true);
      }
    }
  }

  /** Closes every link into and out of {@code i}; it counts as disconnected. */
  void disconnect(int i) {
    connected[i] = false;
    for (int j = 0; j < n; j++) {
      set(i, j, false);
      set(j, i, false);
    }
  }

  /**
   * Links exactly the servers within each side: every link across sides, and every link of a
   * server in no side, is closed. Servers in a side count as connected, the others do not.
   */
  void partition(List<List<Integer>> sides) {
    for (int i = 0; i < n; i++) {
      disconnect(i);
    }
    for (List<Integer> side : sides) {
      for (int a : side) {
        connected[a] = true;
        for (int b : side) {
          set(a, b, true);
        }
      }
    }
  }

  private void set(int i, int j, boolean on) {
    open[i][j] = on;
    if (ends[i][j] != null) {
      net.enable(ends[i][j], on);
    }
  }

  /** Whether requests of server {@code i} reach server {@code j}. */
  boolean isOpen(int i, int j) {
    return open[i][j];
  }

  /**
   * The groups of up servers that can talk both ways, as {@code "{0,1,2} | {3,4}"}, or null if the
   * up servers form a single group (no partition).
   */
  String islands(boolean[] up) {
    int[] island = new int[n];
    java.util.Arrays.fill(island, -1);
    List<List<Integer>> found = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (!up[s] || island[s] >= 0) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      island[s] = found.size();
      members.add(s);
      for (int k = 0; k < members.size(); k++) {
        int a = members.get(k);
        for (int b = 0; b < n; b++) {
          if (up[b] && island[b] < 0 && open[a][b] && open[b][a]) {
            island[b] = found.size();
            members.add(b);
          }
        }
      }
      members.sort(null);
      found.add(members);
    }
    if (found.size() <= 1) {
      return null;
    }
    StringJoiner all = new StringJoiner(" | ");
    for (List<Integer> members : found) {
      StringJoiner one = new StringJoiner(",", "{", "}");
      members.forEach(m -> one.add(String.valueOf(m)));
      all.add(one.toString());
    }
    return all.toString();
  }
}
