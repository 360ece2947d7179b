package raft;

import java.util.Set;
import raft.RaftTester.Net;
import raft.RaftTester.RaftFactory;
import raft.RaftTester.Service;

/** What every Raft test class shares: how it builds its cluster. */
abstract class RaftTestBase {
  /**
   * Which Raft the scenarios run: {@code Raft::new} (the skeleton's or, with -Psolution, the
   * reference's). The tests of the tests swap in deliberately broken peers here.
   */
  RaftFactory implementation = Raft::new;

  /** A cluster of {@code servers} peers, all started and connected, serving plain commands. */
  RaftTester cluster(int servers, Net net) {
    return new RaftTester(servers, net, Service.COMMANDS, implementation);
  }

  /** A cluster whose service snapshots every {@value RaftTester#SNAPSHOT_INTERVAL} commands. */
  RaftTester cluster(int servers, Net net, Service service) {
    return new RaftTester(servers, net, service, implementation);
  }

  /** A cluster on a reliable network in which the tester plays the servers {@code standIns}. */
  RaftTester withStandIns(int servers, Set<Integer> standIns) {
    return new RaftTester(servers, Net.RELIABLE, Service.COMMANDS, implementation, standIns);
  }
}
