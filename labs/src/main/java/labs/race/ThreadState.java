package labs.race;

/**
 * What the detector knows about one thread of a run: its vector clock and slot, the locks it
 * holds, and the last call its student code made (so that the next method it enters knows its
 * caller). Touched only by its own thread, except under the run's lock.
 */
final class ThreadState {
  static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();

  final RaceRun run;
  /** The thread's number in the run, in the order threads were started (deterministic in the simulation). */
  final int number;
  /** The node the thread belongs to (a crash ends all its threads at once in the simulation). */
  final Object node;
  /** Who started it ("server-1/call#3"), and the site of the last call its student code made before (0: none). */
  final String startedBy;
  final int startedAt;

  String name = "?";
  int slot;
  int[] vc;
  Held held = Held.NONE;
  /** Set by {@link Hooks#call} before each call student code makes. */
  Frame lastFrame;
  int lastSite;
  private Frame cachedFrame;
  /** The thread's clock at its last recorded access (0: none), for reusing its slot. */
  int lastAccessClock;
  /** Its clock when it ended, for Thread.join; null while it runs. */
  int[] endVc;
  boolean freed;

  ThreadState(RaceRun run, int number, Object node, ThreadState parent, int slot, int[] vc) {
    this.run = run;
    this.number = number;
    this.node = node;
    this.slot = slot;
    this.vc = vc;
    this.startedBy = parent == null ? null : parent.label();
    this.startedAt = parent == null ? 0 : parent.lastSite;
  }

  static ThreadState current() {
    return CURRENT.get();
  }

  int clock() {
    return vc[slot];
  }

  /** Starts a new epoch: what this thread does from now on is not known to those it released to. */
  void tick() {
    vc[slot]++;
  }

  /** "server-1/ticker#4". */
  String label() {
    return name + "#" + number;
  }

  /** The frame of a student method this thread enters now, or null once the run is over. */
  Frame enter() {
    if (run.closed) {
      return null;
    }
    if (!run.ranInstrumentedCode) {
      run.ranInstrumentedCode = true; // a volatile write: once, not on every call
    }
    Frame c = cachedFrame;
    if (c != null && c.caller == lastFrame && c.callSite == lastSite) {
      return c;
    }
    return cachedFrame = new Frame(this, lastFrame, lastSite);
  }
}
