package labs.race.corpus;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * RACE-FREE: an object handed from one thread to another through a ConcurrentHashMap, used
 * through the {@code Map} interface (the detector tells by the map's class at run time).
 */
public final class MapHandOff implements Callable<Object> {
  static final class Reply {
    int term;
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Map<Integer, Reply> pending = new ConcurrentHashMap<>();
    node.run(() -> {
      Env.go("producer", () -> {
        Reply r = new Reply();
        r.term = 4;
        pending.put(1, r);
      });
      Env.go("consumer", () -> {
        Env.sleep(10);
        Reply r = pending.get(1);
        if (r != null && r.term != 4) {
          throw new IllegalStateException();
        }
      });
    });
    Env.sleep(100);
    return null;
  }
}
