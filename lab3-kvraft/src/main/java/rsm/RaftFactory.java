package rsm;

import java.util.List;
import labs.net.Peer;
import labs.persist.Persister;
import labs.runtime.Channel;
import raft.ApplyMsg;
import raft.Raft;
import raft.RaftApi;

/**
 * Makes the Raft peer under one replica: {@link #LAB2} ({@code new Raft(...)} of Lab 2) unless a
 * test swaps in another one.
 */
@FunctionalInterface
public interface RaftFactory {
  /** Lab 2's Raft: your own, or the reference (with -Psolution or -Preference-raft). */
  RaftFactory LAB2 = Raft::new;

  /**
   * Starts a Raft peer, as {@code new Raft(peers, me, persister, applyCh)}: it sends what it
   * commits on {@code applyCh}, in log order.
   */
  RaftApi start(List<Peer> peers, int me, Persister persister, Channel<ApplyMsg> applyCh);
}
