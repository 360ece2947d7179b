package labs.race.corpus;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.TimedLock;
import labs.runtime.World;

/**
 * RACE-FREE: an applier that waits on a TimedLock condition for commits, like Raft's. The wait
 * gives the lock up and takes it back; the committer's unlock orders its writes before the
 * applier's reads.
 */
public final class ConditionHandOff implements Callable<Object> {
  static final class Log {
    private final TimedLock lock = new TimedLock();
    private final TimedLock.TimedCondition committed = lock.newCondition();
    private final ArrayDeque<Integer> entries = new ArrayDeque<>();
    private int commitIndex;
    private int applied;

    void commit(int value) {
      lock.lock();
      try {
        entries.add(value);
        commitIndex++;
        committed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void applier() {
      lock.lock();
      try {
        while (applied < 3) {
          if (applied < commitIndex) {
            entries.poll();
            applied++;
          } else {
            committed.awaitUninterruptibly();
          }
        }
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Log log = new Log();
    node.run(() -> {
      Env.go("applier", log::applier);
      Env.go("committer", () -> {
        for (int i = 0; i < 3; i++) {
          Env.sleep(10);
          log.commit(i);
        }
      });
    });
    Env.sleep(100);
    return null;
  }
}
