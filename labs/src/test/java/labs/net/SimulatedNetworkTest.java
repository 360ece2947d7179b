package labs.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import labs.runtime.World;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest extends NetworkContract {
  @Override
  World.Mode mode() {
    return World.Mode.SIMULATION;
  }

  @Test
  void sameSeedGivesTheSameTraceAndTwentySeedsTwentyTraces() throws Exception {
    long first = workloadTraceHash(World.Mode.SIMULATION, 1);
    assertThat(workloadTraceHash(World.Mode.SIMULATION, 1)).isEqualTo(first);
    Set<Long> hashes = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      hashes.add(workloadTraceHash(World.Mode.SIMULATION, seed));
    }
    assertThat(hashes).hasSize(20);
  }
}
