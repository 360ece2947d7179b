package labs.runtime;

/**
 * Thrown on real threads into a thread of a crashed node when it sleeps or blocks in the
 * runtime, to stop it. Do not catch it. (In the simulation crashed threads simply never run
 * again.)
 */
public final class NodeCrashedError extends Error {
  public NodeCrashedError(String node) {
    super("node " + node + " has crashed; its threads must stop", null, false, false);
  }
}
