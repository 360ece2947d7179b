package labs.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The JDK 25 internals the simulation relies on, in one place (see
 * {@code research/deterministic-simulation.md}): the virtual-thread builder that takes a
 * scheduler, the {@code VirtualThread} fields used to take over monitor hand-offs, and the array
 * of timer schedulers used for timed parks. {@link #check()} fails with one clear message if any
 * of them changed, before a simulation starts.
 */
final class JdkHooks {
  static final int RUNNING = 2;
  static final int PARKED = 4;
  static final int PINNED = 5;
  static final int TIMED_PARKED = 7;
  static final int TIMED_PINNED = 8;
  static final int UNPARKED = 9;
  static final int BLOCKED = 13;
  static final int UNBLOCKED = 14;
  static final int WAIT = 16;
  static final int TIMED_WAIT = 18;
  static final int YIELDED = 11;
  static final int TERMINATED = 99;

  private static final String NEEDED_FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";
  private static volatile Internals internals;
  private static volatile Throwable broken;

  private JdkHooks() {}

  /** The reflective handles, looked up once. */
  record Internals(
      Constructor<?> builderConstructor,
      Class<?> virtualThreadClass,
      VarHandle state,
      VarHandle onWaitingList,
      VarHandle next,
      VarHandle runContinuation,
      MethodHandle unblock,
      ScheduledExecutorService[] delayedTaskSchedulers) {}

  /** Looks up every internal and installs the hooks once per JVM; throws a clear error if not possible. */
  static Internals check() {
    Internals i = internals;
    if (i != null) {
      return i;
    }
    synchronized (JdkHooks.class) {
      if (internals == null && broken == null) {
        try {
          Internals found = lookUp();
          VirtualTimers.install(found.delayedTaskSchedulers());
          UnblockerTakeover.run(found);
          internals = found;
        } catch (Throwable t) {
          broken = t;
        }
      }
      if (broken != null) {
        throw new RunFailure(RunFailure.Kind.SELF_TEST, explain(broken), broken);
      }
      return internals;
    }
  }

  private static String explain(Throwable t) {
    String version = Runtime.version().toString();
    if (t instanceof java.lang.reflect.InaccessibleObjectException) {
      return "the simulation needs the JVM flag " + NEEDED_FLAG + " (it is in the Maven build's "
          + "surefire argLine; add it when you run tests another way, e.g. in your IDE's run "
          + "configuration). JDK: " + version;
    }
    return "the JDK internals the deterministic simulation relies on are not as expected on JDK "
        + version + " (" + t + "). The simulation is built for JDK 25: point JAVA_HOME at a JDK 25, "
        + "or run on real threads with -Dlabs.runtime=real.";
  }

  private static Internals lookUp() throws ReflectiveOperationException {
    if (Runtime.version().feature() < 25) {
      throw new IllegalStateException("JDK " + Runtime.version() + " is older than 25");
    }
    Class<?> builderClass = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
    Constructor<?> ctor = builderClass.getDeclaredConstructor(Executor.class);
    ctor.setAccessible(true);
    Class<?> vt = Class.forName("java.lang.VirtualThread");
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(vt, MethodHandles.lookup());
    VarHandle state = lookup.findVarHandle(vt, "state", int.class);
    VarHandle onWaitingList = lookup.findVarHandle(vt, "onWaitingList", boolean.class);
    VarHandle next = lookup.findVarHandle(vt, "next", vt);
    VarHandle runContinuation = lookup.findVarHandle(vt, "runContinuation", Runnable.class);
    MethodHandle unblock = lookup.findVirtual(vt, "unblock", MethodType.methodType(void.class))
        .asType(MethodType.methodType(void.class, Thread.class));
    checkConstant(lookup, vt, "RUNNING", RUNNING);
    checkConstant(lookup, vt, "PARKED", PARKED);
    checkConstant(lookup, vt, "PINNED", PINNED);
    checkConstant(lookup, vt, "TIMED_PARKED", TIMED_PARKED);
    checkConstant(lookup, vt, "TIMED_PINNED", TIMED_PINNED);
    checkConstant(lookup, vt, "UNPARKED", UNPARKED);
    checkConstant(lookup, vt, "BLOCKED", BLOCKED);
    checkConstant(lookup, vt, "UNBLOCKED", UNBLOCKED);
    checkConstant(lookup, vt, "WAIT", WAIT);
    checkConstant(lookup, vt, "TIMED_WAIT", TIMED_WAIT);
    checkConstant(lookup, vt, "YIELDED", YIELDED);
    checkConstant(lookup, vt, "TERMINATED", TERMINATED);
    Class<?> dts = Class.forName("java.lang.VirtualThread$DelayedTaskSchedulers");
    Field f = dts.getDeclaredField("INSTANCE");
    f.setAccessible(true);
    var schedulers = (ScheduledExecutorService[]) f.get(null);
    return new Internals(ctor, vt, state, onWaitingList, next, runContinuation, unblock, schedulers);
  }

  private static void checkConstant(MethodHandles.Lookup lookup, Class<?> vt, String name, int expected)
      throws ReflectiveOperationException {
    int actual = (int) lookup.findStaticVarHandle(vt, name, int.class).get();
    if (actual != expected) {
      throw new IllegalStateException("VirtualThread." + name + " is " + actual + ", expected " + expected);
    }
  }

  /** A virtual-thread builder whose threads are scheduled by {@code scheduler}. */
  static Thread.Builder.OfVirtual builder(Executor scheduler) {
    try {
      return (Thread.Builder.OfVirtual) check().builderConstructor().newInstance(scheduler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static int state(Thread vt) {
    return (int) internals.state().getVolatile(vt);
  }

  static Runnable runContinuation(Thread vt) {
    return (Runnable) internals.runContinuation().get(vt);
  }

  /**
   * If the JVM put {@code vt} on its list of threads to unblock after a monitor exit, takes it off
   * and unblocks it here (on the carrier), instead of the JDK's unblocker thread. Returns whether
   * it did.
   */
  static boolean unblockIfListed(Thread vt) {
    Internals i = internals;
    if ((boolean) i.onWaitingList().getVolatile(vt) && i.onWaitingList().compareAndSet(vt, true, false)) {
      i.next().setVolatile(vt, null);
      try {
        i.unblock().invokeExact(vt);
      } catch (Throwable t) {
        throw new IllegalStateException("VirtualThread.unblock failed", t);
      }
      return true;
    }
    return false;
  }

  private static final ConcurrentHashMap<Class<?>, Field> THREAD_FIELDS = new ConcurrentHashMap<>();

  /** The virtual thread captured by a {@code runContinuation} task (for threads we did not create). */
  static Thread threadOf(Runnable task) {
    if (task == null) {
      return null;
    }
    Field f = THREAD_FIELDS.computeIfAbsent(task.getClass(), c -> Arrays.stream(c.getDeclaredFields())
        .filter(x -> Thread.class.isAssignableFrom(x.getType()))
        .peek(x -> x.setAccessible(true))
        .findFirst()
        .orElse(null));
    try {
      return f == null ? null : (Thread) f.get(task);
    } catch (IllegalAccessException e) {
      return null;
    }
  }
}
