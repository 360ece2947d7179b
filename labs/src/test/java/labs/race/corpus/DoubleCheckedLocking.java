package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * RACY: double-checked locking without volatile. The unlocked first check reads {@code instance}
 * while another thread may be writing it under the monitor.
 */
public final class DoubleCheckedLocking implements Callable<Object> {
  static final class Holder {
    private Object instance;

    Object get() {
      if (instance == null) {
        synchronized (this) {
          if (instance == null) {
            instance = new Object();
          }
        }
      }
      return instance;
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Holder h = new Holder();
    node.run(() -> {
      Env.go("first", h::get);
      Env.go("second", () -> {
        Env.sleep(10);
        h.get();
      });
    });
    Env.sleep(100);
    return null;
  }
}
