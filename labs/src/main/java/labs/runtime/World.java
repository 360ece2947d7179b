package labs.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import labs.race.RaceRun;

/**
 * The world one test run happens in: its seed, runtime (simulated or real), nodes and trace.
 * Testers create nodes and crash them; code on a node sees the world only through {@link Env}.
 *
 * <pre>{@code
 * int leader = World.run(Mode.SIMULATION, 42, RunLimits.DEFAULT, () -> {
 *   World w = World.current();
 *   Node a = w.newNode("server-0");
 *   a.start("ticker", () -> { while (true) Env.sleep(100); });
 *   Env.sleep(1_000);                 // the tester's own thread sleeps in virtual time too
 *   w.crash(a);
 *   return 0;
 * });
 * }</pre>
 */
public final class World {
  /** Which runtime a run uses; chosen per run with {@code -Dlabs.runtime=sim|real}. */
  public enum Mode {
    SIMULATION,
    REAL;

    /** Reads {@code labs.runtime} ({@code sim}, the default, or {@code real}). */
    public static Mode fromSystemProperties() {
      return parse(System.getProperty("labs.runtime", "sim"));
    }

    /** Reads a {@code labs.runtime} value: {@code sim} (or empty) or {@code real}. */
    public static Mode parse(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      return switch (v) {
        case "sim", "simulation", "" -> SIMULATION;
        case "real" -> REAL;
        default ->
            throw new IllegalArgumentException(
                "-Dlabs.runtime=" + v + " is not a runtime: use -Dlabs.runtime=sim (default) or -Dlabs.runtime=real");
      };
    }

    /** The short name used on the command line. */
    public String flag() {
      return this == SIMULATION ? "sim" : "real";
    }
  }

  private static volatile World defaultWorld;

  private final long seed;
  private final Backend backend;
  private final Trace trace;
  private final Random nodeSeeds;
  private final Node tester;
  private final Map<Node, List<Thread>> crashWatchers = new IdentityHashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final Context mainContext;
  private final RaceRun races;

  private World(long seed, Mode mode, RunLimits limits) {
    this.seed = seed;
    this.races = limits.raceDetection() ? RaceRun.start() : null;
    this.nodeSeeds = new Random(seed);
    this.trace = new Trace(this::nowNanosForTrace, limits.debug());
    this.backend = mode == Mode.SIMULATION ? new Simulation(this, seed, limits) : new RealBackend(this, limits);
    this.tester = new Node(this, "tester", nodeSeeds.nextLong());
    this.mainContext = new Context(this, tester);
  }

  private long nowNanosForTrace() {
    return backend == null ? 0 : backend.nowNanos();
  }

  /**
   * Runs {@code main} as the tester thread of a new world and returns its result. In the
   * simulation the calling thread becomes the scheduler's only carrier until {@code main}
   * returns; a deadlock, a busy loop, a forbidden JDK call or an uncaught exception in any thread
   * ends the run with a {@link RunFailure}.
   */
  public static <T> T run(Mode mode, long seed, RunLimits limits, Callable<T> main) throws Exception {
    World world = new World(seed, mode, limits);
    return world.execute(main);
  }

  private <T> T execute(Callable<T> main) throws Exception {
    T result;
    try {
      result = backend instanceof Simulation sim ? sim.runMain(tester, main) : runReal(main);
    } catch (Exception | Error e) {
      RaceFailures.throwIfAny(races, e);
      throw e;
    }
    RaceFailures.throwIfAny(races, null);
    return result;
  }

  private <T> T runReal(Callable<T> main) throws Exception {
    try {
      return ((RealBackend) backend).runMain(mainContext, main);
    } finally {
      crashAll();
    }
  }

  /** Ends a real run: every node still alive is crashed, so no thread of the run outlives it. */
  private void crashAll() {
    List<Node> all;
    synchronized (nodes) {
      all = new ArrayList<>(nodes);
    }
    all.forEach(this::crash);
  }

  /** The world of the calling thread (the process-wide real world outside any run). */
  public static World current() {
    return Context.current().world();
  }

