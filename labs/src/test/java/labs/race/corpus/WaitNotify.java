package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACE-FREE: synchronized methods and blocks, and Object.wait/notifyAll. */
public final class WaitNotify implements Callable<Object> {
  static final class Box {
    private int value;
    private boolean full;

    synchronized void put(int v) {
      value = v;
      full = true;
      notifyAll();
    }

    int take() {
      synchronized (this) {
        while (!full) {
          try {
            wait();
          } catch (InterruptedException e) {
            return -1;
          }
        }
        full = false;
        return value;
      }
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Box box = new Box();
    node.run(() -> {
      Env.go("taker", box::take);
      Env.go("putter", () -> {
        Env.sleep(10);
        box.put(42);
      });
    });
    Env.sleep(100);
    return null;
  }
}
