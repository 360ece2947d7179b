package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * RACE-FREE: the tester calls into a server twice, each call on a thread of its own, without any
 * lock: a call's start follows what the tester did before it, and its end precedes what the
 * tester does after it, so the second call sees the first one's write.
 */
public final class TesterCalls implements Callable<Object> {
  static final class Server {
    private int applied;

    void apply(int n) {
      applied += n;
    }

    int applied() {
      return applied;
    }
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Server s = node.get(Server::new).orElseThrow();
    node.run(() -> s.apply(3));
    Env.sleep(10);
    return node.get(s::applied).orElseThrow();
  }
}
