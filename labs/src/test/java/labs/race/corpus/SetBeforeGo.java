package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACE-FREE: fields set by the constructor before it starts the thread that reads them. */
public final class SetBeforeGo implements Callable<Object> {
  static final class Server {
    private int currentTerm;
    private long deadline;

    Server(int term) {
      currentTerm = term;
      deadline = 300;
      Env.go("ticker", () -> {
        Env.sleep(10);
        if (currentTerm + deadline < 0) {
          throw new IllegalStateException();
        }
      });
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
