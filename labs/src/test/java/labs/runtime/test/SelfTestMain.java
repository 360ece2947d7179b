package labs.runtime.test;

import labs.runtime.Env;
import labs.runtime.RunLimits;
import labs.runtime.World;

/** Starts a simulation; run by {@link MissingFlagTest} in a JVM without the needed flag. */
public final class SelfTestMain {
  public static void main(String[] args) {
    try {
      World.run(World.Mode.SIMULATION, 1, RunLimits.DEFAULT, () -> {
        Env.sleep(1);
        return null;
      });
      System.out.println("simulation ran");
    } catch (Throwable t) {
      System.out.println(t.getMessage());
      System.exit(1);
    }
  }
}