  /** The world of the calling thread, or null if the thread belongs to no run. */
  public static World currentOrNull() {
    Context c = Context.currentOrNull();
    return c == null ? null : c.world();
  }

  static World defaultWorld() {
    World w = defaultWorld;
    if (w == null) {
      synchronized (World.class) {
        if (defaultWorld == null) {
          defaultWorld = new World(System.nanoTime(), Mode.REAL, RunLimits.DEFAULT);
        }
        w = defaultWorld;
      }
    }
    return w;
  }

  Context mainContext() {
    return mainContext;
  }

  /** The run's race detector, or null when it runs without one. */
  RaceRun raceRun() {
    return races;
  }

  /** Whether the run has the race detector on ({@link RunLimits#raceDetection()}). */
  public boolean detectsRaces() {
    return races != null;
  }

  /**
   * Whether instrumented student code ran in this run, with the race detector on; false if the
   * detector is off or saw no student code (the classes were not instrumented: no agent).
   */
  public boolean racesWatchedStudentCode() {
    return races != null && races.ranInstrumentedCode();
  }

  Backend backend() {
    return backend;
  }

  /** The seed this run was started with. */
  public long seed() {
    return seed;
  }

  /** True in the deterministic simulation. */
  public boolean isSimulated() {
    return backend.isSimulated();
  }

  /** The run's trace: network events, crashes and every node's log lines. */
  public Trace trace() {
    return trace;
  }

  /** Runtime time since the start of the run, in nanoseconds (virtual in the simulation). */
  public long nowNanos() {
    return backend.nowNanos();
  }

  /**
   * For a failure report: the threads that have waited for a lock for a second of virtual time or
   * more, grouped by lock, each with what the holder is doing ("sleeping (Env.sleep) while holding
   * it, at raft.Raft.ticker(Raft.java:212)"). Empty if there are none, and on real threads. Call
   * it after the run has ended.
   */
  public String explainLockWaits() {
    return backend.lockWaits();
  }

  /**
   * A hash of every scheduling decision and time jump of the run so far: two runs of one seed
   * that scheduled their threads identically have the same. 0 on real threads.
   */
  public long scheduleHash() {
    return backend.scheduleHash();
  }

  /** The node the tester's own threads belong to. */
  public Node testerNode() {
    return tester;
  }

  /** A new live node with its own seeded random generator. */
  public Node newNode(String name) {
    long nodeSeed;
    synchronized (nodeSeeds) {
      nodeSeed = nodeSeeds.nextLong();
    }
    Node node = new Node(this, name, nodeSeed);
    synchronized (nodes) {
      nodes.add(node);
    }
    return node;
  }

  /**
   * Crashes {@code node}: its threads stop for good (simulation) or are cut off (real), and
   * every {@link Node#call} waiting on it returns empty. Idempotent.
   */
  public void crash(Node node) {
    if (node == tester) {
      throw new IllegalArgumentException("the tester node cannot crash");
    }
    if (!node.isAlive()) {
      return;
    }
    node.markCrashed();
    trace.record(node.name(), "crash", "node crashed");
    backend.crashed(node);
    if (races != null && backend.isSimulated()) {
      races.nodeCrashed(node); // its threads never run again: their clock slots may be reused
    }
    List<Thread> waiters;
    synchronized (crashWatchers) {
      waiters = crashWatchers.remove(node);
    }
    if (waiters != null) {
      waiters.forEach(LockSupport::unpark);
    }
  }

  void watchCrash(Node node, Thread waiter) {
    synchronized (crashWatchers) {
      crashWatchers.computeIfAbsent(node, n -> new ArrayList<>()).add(waiter);
    }
  }

  void unwatchCrash(Node node, Thread waiter) {
    synchronized (crashWatchers) {
      List<Thread> list = crashWatchers.get(node);
      if (list != null) {
        list.remove(waiter);
        if (list.isEmpty()) {
          crashWatchers.remove(node);
        }
      }
    }
  }
}
