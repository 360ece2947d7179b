package labs.rules.samples;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import labs.net.Peer;
import labs.runtime.Env;
import labs.runtime.TimedLock;

/** Uses the runtime API (and untimed JDK waits, which are fine); checked by {@code StudentCodeRulesTest}. */
public class GoodStudentCode {
  enum Role { FOLLOWER, LEADER }

  /** A key with equals and hashCode. */
  public record Slot(int index) {}

  private static final int HEARTBEAT_MS = 100;
  private static final List<String> NAMES = List.of("a", "b");
  private final Map<Role, Integer> byRole = new EnumMap<>(Role.class);
  private final Map<Peer, Integer> nextIndex = new HashMap<>();
  private final Map<String, Integer> byName = new HashMap<>(); // a JDK key class with its own hashCode()
  private final Map<Slot, Integer> slots = new HashMap<>();
  private final Map<Object, Integer> ordered = new LinkedHashMap<>();
  private final TimedLock lock = new TimedLock();
  private final TimedLock.TimedCondition ready = lock.newCondition();
  private final ReentrantLock plain = new ReentrantLock();
  private final Condition plainCondition = plain.newCondition();

  public long everything() throws InterruptedException {
    Env.sleep(10);
    Env.go("worker", () -> {});
    lock.lock();
    try {
      ready.await(10, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
    plain.lock();
    try {
      plainCondition.await();
    } finally {
      plain.unlock();
    }
    List<Integer> list = new java.util.ArrayList<>(List.of(1, 2, 3));
    Collections.shuffle(list, Env.random());
    long seeded = new SplittableRandom(Env.random().nextLong()).nextLong();
    return Env.nowMillis() + Env.random().nextInt(5) + seeded + HEARTBEAT_MS + NAMES.size() + byName.size() + byRole.size()
        + nextIndex.size() + slots.size() + ordered.size() + list.stream().count();
  }
}
