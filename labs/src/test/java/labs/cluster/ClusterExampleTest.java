package labs.cluster;

import static labs.cluster.CounterServer.ADD;
import static labs.cluster.CounterServer.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.checker.Model;
import labs.checker.Operation;
import labs.cluster.CounterServer.Amount;
import labs.cluster.CounterServer.Value;
import labs.net.NetworkConfig;
import labs.net.Peer;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package's example end to end, on the counter: clients record adds while the partitioner
 * runs and every server crashes and restarts; the history (with an add given up in the crash left
 * pending) must be linearizable, since the counter persists each add before it answers.
 */
class ClusterExampleTest {
  sealed interface Op {}

  record Add(int n) implements Op {}

  record Read() implements Op {}

  /** A counter: an add returns the new value, a read the current one. */
  static final class CounterModel implements Model<Integer, Op, Integer> {
    @Override
    public Integer init() {
      return 0;
    }

    @Override
    public Integer step(Integer state, Op op, Integer output) {
      int next = op instanceof Add a ? state + a.n() : state;
      return output == null || output == next ? next : null;
    }
  }

  @Test
  @DisplayName("clients, partitioner, crash of all and restart: the history checks out")
  void clientsUnderFaultsGiveALinearizableHistory() throws Exception {
    Sim.run(51, () -> {
      try (Cluster cluster = new Cluster(NetworkConfig.DEFAULT)) {
        ServerGroup<CounterServer> group = cluster.startGroup("server", 5, CounterServer::start);
        HistoryRecorder<Op, Integer> history = new HistoryRecorder<>();
        List<Client> clients = List.of(cluster.newClient(), cluster.newClient(), cluster.newClient());
        Client quitter = cluster.newClient();
        for (int round = 0; round < 2; round++) {
          // as in MIT's generic test: clients run under partitions, stop, then everything crashes
          AtomicBoolean done = new AtomicBoolean();
          List<Async<Void>> running = new ArrayList<>();
          for (Client client : clients) {
            Peer end = client.end(group.serverName(0)); // the counter lives on server 0
            running.add(Async.run(client.name(), () -> {
              while (!done.get()) {
                history.record(client.id(), new Add(1), () -> end.call(ADD, new Amount(1)).orElseThrow().value());
                Env.sleep(10);
              }
            }));
          }
          Partitioner partitioner = Partitioner.start(group);
          Env.sleep(1_500);
          done.set(true);
          running.forEach(Async::join);
          partitioner.stop();
          group.connectAll();
          group.crashAll();
          // a clerk that tries once while everything is down and gives up: its add stays pending
          history.begin(quitter.id(), new Add(1));
          assertThat(quitter.end(group.serverName(0)).call(ADD, new Amount(1))).isEmpty();
          Env.sleep(1_000);
          group.startAll();
          group.connectAll();
        }

        Peer reader = cluster.newClient().end(group.serverName(0));
        history.record(99, new Read(), () -> reader.call(GET, new Amount(0)).orElseThrow().value());
        List<Operation<Op, Integer>> ops = history.operations();
        assertThat(ops).filteredOn(op -> !op.isComplete()).extracting(Operation::client)
            .containsExactly(quitter.id(), quitter.id());
        assertThat(ops).filteredOn(Operation::isComplete).hasSizeGreaterThan(100);
        assertThat(cluster.faults().bands()).extracting(b -> b.kind()).contains("partition", "crash", "restart");
        Linearizability.assertLinearizable(new CounterModel(), ops, cluster.faults().bands(), "example");
      }
      return null;
    });
  }

  @Test
  @DisplayName("a retried add that the crash had already applied is caught")
  void doubleAppliedAddIsCaught() throws Exception {
    String message = Sim.run(52, () -> {
      try (Cluster cluster = new Cluster(NetworkConfig.DEFAULT)) {
        ServerGroup<CounterServer> group = cluster.startGroup("server", 1, CounterServer::start);
        HistoryRecorder<Op, Integer> history = new HistoryRecorder<>();
        Peer end = cluster.newClient().end(group.serverName(0));
        history.record(0, new Add(1), () -> end.call(ADD, new Amount(1)).orElseThrow().value());
        // one add as a clerk would retry it: the first attempt is applied but its answer is lost
        HistoryRecorder<Op, Integer>.Call call = history.begin(0, new Add(1));
        group.call(0, "add(1)", s -> s.add(1)); // applied and persisted, answer lost in the crash
        group.restart(0);
        call.returned(end.call(ADD, new Amount(1)).orElseThrow().value()); // the retry applies it again
        try {
          Linearizability.assertLinearizable(new CounterModel(), history.operations(), cluster.faults().bands(),
              "double add");
        } catch (AssertionError e) {
          return e.getMessage();
        }
        throw new AssertionError("the double add was accepted");
      }
    });
    assertThat(message).startsWith("the history is not linearizable").contains("double_add-seed52.html");
    assertThat(HistoryTest.pageOf(message)).contains("server-0 down", "server-0 restarts");
  }
}
