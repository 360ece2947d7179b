package labs.cluster;

import java.util.concurrent.Callable;
import labs.runtime.RunLimits;
import labs.runtime.World;

/** Runs a test body as the tester thread of a fresh world. */
final class Sim {
  private Sim() {}

  static <T> T run(long seed, Callable<T> body) throws Exception {
    return World.run(World.Mode.SIMULATION, seed, RunLimits.DEFAULT, body);
  }

  static void run(long seed, Runnable body) throws Exception {
    World.run(World.Mode.SIMULATION, seed, RunLimits.DEFAULT, () -> {
      body.run();
      return null;
    });
  }
}
