package mapreduce;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.rmi.ConnectException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.UnknownHostException;
import java.rmi.UnmarshalException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The Java RMI plumbing of both programs: the coordinator exports itself and an RMI registry on
 * one port of 127.0.0.1 (never on another address); a worker looks it up there.
 */
final class Rmi {
  static final String LOOPBACK = "127.0.0.1";
  private static final int FREE_PORT_ATTEMPTS = 5;
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private Rmi() {}

  /** Makes RMI listen on 127.0.0.1 only: equal factories let the registry and object share a port. */
  private record LoopbackServerSockets() implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return new ServerSocket(port, 50, InetAddress.getByName(LOOPBACK));
    }
  }

  /**
   * Exports {@code coordinator} and a registry naming it {@link CoordinatorService#NAME} on
   * {@code port} of 127.0.0.1, or on a free port if {@code port} is 0. Returns the port.
   */
  static int exportCoordinator(CoordinatorService coordinator, int port) {
    System.setProperty("java.rmi.server.hostname", LOOPBACK);
    if (port != 0) {
      if (!tryExport(coordinator, port)) {
        throw Cli.failure("cannot listen on " + LOOPBACK + ":" + port + ": the port is in use (is"
            + " another coordinator running? choose another --port, or leave --port out to use a"
            + " free one)");
      }
      return port;
    }
    // A free port found now may be taken by another program before the registry binds it.
    for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
      int candidate = freePort();
      if (tryExport(coordinator, candidate)) {
        return candidate;
      }
    }
    throw Cli.failure("found no free port on " + LOOPBACK + " in " + FREE_PORT_ATTEMPTS
        + " attempts; give one with --port");
  }

  /** True if exported on {@code port}; false if the port is in use. */
  private static boolean tryExport(CoordinatorService coordinator, int port) {
    try {
      RMIServerSocketFactory sockets = new LoopbackServerSockets();
      Registry registry = LocateRegistry.createRegistry(port, null, sockets);
      registry.rebind(
          CoordinatorService.NAME, UnicastRemoteObject.exportObject(coordinator, port, null, sockets));
      return true;
    } catch (ExportException e) {
      if (e.getCause() instanceof BindException) {
        return false;
      }
      throw Cli.failure("cannot start RMI on " + LOOPBACK + ":" + port + ": " + e.getMessage());
    } catch (RemoteException e) {
      throw Cli.failure("cannot start RMI on " + LOOPBACK + ":" + port + ": " + e.getMessage());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw Cli.failure("cannot open any port on " + LOOPBACK + ": " + e.getMessage());
    }
  }

  /**
   * Bounds every RMI call of this process, so a worker never hangs on a coordinator that stopped
   * answering. Call before any other RMI use (the JDK reads these properties once).
   */
  static void boundClientWaits() {
    System.setProperty("sun.rmi.transport.tcp.responseTimeout", "60000");
    System.setProperty("sun.rmi.transport.tcp.handshakeTimeout", "10000");
  }

  /**
   * Looks up the coordinator at {@code host}:{@code port.getAsInt()}, retrying while nobody
   * answers (the coordinator may not have started yet) until {@code patience} runs out. The port
   * is asked for again on every attempt; a negative port means "not known yet".
   */
  static CoordinatorService lookupCoordinator(
      String host, IntSupplier port, Duration patience, String whereFromHint) {
    long deadline = System.nanoTime() + patience.toNanos();
    Exception lastProblem = null;
    while (true) {
      int current = port.getAsInt();
      if (current >= 0) {
        try {
          Registry registry = LocateRegistry.getRegistry(host, current);
          if (registry.lookup(CoordinatorService.NAME) instanceof CoordinatorService coordinator) {
            return coordinator;
          }
          throw Cli.failure(host + ":" + current + " has an RMI registry, but no MapReduce"
              + " coordinator is bound there (wrong --port?)");
        } catch (ConnectException | NotBoundException e) {
          lastProblem = e; // not up yet, or the registry is up but the coordinator not bound yet
        } catch (UnknownHostException e) {
          throw Cli.usage("unknown host '" + host + "' (the coordinator listens on " + LOOPBACK + ")");
        } catch (RemoteException e) {
          throw Cli.failure("cannot talk to a coordinator at " + host + ":" + current
              + ": something else answers there (" + e.getMessage() + "); check --port");
        }
      }
      if (System.nanoTime() >= deadline) {
        String where = current >= 0 ? " at " + host + ":" + current : "";
        String why = lastProblem == null ? whereFromHint : "connection refused or not bound yet";
        throw Cli.failure("no coordinator answered" + where + " within " + patience.toSeconds()
            + " s (" + why + "); start the coordinator first, or check --port");
      }
      sleep(RETRY_PAUSE);
    }
  }

  /**
   * True if {@code e} means the coordinator process is no longer there (refused connection,
   * object gone, connection closed mid-call), which a worker takes as the end of the job.
   */
  static boolean coordinatorIsGone(RemoteException e) {
    return e instanceof ConnectException
        || e instanceof NoSuchObjectException
        || (e instanceof UnmarshalException
            && (e.getCause() instanceof EOFException || e.getCause() instanceof SocketException));
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Cli.failure("interrupted while waiting for the coordinator");
    }
  }
}
