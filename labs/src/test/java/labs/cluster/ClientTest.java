package labs.cluster;

import static labs.cluster.CounterServer.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labs.cluster.CounterServer.Amount;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Clients own their ends: cutting one client off touches no server link and no other client. */
class ClientTest {
  private static boolean reaches(Peer end) {
    return end.call(GET, new Amount(0)).isPresent();
  }

  @Test
  @DisplayName("a disconnected client cannot reach; others and the servers' links are untouched")
  void disconnectedClientCannotReach() throws Exception {
    Sim.run(11, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 3, CounterServer::start);
      Client one = cluster.newClient();
      Client two = cluster.newClient();
      assertThat(List.of(one.id(), two.id())).containsExactly(0, 1);
      List<Peer> ends = one.ends(group);
      assertThat(ends).extracting(Peer::name).containsExactly("client-0→server-0", "client-0→server-1",
          "client-0→server-2");
      assertThat(reaches(ends.get(0))).isTrue();

      one.disconnect("server-0");
      assertThat(reaches(ends.get(0))).isFalse();
      assertThat(reaches(ends.get(1))).isTrue();
      assertThat(reaches(two.end("server-0"))).as("the other client still reaches server-0").isTrue();
      assertThat(group.canReach(1, 0)).isTrue();

      one.connect("server-0");
      assertThat(reaches(ends.get(0))).isTrue();

      one.disconnectAll();
      assertThat(ends).noneMatch(ClientTest::reaches);
      Client three = cluster.newClient();
      three.disconnectAll();
      assertThat(reaches(three.end("server-2"))).as("an end made after disconnectAll starts closed").isFalse();

      one.connectOnly(group, List.of(1));
      assertThat(ends).extracting(ClientTest::reaches).containsExactly(false, true, false);
      assertThat(one.isConnected("server-1")).isTrue();

      one.connectAll();
      assertThat(ends).allMatch(ClientTest::reaches);
      Env.sleep(1);
    });
  }

  @Test
  @DisplayName("a client's end reaches whichever life of the server is up")
  void endsFollowTheServersName() throws Exception {
    Sim.run(12, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 1, CounterServer::start);
      Peer end = cluster.newClient().end("server-0");
      group.crash(0);
      assertThat(reaches(end)).isFalse();
      group.restart(0);
      assertThat(reaches(end)).isTrue();
    });
  }
}
