package labs.runtime.test;

import java.time.Duration;
import labs.runtime.Env;
import labs.runtime.RunLimits;
import labs.runtime.World;

/** A simulation with a thread that never blocks; run in its own JVM by {@link BusyLoopTest}. */
public final class BusyLoopMain {
  static volatile boolean flag;

  public static void main(String[] args) throws Exception {
    World.run(World.Mode.SIMULATION, 1, RunLimits.DEFAULT.withBusyStep(Duration.ofSeconds(1)), () -> {
      Env.go("spinner", BusyLoopMain::spin);
      Env.sleep(10);
      return null;
    });
    System.out.println("not reached");
  }

  static void spin() {
    while (!flag) {
      // polls a flag without ever blocking
    }
  }
}
