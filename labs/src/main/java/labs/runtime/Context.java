package labs.runtime;

import labs.race.Edges;

/**
 * The runtime and node of the current thread. Every thread started by a runtime carries one; a
 * thread that was not started by a runtime (a plain JUnit thread, a main method) gets the
 * process-wide real runtime's node "main".
 */
record Context(World world, Node node) {
  private static final ThreadLocal<Context> CURRENT = new InheritableThreadLocal<>();

  static Context current() {
    Context c = CURRENT.get();
    return c != null ? c : World.defaultWorld().mainContext();
  }

  /** The current thread's context, or null outside every runtime. */
  static Context currentOrNull() {
    return CURRENT.get();
  }

  Backend backend() {
    return world.backend();
  }

  /**
   * Runs {@code body} as the current thread with this context. Called by the thread that starts
   * the new one: for the race detector, what the starter did so far happens before the body.
   */
  Runnable bind(Runnable body) {
    Object race = Edges.fork(world.raceRun(), node);
    return () -> {
      CURRENT.set(this);
      Edges.begin(race);
      try {
        body.run();
      } finally {
        Edges.end(race);
        CURRENT.remove();
      }
    };
  }
}
