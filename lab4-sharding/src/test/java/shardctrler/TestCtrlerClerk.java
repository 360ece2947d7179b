package shardctrler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import labs.cluster.Async;
import labs.cluster.Client;
import labs.harness.RunStats;

/**
 * A controller clerk as the tests use it: the given {@link Clerk} on ends of one {@link Client},
 * with every call bounded in time and every configuration it returns checked and recorded in the
 * controller's {@link ConfigLog}. Used by one tester thread at a time.
 */
public final class TestCtrlerClerk {
  /** The longest a scenario lets one controller call wait (virtual time) while a majority is up. */
  public static final Duration CALL_BOUND = Duration.ofSeconds(20);

  private final Client client;
  private final Clerk clerk;
  private final ConfigLog seen;
  private final String service;

  TestCtrlerClerk(Client client, Clerk clerk, ConfigLog seen, String service) {
    this.client = client;
    this.clerk = clerk;
    this.seen = seen;
    this.service = service;
  }

  /** The cluster client this clerk's ends belong to. */
  public Client client() {
    return client;
  }

  /** {@code query(num)}, checked against what was returned before. */
  public Config query(int num) {
    int latestAtCall = seen.latest();
    String call = "query(" + num + ")";
    Config c = bounded(call, () -> clerk.query(num));
    seen.observed(client.name() + "'s " + call, num, latestAtCall, c);
    return c;
  }

  /** {@code join(groups)}. */
  public void join(Map<Integer, List<String>> groups) {
    bounded("join(" + groups.keySet() + ")", () -> {
      clerk.join(groups);
      return Boolean.TRUE;
    });
  }

  /** Joins {@code gids}, in one call, each with servers named after it ({@link #serversOf}). */
  public void join(List<Integer> gids) {
    Map<Integer, List<String>> groups = new TreeMap<>();
    gids.forEach(g -> groups.put(g, serversOf(g)));
    join(groups);
  }

  /** {@code leave(gids)}. */
  public void leave(List<Integer> gids) {
    bounded("leave(" + gids + ")", () -> {
      clerk.leave(gids);
      return Boolean.TRUE;
    });
  }

  /** {@code move(shard, gid)}. */
  public void move(int shard, int gid) {
    bounded("move(" + shard + ", " + gid + ")", () -> {
      clerk.move(shard, gid);
      return Boolean.TRUE;
    });
  }

  /** The made-up server names the 4A tests give group {@code gid}: {@code "s<gid>a", "s<gid>b", "s<gid>c"}. */
  public static List<String> serversOf(int gid) {
    return List.of("s" + gid + "a", "s" + gid + "b", "s" + gid + "c");
  }

  /** Runs one clerk call on a tester thread of its own and waits at most {@link #CALL_BOUND}. */
  private <T> T bounded(String what, Supplier<T> call) {
    RunStats.current().addOps(1);
    return Async.start(client.name() + "-ctrler-call", call::get).join(CALL_BOUND, () -> String.format("%s: the "
        + "controller (%s) did not answer %s within %d s, although a majority of its servers was up and connected: "
        + "does the leader submit the request to its rsm and answer OK once apply has made the change (WRONG_LEADER "
        + "only when it is not the leader or loses the command)?", client.name(), service, what,
        CALL_BOUND.toSeconds()));
  }
}
