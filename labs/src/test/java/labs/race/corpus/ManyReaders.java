package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * Twenty handler threads read one field with no order among them (more than the detector keeps
 * as a short list of reads, so it keeps them by thread slot), then a writer changes it: without
 * any order to the reads (RACY), or after every reader has reported back on a Channel
 * (RACE-FREE: each read happens before the write, although the reads are concurrent).
 */
public final class ManyReaders {
  private ManyReaders() {}

  static final int READERS = 20;

  static final class Server {
    String config = "initial";
  }

  static void scenario(boolean waitForReaders) {
    Node node = World.current().newNode("server-1");
    Server s = new Server();
    Channel<Integer> done = new Channel<>();
    node.run(() -> {
      for (int i = 0; i < READERS; i++) {
        int pause = i;
        Env.go("handler", () -> {
          Env.sleep(pause);
          done.send(s.config.length());
        });
      }
      Env.go("writer", () -> {
        if (waitForReaders) {
          for (int i = 0; i < READERS; i++) {
            done.receive().orElseThrow();
          }
        } else {
          Env.sleep(100);
        }
        s.config = "changed";
      });
    });
    Env.sleep(200);
  }

  /** RACY. */
  public static final class Racy implements Callable<Object> {
    @Override
    public Object call() {
      scenario(false);
      return null;
    }
  }

  /** RACE-FREE. */
  public static final class Ordered implements Callable<Object> {
    @Override
    public Object call() {
      scenario(true);
      return null;
    }
  }
}
