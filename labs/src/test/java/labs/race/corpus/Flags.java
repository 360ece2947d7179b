package labs.race.corpus;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * A "dead" flag set by kill() and polled by a ticker, three ways: a plain field (RACY), a
 * volatile field (RACE-FREE) and an AtomicBoolean (RACE-FREE). With the volatile and the atomic,
 * the data written before the flag is also seen by the thread that reads the flag.
 */
public final class Flags {
  private Flags() {}

  static void scenario(Runnable killer, Runnable poller) {
    Node node = World.current().newNode("server-1");
    node.run(() -> {
      Env.go("ticker", () -> {
        for (int i = 0; i < 5; i++) {
          poller.run();
          Env.sleep(10);
        }
      });
    });
    Env.sleep(25);
    node.run(killer);
    Env.sleep(100);
  }

  /** RACY. */
  public static final class Plain implements Callable<Object> {
    private boolean dead;

    @Override
    public Object call() {
      scenario(() -> dead = true, () -> {
        if (dead) {
          Env.log("dead");
        }
      });
      return null;
    }
  }

  /** RACE-FREE. */
  public static final class Volatile implements Callable<Object> {
    private volatile boolean dead;
    private int lastTerm;

    @Override
    public Object call() {
      scenario(() -> {
        lastTerm = 7;
        dead = true;
      }, () -> {
        if (dead && lastTerm != 7) {
          throw new IllegalStateException();
        }
      });
      return null;
    }
  }

  /** RACE-FREE. */
  public static final class Atomic implements Callable<Object> {
    private final AtomicBoolean dead = new AtomicBoolean();
    private int lastTerm;

    @Override
    public Object call() {
      scenario(() -> {
        lastTerm = 7;
        dead.set(true);
      }, () -> {
        if (dead.get() && lastTerm != 7) {
          throw new IllegalStateException();
        }
      });
      return null;
    }
  }
}
