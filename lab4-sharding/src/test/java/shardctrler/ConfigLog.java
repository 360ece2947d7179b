package shardctrler;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every configuration a controller's clients were given, by number, checked as it comes in:
 * a configuration never changes once made (two answers for one number must be equal), a query
 * for a number that exists gets that configuration, and a query for the latest is not older than
 * one that was returned before the query began. Thread-safe.
 */
public final class ConfigLog {
  private final ReentrantLock mu = new ReentrantLock(); // guards the fields below
  private final Map<Integer, Config> byNum = new TreeMap<>();
  private final Map<Integer, String> firstCall = new TreeMap<>();
  private int latest;

  /** The newest configuration number returned so far (0 before any). */
  public int latest() {
    mu.lock();
    try {
      return latest;
    } finally {
      mu.unlock();
    }
  }

  /** The configuration numbered {@code num}, if a client was given it. */
  public Optional<Config> get(int num) {
    mu.lock();
    try {
      return Optional.ofNullable(byNum.get(num));
    } finally {
      mu.unlock();
    }
  }

  /**
   * Checks and records that {@code call}, a query for {@code asked} that began when the newest
   * number returned was {@code latestAtCall}, returned {@code c}.
   */
  void observed(String call, int asked, int latestAtCall, Config c) {
    if (c == null) {
      throw new AssertionError(call + " returned a null configuration: a query's reply carries the configuration "
          + "with OK");
    }
    mu.lock();
    try {
      Config before = byNum.get(c.num());
      if (before != null && !before.equals(c)) {
        throw new AssertionError(String.format("configuration %d was returned as%n    %s (by %s)%nand later as%n    "
            + "%s (by %s).%nA configuration never changes once made: do all replicas apply the same joins, leaves "
            + "and moves in the same order, and is the rebalance deterministic (gids in sorted order, never a map's "
            + "own order)?", c.num(), before, firstCall.get(c.num()), c, call));
      }
      if (asked >= 0 && asked <= latest && c.num() != asked) {
        throw new AssertionError(String.format("%s returned configuration %d, but configuration %d exists (it was "
            + "returned before): a query for a number up to the latest's returns that configuration", call, c.num(),
            asked));
      }
      if ((asked < 0 || asked > latestAtCall) && c.num() < latestAtCall) {
        throw new AssertionError(String.format("%s returned configuration %d as the latest, but configuration %d had "
            + "been returned before this query began: a query must see every configuration made before it (send "
            + "queries through the log too: a server's own list may be stale)", call, c.num(), latestAtCall));
      }
      if (before == null) {
        byNum.put(c.num(), c);
        firstCall.put(c.num(), call);
      }
      latest = Math.max(latest, c.num());
    } finally {
      mu.unlock();
    }
  }
}
