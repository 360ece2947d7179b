package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACY: the constructor starts the ticker first and sets the field it reads afterwards. */
public final class SetAfterGo implements Callable<Object> {
  static final class Server {
    private int currentTerm;

    Server(int term) {
      Env.go("ticker", () -> {
        Env.sleep(10);
        if (currentTerm < 0) {
          throw new IllegalStateException();
        }
      });
      currentTerm = term; // after the thread started: nothing orders this write before its read
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    node.get(() -> new Server(3)).orElseThrow();
    Env.sleep(100);
    return null;
  }
}
