package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACE-FREE: double-checked locking done right, with a volatile field. */
public final class DoubleCheckedVolatile implements Callable<Object> {
  static final class Holder {
    private volatile Object instance;

    Object get() {
      Object i = instance;
      if (i == null) {
        synchronized (this) {
          i = instance;
          if (i == null) {
            instance = i = new Object();
          }
        }
      }
      return i;
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
