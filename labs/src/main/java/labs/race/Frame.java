package labs.race;

/**
 * One method call of student code, as the race detector remembers it: the thread it runs on and
 * where its caller called it. Instrumented methods make one when they start ({@link Hooks#enter})
 * and pass it to every hook, so a recorded access knows its whole chain of callers (the stack in
 * a race report) without walking the real stack. Immutable; no public constructor.
 */
public final class Frame {
  final ThreadState thread;
  /** The calling method's frame, or null (the thread's first student method, or a call from outside). */
  final Frame caller;
  /** The site in the caller that made this call (0: unknown). */
  final int callSite;

  Frame(ThreadState thread, Frame caller, int callSite) {
    this.thread = thread;
    this.caller = caller;
    this.callSite = callSite;
  }
}
