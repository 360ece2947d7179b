package labs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labs.checker.viewer.Annotation;
import labs.net.NetworkConfig;
import labs.runtime.Env;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The background partitioner: splits from the seed, one every 1-1.2 s, each a band. */
class PartitionerTest {
  private record Run(List<Split> splits, List<Long> bandStarts, int partitionBands) {}

  private static Run splitFor(long seed) throws Exception {
    return Sim.run(seed, () -> {
      Cluster cluster = new Cluster(NetworkConfig.DEFAULT);
      ServerGroup<CounterServer> group = cluster.startGroup("server", 5, CounterServer::start);
      Partitioner partitioner = Partitioner.start(group);
      Env.sleep(10_000);
      partitioner.stop();
      long stoppedAt = Env.nowNanos();
      Env.sleep(5_000);
      List<Split> splits = partitioner.splits();
      assertThat(partitioner.splits()).as("nothing is split after stop()").isEqualTo(splits);
      for (Split s : splits) {
        assertThat(s.a().size() + s.b().size()).isEqualTo(5);
      }
      List<Annotation> bands = cluster.faults().bands();
      List<Long> starts = bands.stream().map(Annotation::start).toList();
      assertThat(starts).allMatch(t -> t <= stoppedAt);
      return new Run(splits, starts, (int) bands.stream().filter(b -> b.kind().equals("partition")).count());
    });
  }

  @Test
  @DisplayName("same seed, same splits at the same times; another seed, other splits")
  void splitsComeFromTheSeed() throws Exception {
    Run first = splitFor(31);
    assertThat(first.splits()).as("a split every 1 to 1.2 s for 10 s").hasSizeBetween(9, 10);
    assertThat(first.partitionBands()).as("every split that cuts the group is a band").isPositive();
    assertThat(splitFor(31)).isEqualTo(first);
    assertThat(splitFor(32).splits()).isNotEqualTo(first.splits());
  }
}
