package labs.race.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACY: a log (an ArrayList) appended to by one thread and read by another, without a lock. */
public final class UnlockedList implements Callable<Object> {
  static final class Server {
    private final List<Integer> log = new ArrayList<>();

    void start() {
      Env.go("start", () -> log.add(1));
      Env.go("appendEntries", () -> {
        Env.sleep(1);
        if (log.size() > 5) {
          throw new IllegalStateException();
        }
      });
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Server s = new Server();
    node.run(s::start);
    Env.sleep(100);
    return null;
  }
}
