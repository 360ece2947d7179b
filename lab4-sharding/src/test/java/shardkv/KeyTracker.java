package shardkv;

import static labs.checker.models.VersionedKvModel.brief;
import static shardkv.ShardKvTester.fail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import kvraft.Err;
import kvraft.KvRpc.GetReply;

/**
 * The keys a test writes with one writer per key at a time, and the value and version each must
 * have. A single writer knows exactly what its key holds, so every answer is checked: a put at the
 * key's version is answered OK, or MAYBE and then a read tells whether it happened; VERSION or
 * NO_KEY would mean a put was applied twice or lost (in a migration, most likely). Thread-safe.
 */
final class KeyTracker {
  /** What a key must hold; version 0: it does not exist. */
  record Expected(String value, long version) {}

  private final ReentrantLock mu = new ReentrantLock(); // guards expected
  private final Map<String, Expected> expected = new TreeMap<>();

  /** What {@code key} must hold now. */
  Expected expected(String key) {
    mu.lock();
    try {
      return expected.getOrDefault(key, new Expected("", 0));
    } finally {
      mu.unlock();
    }
  }

  private void set(String key, Expected e) {
    mu.lock();
    try {
      expected.put(key, e);
    } finally {
      mu.unlock();
    }
  }

  /** Puts {@code value} at {@code key}, of which the caller is the only writer, until it is installed. */
  void put(TestClerk ck, String key, String value) {
    long v = expected(key).version();
    while (true) {
      Err err = ck.put(key, value, v);
      switch (err) {
        case OK -> {
          set(key, new Expected(value, v + 1));
          return;
        }
        case MAYBE -> {
          GetReply r = ck.get(key);
          if (r.err() == Err.OK && r.version() == v + 1 && r.value().equals(value)) {
            set(key, new Expected(value, v + 1)); // an earlier copy was applied
            return;
          }
          if (r.version() != v) {
            throw fail("put(\"%s\", \"%s\", %d) answered MAYBE, and then get(\"%s\") returned %s: the test is the "
                + "only writer of \"%s\", so the key must be at version %d (the put did not happen) or %d with this "
                + "value (it did). A put was applied twice or lost: in a migration, the shard's data must move "
                + "exactly once, with every put applied before the move", key, brief(value), v, key, r, key,
                v, v + 1);
          }
        }
        default -> throw fail("put(\"%s\", \"%s\", %d) answered %s, but the test is the only writer of \"%s\", which "
            + "was at version %d: a put was applied twice or lost, or the shard's data went back to an older copy "
            + "(a shard served before its data arrived? a push from an older configuration stored?)", key,
            brief(value), v, err, key, v);
      }
    }
  }

  /** Reads {@code key}; fails unless it holds what the test last put there. */
  void check(TestClerk ck, String key) {
    Expected want = expected(key);
    GetReply r = ck.get(key);
    boolean ok = want.version() == 0 ? r.err() == Err.NO_KEY
        : r.err() == Err.OK && r.version() == want.version() && r.value().equals(want.value());
    if (!ok) {
      throw fail("get(\"%s\") returned %s, but the test's last put left \"%s\" at version %d%s: a put that was "
          + "applied must survive every migration, exactly once (is a shard's data sent to its new group in full, "
          + "with every put applied before the move, and served there only once it has arrived?)", key, r, key,
          want.version(), want.version() == 0 ? " (no such key)" : " with value \"" + brief(want.value())
              + "\"");
    }
  }

  /** {@link #check} of every key in {@code keys}. */
  void checkAll(TestClerk ck, List<String> keys) {
    keys.forEach(k -> check(ck, k));
  }
}
