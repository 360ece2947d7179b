package labs.net;

/**
 * Serves one RPC on a server: gets the decoded arguments, returns the reply. Runs on a new thread
 * of the server's node for every request, so several handlers may run at once.
 */
@FunctionalInterface
public interface Handler<A, R> {
  R handle(A args);
}
