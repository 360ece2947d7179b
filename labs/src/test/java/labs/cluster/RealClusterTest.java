package labs.cluster;

import static labs.cluster.CounterServer.ADD;
import static labs.cluster.CounterServer.GET;
import static org.assertj.core.api.Assertions.assertThat;

import labs.cluster.CounterServer.Amount;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.runtime.Env;
import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** On real threads: a crash runs the life's kill hook, and the restarted server answers. */
class RealClusterTest {
  @Test
  @DisplayName("real runtime: crash runs the kill hook; restart serves from the persisted state")
  void crashKillsAndRestartServes() throws Exception {
    World.run(World.Mode.REAL, 41, RunLimits.DEFAULT, () -> {
      try (Cluster cluster = new Cluster(NetworkConfig.DEFAULT)) {
        ServerGroup<CounterServer> group = cluster.startGroup("server", 2, CounterServer::start);
        Peer end = cluster.newClient().end("server-0");
        end.call(ADD, new Amount(3)).orElseThrow();
        CounterServer old = group.instance(0).orElseThrow().server();
        group.crash(0);
        // the kill runs on a tester thread of its own; allow it up to 30 s (it takes microseconds)
        for (int i = 0; i < 3000 && old.kills == 0; i++) {
          Env.sleep(10);
        }
        assertThat(old.kills).isEqualTo(1);
        group.restart(0);
        assertThat(end.call(GET, new Amount(0)).orElseThrow().value()).isEqualTo(3);
        CounterServer last = group.instance(0).orElseThrow().server();
        cluster.close();
        for (int i = 0; i < 3000 && last.kills == 0; i++) {
          Env.sleep(10);
        }
        assertThat(last.kills).as("close() crashes what is up in real mode").isEqualTo(1);
      }
      return null;
    });
  }
}
