/**
 * The race detector: {@code -Dlabs.race=true} turns a data race in the student's code into a
 * failed test with both threads, both lines and both stacks, deterministically in the
 * simulation (the same seed gives the same report) and as a usual dynamic detector on real
 * threads.
 *
 * <h2>How it works</h2>
 *
 * <ul>
 *   <li><b>Instrumentation.</b> The agent {@link labs.race.RaceAgent} (on every test JVM's
 *       command line through the build's {@code labs.argLine}) rewrites, as they load, the
 *       classes compiled from a lab's {@code src/student/java} or {@code src/solution/java}, and
 *       nothing else: not the framework, the tests, a lab's given code or the JDK
 *       ({@link labs.race.Instrumenter}, with the JDK's {@code java.lang.classfile}). Each read
 *       and write of a non-final field or an array element, each call on a {@code java.util}
 *       collection, each lock, unlock, monitor, condition wait and call on a
 *       {@code java.util.concurrent} object calls {@link labs.race.Hooks}.
 *   <li><b>Happens-before.</b> Vector clocks in the style of FastTrack ({@link labs.race.RaceRun}):
 *       each location keeps its last write and the last read of each thread since; an access
 *       that no chain of edges orders after a conflicting one is a race. Clock slots of ended
 *       threads are reused only when that makes up no order (a run starts tens of thousands of
 *       threads; they need a few hundred slots).
 *   <li><b>Edges.</b> Lock release to the next acquire of the same lock ({@code ReentrantLock},
 *       {@code TimedLock}, read-write locks, {@code synchronized}, including condition and
 *       monitor waits); a volatile write to the reads after it; calls on atomics and other
 *       {@code java.util.concurrent} objects, thread-safe collections included, whatever the
 *       static type; and, reported by {@code labs.runtime} ({@link labs.race.Edges}), a thread's
 *       start ({@code Env.go}, an RPC handler started for a request, a tester's
 *       {@code Node.call}), a {@code Channel} send to its receive, a {@code Node.call}'s end to
 *       its caller, an RPC's reply to the caller (a {@code Channel}), a server's registration of
 *       its handlers ({@code labs.net.Server.handle}) to every request dispatched to them (a real
 *       RPC library publishes its handler table under a lock), and a join. Nothing else
 *       orders: not the framework's own locks (the trace, the persister, the network), which a
 *       real program cannot count on.
 *   <li><b>Reports.</b> The first race on each location (field, array, collection) of a run,
 *       {@link labs.race.RaceReport}; {@code labs.runtime.World} fails the run with
 *       {@code DATA_RACE} when it ends.
 * </ul>
 *
 * <p>For testers: the tests are not instrumented, so the order their own JDK locks or latches
 * create is not seen. Hand a student object from one tester thread to another through the
 * runtime ({@code Async}, a {@code Channel}, {@code Node.call}) or keep it on one thread;
 * otherwise its accesses from the two threads look unordered.
 *
 * <p>Not seen: accesses made by JDK or framework code on the student's behalf
 * ({@code Arrays.fill}, {@code System.arraycopy}, iterators and views of a collection), so a race
 * through them can be missed; what is reported is a race.
 *
 * <pre>{@code
 * // what the runtime calls, for example in Channel.send and Channel.receive:
 * Edges.release(this);     // before the message is added
 * Edges.acquire(this);     // after a message was taken
 * }</pre>
 *
 * <p>{@code -Dlabs.race.stats=true} prints, per run, the threads, clock slots and races (for the
 * benchmark, {@code bench/race-detector.sh}).
 */
package labs.race;
