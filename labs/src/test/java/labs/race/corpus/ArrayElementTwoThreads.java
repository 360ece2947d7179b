package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACY: two threads write the same element of an array, without a lock. */
public final class ArrayElementTwoThreads implements Callable<Object> {
  static final class Leader {
    private final int[] nextIndex = new int[3];

    void start() {
      Env.go("append→1", () -> nextIndex[1] = 5);
      Env.go("append→2", () -> {
        Env.sleep(1);
        nextIndex[1] = 7;
      });
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-0");
    Leader l = new Leader();
    node.run(l::start);
    Env.sleep(100);
    return null;
  }
}
