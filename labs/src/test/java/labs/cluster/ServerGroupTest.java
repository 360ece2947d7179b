package labs.cluster;

import static labs.cluster.CounterServer.ADD;
import static labs.cluster.CounterServer.BUMP;
import static labs.cluster.CounterServer.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import labs.checker.viewer.Annotation;
import labs.cluster.CounterServer.Amount;
import labs.cluster.CounterServer.Value;
import labs.net.Codec;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Lives, crashes and links of a server group, on the counter service, in the simulation. */
class ServerGroupTest {
  private static final Amount ZERO = new Amount(0);

  private static int value(Peer end) {
    return end.call(GET, ZERO).orElseThrow().value();
  }

  @Test
  @DisplayName("a crash keeps only what was persisted, and a zombie cannot change it")
  void crashKeepsWhatWasPersisted() throws Exception {
    Sim.run(1, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 3, CounterServer::start);
      Peer end = cluster.newClient().end(group.serverName(0));
      end.call(ADD, new Amount(5)).orElseThrow();
      end.call(BUMP, new Amount(100)).orElseThrow();
      assertThat(value(end)).isEqualTo(105);

      Instance<CounterServer> old = group.instance(0).orElseThrow();
      group.crash(0);
      // the crashed life writes on (as a zombie thread would in real mode): nobody reads it
      old.persister().save(Codec.encode(new Value(999)), null);
      group.restart(0);
      assertThat(value(end)).as("after the restart only the persisted add counts").isEqualTo(5);
      assertThat(Codec.decode(group.persister(0).readRaftState(), Value.class).value()).isEqualTo(5);

      // a second restart without new writes reads the same again
      group.restart(0);
      assertThat(value(end)).isEqualTo(5);
    });
  }

  @Test
  @DisplayName("each life runs on a new node; a crashed life answers nothing")
  void restartRunsOnANewNode() throws Exception {
    Sim.run(2, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 3, CounterServer::start);
      Instance<CounterServer> first = group.instance(1).orElseThrow();
      assertThat(first.node().name()).isEqualTo("server-1");
      assertThat(first.life()).isZero();

      group.crash(1);
      assertThat(group.isUp(1)).isFalse();
      assertThat(first.isAlive()).isFalse();
      assertThat(first.call("get()", CounterServer::get)).isEmpty();
      assertThat(group.call(1, "get()", CounterServer::get)).isEmpty();
      assertThat(cluster.newClient().end("server-1").call(GET, ZERO)).as("nobody answers as server-1").isEmpty();

      Instance<CounterServer> second = group.start(1);
      assertThat(second.node()).isNotSameAs(first.node());
      assertThat(second.node().name()).isEqualTo("server-1.r1");
      assertThat(second.life()).isEqualTo(1);
      assertThat(second.server()).isNotSameAs(first.server());
      assertThat(group.call(1, "get()", CounterServer::get)).contains(new Value(0));
      assertThat(group.isConnected(1)).as("a started server waits to be connected").isFalse();
      assertThat(first.server().kills).as("no kill hook runs in the simulation").isZero();
    });
  }

  @Test
  @DisplayName("connect, disconnect and partition open exactly the links they should")
  void partitionsCutExactlyTheirLinks() throws Exception {
    Sim.run(3, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 5, CounterServer::start);
      assertReach(group, (i, j) -> true);

      group.disconnect(2);
      assertReach(group, (i, j) -> i != 2 && j != 2);

      group.partition(List.of(0, 1), List.of(2, 3, 4));
      assertReach(group, (i, j) -> (i < 2) == (j < 2));

      // both sides count as connected: joining server 2 links it with all, and nothing else
      group.connect(2);
      assertReach(group, (i, j) -> i == 2 || j == 2 || (i < 2) == (j < 2));

      // a server in neither side is cut off
      group.partition(new Split(List.of(0, 1), List.of(2, 3)));
      assertReach(group, (i, j) -> i != 4 && j != 4 && (i < 2) == (j < 2));
      assertThat(group.isConnected(4)).isFalse();

      // a restarted server comes back disconnected, and connects to the connected ones
      group.restart(3);
      assertReach(group, (i, j) -> i != 4 && j != 4 && ((i < 2) == (j < 2) || i == 3 || j == 3));

      group.connectAll();
      assertReach(group, (i, j) -> true);

      List<String> labels = cluster.faults().bands().stream().map(Annotation::label).toList();
      assertThat(labels).contains("server: {0,1,3,4} | {2}", "server: {0,1} | {2,3,4}", "server: {0,1} | {2,3} | {4}",
          "server-3 down", "server-3 restarts");
    });
  }

  /** Probes every link with a real call from server i to server j and compares with the expectation. */
  private static void assertReach(ServerGroup<CounterServer> group, Reach expected) {
    for (int i = 0; i < group.size(); i++) {
      for (int j = 0; j < group.size(); j++) {
        if (i == j) {
          continue;
        }
        int to = j;
        Optional<Boolean> reached = group.call(i, "ping(" + j + ")", s -> s.ping(to));
        assertThat(reached).as("server %d reaches server %d", i, j).contains(expected.reaches(i, j));
        assertThat(group.canReach(i, j)).as("canReach(%d, %d)", i, j).isEqualTo(expected.reaches(i, j));
      }
    }
  }

  @FunctionalInterface
  private interface Reach {
    boolean reaches(int i, int j);
  }

  @Test
  @DisplayName("groups share the network: a server dials another group by name until it crashes")
  void serversDialOtherGroups() throws Exception {
    Sim.run(6, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> a = cluster.startGroup("server-101", 3, CounterServer::start);
      ServerGroup<CounterServer> b = cluster.startGroup("server-102", 3, CounterServer::start);
      assertThat(b.serverNames()).containsExactly("server-102-0", "server-102-1", "server-102-2");
      Peer toB = a.call(0, "dial", s -> s.dial("server-102-1")).orElseThrow();
      assertThat(a.call(0, "get", s -> toB.call(GET, ZERO).isPresent())).contains(true);

      // a partition inside group a does not cut its links to other groups
      a.disconnect(0);
      assertThat(a.call(0, "get", s -> toB.call(GET, ZERO).isPresent())).contains(true);

      Instance<CounterServer> old = a.instance(0).orElseThrow();
      a.crash(0);
      assertThat(cluster.network().isEnabled(toB.name())).as("a crashed life's ends to other groups close").isFalse();
      a.restart(0);
      Peer again = a.call(0, "dial", s -> s.dial("server-102-1")).orElseThrow();
      assertThat(again.name()).isNotEqualTo(toB.name()).startsWith("server-101-0.r1→server-102-1");
      assertThat(old.isAlive()).isFalse();
    });
  }

  @Test
  @DisplayName("splitAround puts the server in a minority of n/2")
  void splitAround() throws Exception {
    Sim.run(4, () -> {
      ServerGroup<CounterServer> group = new Cluster(NetworkConfig.DEFAULT).newGroup("s", 5, CounterServer::start);
      Split split = group.splitAround(1);
      assertThat(split.a()).containsExactly(0, 2, 3);
      assertThat(split.b()).containsExactly(4, 1);
      assertThat(split).hasToString("{0,2,3} | {4,1}");
      assertThatThrownBy(() -> new Split(List.of(0, 1), List.of(1))).hasMessageContaining("both sides");
    });
  }

  @Test
  @DisplayName("two groups cannot share a server name; a null from the factory is a clear error")
  void badSetups() throws Exception {
    Sim.run(5, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      cluster.newGroup("server-1", 2, CounterServer::start);
      cluster.newGroup("server", 1, CounterServer::start);
      assertThatThrownBy(() -> cluster.newGroup("server", 3, CounterServer::start))
          .hasMessageContaining("two servers would be called server-0");
      ServerGroup<Object> nulls = cluster.newGroup("nulls", 1, ctx -> null);
      assertThatThrownBy(() -> nulls.start(0)).hasMessageContaining("returned null for server 0");
      ServerGroup<CounterServer> ok = cluster.startGroup("ok", 1, CounterServer::start);
      assertThatThrownBy(() -> ok.call(0, "nothing()", s -> null)).hasMessageContaining("ok-0: nothing() returned null");
      assertThatThrownBy(() -> ok.crash(1)).hasMessageContaining("servers 0..0, not 1");
      Env.sleep(1);
    });
  }
}
