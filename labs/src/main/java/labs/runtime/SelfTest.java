package labs.runtime;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks once per JVM, before the first simulation, that the simulation is deterministic on this
 * JDK: a small workload with contended monitors, {@code wait/notify}, locks and sleeps is run
 * twice with one seed and must schedule identically.
 */
final class SelfTest {
  private static volatile boolean done;
  private static boolean running;

  private SelfTest() {}

  static synchronized void runOnce() throws Exception {
    if (done || running) {
      return;
    }
    running = true;
    try {
      long a = workload(7);
      long b = workload(7);
      if (a != b) {
        throw new RunFailure(RunFailure.Kind.SELF_TEST, "the simulation is not deterministic on JDK "
            + Runtime.version() + " (two runs of one seed differ). The simulation is built for JDK 25's "
            + "internals; run on real threads with -Dlabs.runtime=real, or use a JDK 25.");
      }
      done = true;
    } finally {
      running = false;
    }
  }

  private static long workload(long seed) throws Exception {
    return World.run(World.Mode.SIMULATION, seed, RunLimits.DEFAULT, () -> {
      World w = World.current();
      Object monitor = new Object();
      ReentrantLock lock = new ReentrantLock();
      int[] counter = {0};
      for (int i = 0; i < 4; i++) {
        w.newNode("n" + i).start("worker", () -> {
          for (int k = 0; k < 5; k++) {
            synchronized (monitor) {
              counter[0]++;
              monitor.notifyAll();
              Env.sleep(1);
            }
            lock.lock();
            try {
              Env.sleep(Env.random().nextInt(3));
            } finally {
              lock.unlock();
            }
          }
        });
      }
      synchronized (monitor) {
        while (counter[0] < 20) {
          monitor.wait();
        }
      }
      return w.scheduleHash();
    });
  }
}
