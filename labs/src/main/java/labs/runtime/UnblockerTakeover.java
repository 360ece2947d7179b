package labs.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes monitor hand-offs ({@code synchronized}, {@code wait/notify}) deterministic. After a
 * monitor exit, the JVM lists the virtual thread that may now enter, and one JVM-wide platform
 * thread, "VirtualThread-unblocker", submits it to its scheduler at a moment that depends on real
 * timing. This class traps that thread for good, once per JVM, by provoking one hand-off to a
 * throw-away scheduler that parks it; from then on the simulation takes listed threads off the
 * list itself, on its carrier, after every step ({@link JdkHooks#unblockIfListed}).
 *
 * <p>Consequence: in a JVM that ran a simulation, virtual threads on the JDK's default scheduler
 * must not contend on monitors. The framework's real runtime uses platform threads.
 */
final class UnblockerTakeover {
  private static final String UNBLOCKER = "VirtualThread-unblocker";

  private UnblockerTakeover() {}

  static void run(JdkHooks.Internals internals) throws Exception {
    CountDownLatch trapped = new CountDownLatch(1);
    LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    Thread worker = Thread.ofPlatform().daemon(true).name("labs-unblocker-trap-carrier").start(() -> {
      while (true) {
        try {
          tasks.take().run();
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    Executor trap = task -> {
      if (Thread.currentThread().getName().equals(UNBLOCKER)) {
        trapped.countDown();
        while (true) {
          LockSupport.park(UnblockerTakeover.class);
        }
      }
      tasks.add(task);
    };
    var builder = (Thread.Builder.OfVirtual) internals.builderConstructor().newInstance(trap);
    Object monitor = new Object();
    Thread contender;
    synchronized (monitor) {
      contender = builder.name("labs-unblocker-trap").start(() -> {
        synchronized (monitor) {
          monitor.hashCode();
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((int) internals.state().getVolatile(contender) != JdkHooks.BLOCKED) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("a virtual thread did not block on a held monitor (JEP 491 missing?)");
        }
        Thread.onSpinWait();
      }
    }
    if (!trapped.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the JDK's " + UNBLOCKER + " thread did not hand a blocked virtual "
          + "thread to its scheduler after a monitor exit");
    }
    worker.interrupt();
  }
}
