package labs.race.corpus;

import java.time.Duration;
import java.util.concurrent.Callable;
import labs.net.Network;
import labs.net.Peer;
import labs.net.Rpc;
import labs.net.Server;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * A server built while a client is already calling (a restart under load, as in Lab 4): the
 * client keeps retrying until the server answers, so nothing orders the client's thread after the
 * server's constructor. What orders the handler after the constructor is the registration itself:
 * the network hands a request only to handlers it was given, and giving them happens after the
 * constructor ran. RACE-FREE: the handler's read of {@code State.base} must not be reported.
 */
public class RegisteredServer implements Callable<Object> {
  record Ping(int n) {}

  record Pong(int n) {}

  static final Rpc<Ping, Pong> PING = Rpc.of("Ping", Ping.class, Pong.class);

  /** A server whose constructor writes a plain field its handler reads. */
  static final class State {
    private int base;

    State(int base) {
      this.base = base; // not final on purpose: a plain write, ordered only by the registration
    }

    Pong ping(Ping p) {
      return new Pong(p.n() + base);
    }
  }

  @Override
  public Object call() {
    World w = World.current();
    Network net = new Network();
    Peer end = net.makeEnd("end-0-1");
    net.enable("end-0-1", true);
    Node client = w.newNode("client-0");
    client.start("caller", () -> {
      while (end.call(PING, new Ping(1)).isEmpty()) {
        Env.sleep(Duration.ofMillis(10)); // no server yet: try again
      }
    });
    Env.sleep(Duration.ofMillis(50));
    Node server = w.newNode("server-1");
    server.run(() -> {
      State s = new State(41);
      net.addServer("server-1", server, new Server().handle(PING, s::ping));
    });
    net.connect("end-0-1", "server-1");
    Env.sleep(Duration.ofMillis(200));
    return null;
  }
}
