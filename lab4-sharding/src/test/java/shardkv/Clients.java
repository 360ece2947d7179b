package shardkv;

import static shardkv.ShardKvTester.fail;
import static shardkv.ShardKvTester.randomValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import kvraft.Err;
import kvraft.KvRpc.GetReply;
import labs.cluster.Async;
import labs.runtime.Env;

/**
 * The concurrent clients of the 4B and 4C tests, each on a clerk of its own, running until told
 * to stop: <em>writers</em>, one per key, each putting new values at its key's version (so the
 * test knows exactly what every key must hold at the end), and <em>mixers</em> that read and put
 * random keys of a shared set, contending for them (checked by the linearizability check alone).
 */
final class Clients {
  /** How long clients may take to finish their last operation once told to stop. */
  static final long STOP_BOUND_MS = 30_000;

  private final ShardKvTester t;
  private final AtomicBoolean done = new AtomicBoolean();
  private final List<Async<Long>> clients = new ArrayList<>();

  Clients(ShardKvTester t) {
    this.t = t;
  }

  /**
   * Starts one writer per key: each puts a new {@code valueLength}-character value at its key,
   * pausing between puts for a random time up to {@code pauseMs} (at least 1 ms).
   */
  Clients writers(KeyTracker tracker, List<String> keys, int valueLength, long pauseMs) {
    return startWriters(tracker, keys, valueLength, random -> 1 + random.nextLong(Math.max(1, pauseMs)));
  }

  /** Like {@link #writers}, but every writer pauses exactly {@code pauseMs} between puts. */
  Clients steadyWriters(KeyTracker tracker, List<String> keys, int valueLength, long pauseMs) {
    return startWriters(tracker, keys, valueLength, random -> pauseMs);
  }

  private Clients startWriters(KeyTracker tracker, List<String> keys, int valueLength,
      ToLongFunction<Random> pause) {
    for (String key : keys) {
      TestClerk ck = t.makeClerk();
      clients.add(Async.start("writer-" + key, () -> {
        Random random = Env.random();
        long puts = 0;
        while (!done.get()) {
          tracker.put(ck, key, randomValue(random, valueLength));
          puts++;
          Env.sleep(pause.applyAsLong(random));
        }
        return puts;
      }));
    }
    return this;
  }

  /**
   * Starts {@code n} mixers on {@code keys}: each step reads a random key or puts a new value at
   * the version it last read of it (VERSION answers are expected: others write too).
   */
  Clients mixers(int n, List<String> keys, long pauseMs) {
    for (int c = 0; c < n; c++) {
      TestClerk ck = t.makeClerk();
      clients.add(Async.start("mixer-" + c, () -> {
        Random random = Env.random();
        long[] seen = new long[keys.size()];
        long steps = 0;
        while (!done.get()) {
          int k = random.nextInt(keys.size());
          if (random.nextBoolean()) {
            GetReply r = ck.get(keys.get(k));
            seen[k] = r.version();
          } else {
            Err err = ck.put(keys.get(k), randomValue(random, 5), seen[k]);
            if (err == Err.OK) {
              seen[k]++;
            }
          }
          steps++;
          Env.sleep(1 + random.nextLong(Math.max(1, pauseMs)));
        }
        return steps;
      }));
    }
    return this;
  }

  /** Tells every client to stop and waits for their last operations; returns how many they made. */
  long stop() {
    done.set(true);
    long total = Async.joinAll(clients, Duration.ofMillis(STOP_BOUND_MS), () -> String.format("a client did not "
        + "finish its last operation within %d s of being told to stop: %s", STOP_BOUND_MS / 1000,
        t.history().oldestPending())).stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      throw fail("the clients completed no operation at all while the configuration changed: the scenario did not "
          + "form");
    }
    return total;
  }
}
