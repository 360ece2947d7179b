package labs.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import labs.checker.viewer.Annotation;
import labs.runtime.World;

/**
 * What the cluster did to its servers and when, in runtime time (the clock of the recorded
 * operations): each partition from the moment it formed until it changed or healed, each crash
 * until the server's restart, each restart as an instant. The viewer draws these as bands across
 * the history, so a failed check shows which faults the failing operations ran under.
 *
 * <p>Filled in by the {@link ServerGroup}s of one {@link Cluster}; read with {@link #bands()}.
 * Thread-safe; its lock is taken by tester threads only.
 */
public final class FaultLog {
  /** A fault still going on: when it began and how it reads on the band. */
  private record Open(long start, String label, String details) {}

  private final World world;
  private final ReentrantLock mu = new ReentrantLock(); // guards everything below
  private final List<Annotation> closed = new ArrayList<>();
  private final Map<String, Open> partitions = new LinkedHashMap<>(); // group name -> open partition
  private final Map<String, Open> crashes = new LinkedHashMap<>();    // server name -> open crash

  FaultLog(World world) {
    this.world = world;
  }

  /**
   * Every fault so far as an annotation, in order of start; one still going on ends now. Kinds:
   * {@code "partition"}, {@code "crash"}, {@code "restart"}.
   */
  public List<Annotation> bands() {
    mu.lock();
    try {
      long now = world.nowNanos();
      List<Annotation> all = new ArrayList<>(closed);
      partitions.values().forEach(o -> all.add(new Annotation(o.start(), now, o.label(), o.details(), "partition")));
      crashes.values().forEach(o -> all.add(new Annotation(o.start(), now, o.label(), o.details(), "crash")));
      all.sort(Comparator.comparingLong(Annotation::start));
      return List.copyOf(all);
    } finally {
      mu.unlock();
    }
  }

  /**
   * The servers of {@code group} now talk in these islands ({@code null}: all up servers talk to
   * each other). A change closes the band of the previous picture and opens one for this.
   */
  void connectivity(String group, String islands) {
    mu.lock();
    try {
      Open open = partitions.get(group);
      String label = islands == null ? null : group + ": " + islands;
      if (open != null && open.label().equals(label)) {
        return;
      }
      long now = world.nowNanos();
      if (open != null) {
        closed.add(new Annotation(open.start(), now, open.label(), open.details(), "partition"));
        partitions.remove(group);
      }
      if (label != null) {
        partitions.put(group, new Open(now, label,
            "servers of " + group + " (by index) that can talk only among themselves: " + islands));
      }
    } finally {
      mu.unlock();
    }
  }

  /** {@code server} crashed: its band lasts until it is started again. */
  void crashed(String server) {
    mu.lock();
    try {
      crashes.putIfAbsent(server, new Open(world.nowNanos(), server + " down",
          server + " crashed: it runs no code and answers no RPC until it restarts from what it persisted"));
    } finally {
      mu.unlock();
    }
  }

  /** {@code server} started a new life; {@code life} 0 is its first start, which is no fault. */
  void started(String server, int life) {
    mu.lock();
    try {
      long now = world.nowNanos();
      Open crash = crashes.remove(server);
      if (crash != null) {
        closed.add(new Annotation(crash.start(), now, crash.label(), crash.details(), "crash"));
      }
      if (life > 0) {
        closed.add(Annotation.at(now, server + " restarts", server + " restarts (life " + life
            + ") from what it persisted", "restart"));
      }
    } finally {
      mu.unlock();
    }
  }
}
