package labs.race.corpus;

import java.util.concurrent.Callable;
import labs.net.Network;
import labs.net.Peer;
import labs.net.Rpc;
import labs.net.Server;
import labs.runtime.Env;
import labs.runtime.Node;
import labs.runtime.World;

/**
 * An RPC orders what the caller did before the call before the handler, and the handler before
 * what the caller does after the reply. A static field stands for memory two nodes share:
 * RACE-FREE as written ({@link #call}); {@link Racy} writes it after the request was sent: RACY.
 */
public class RpcEdges implements Callable<Object> {
  record Ping(int n) {}

  record Pong(int n) {}

  static final Rpc<Ping, Pong> PING = Rpc.of("Ping", Ping.class, Pong.class);
  static int shared;

  /** Writes the shared field while the request is on its way: the handler's read races with it. */
  public static final class Racy extends RpcEdges {
    @Override
    void beforeReply() {
      shared = 2;
    }
  }

  void beforeReply() {}

  @Override
  public Object call() {
    World w = World.current();
    Network net = new Network();
    Node server = w.newNode("server-1");
    net.addServer("server-1", server, new Server().handle(PING, p -> new Pong(p.n() + shared)));
    Peer end = net.makeEnd("end-0-1");
    net.connect("end-0-1", "server-1");
    net.enable("end-0-1", true);
    Node client = w.newNode("server-0");
    client.run(() -> {
      shared = 1; // before the call: the handler sees it
      Env.go("concurrent", this::beforeReply);
      end.call(PING, new Ping(1)).orElseThrow();
      shared = 3; // after the reply: ordered after the handler's read
    });
    return null;
  }
}
