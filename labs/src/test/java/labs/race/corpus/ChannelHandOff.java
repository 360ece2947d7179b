package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.runtime.Channel;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/** RACE-FREE: a message object filled in by one thread and handed to another through a Channel. */
public final class ChannelHandOff implements Callable<Object> {
  static final class Message {
    int index;
    String text;
  }

  @Override
  public Object call() {
    Node node = World.current().newNode("server-1");
    Channel<Message> ch = new Channel<>();
    int[] seen = new int[1];
    node.run(() -> {
      Env.go("reader", () -> {
        for (int i = 0; i < 3; i++) {
          Message m = ch.receive().orElseThrow();
          seen[0] += m.index + m.text.length();
        }
      });
      Env.go("writer", () -> {
        for (int i = 0; i < 3; i++) {
          Message m = new Message();
          m.index = i;
          m.text = "entry " + i;
          ch.send(m);
          Env.sleep(5);
        }
      });
    });
    Env.sleep(100);
    return null;
  }
}
