package kvraft;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import kvraft.KvRpc.GetArgs;
import kvraft.KvRpc.GetReply;
import kvraft.KvRpc.PutArgs;
import kvraft.KvRpc.PutReply;
import labs.net.Peer;
import labs.persist.Persister;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.StateMachine;

/**
 * One replica of the key/value service (part 3B; snapshots in part 3C): the file you write. It
 * is a {@link StateMachine} replicated by an {@link Rsm}: the RPC handlers submit each request to
 * the rsm, and the rsm calls {@link #apply} on every replica, in log order.
 *
 * <p>The store is versioned: each key has a value and a version, 0 while the key does not exist.
 * A get returns both (or {@link Err#NO_KEY}); a put succeeds only if its version is the key's
 * current one (a put with version 0 creates the key at version 1), else it answers {@link
 * Err#VERSION}, or {@link Err#NO_KEY} for a missing key and a version above 0.
 *
 * <p>Threading: the handlers run on many threads at once and block in {@code submit}; {@link
 * #apply}, {@link #takeSnapshot} and {@link #restoreSnapshot} run on the rsm's applier thread.
 * Guard the store with {@link #lock}, and never hold it while calling {@code submit}.
 */
public class KvServer implements StateMachine {
  private final ReentrantLock lock = new ReentrantLock(); // guards your store
  private final Rsm rsm;

  // TODO(3B): the store: for each key, its value and version.

  /**
   * Starts a server: its rsm and, under it, Raft.
   *
   * @param peers one end per server of the group ({@code peers.get(me)} is this one's own)
   * @param me this server's index in {@code peers}
   * @param persister this server's stable storage
   * @param maxRaftState snapshot when Raft's persisted state nears this many bytes; -1: never
   * @param raftFactory makes the Raft peer (pass it on to the rsm)
   */
  public KvServer(List<Peer> peers, int me, Persister persister, int maxRaftState, RaftFactory raftFactory) {
    // Keep this the last statement: the rsm may call restoreSnapshot and apply on this object at
    // once, so every field above must be set first.
    this.rsm = new Rsm(peers, me, persister, maxRaftState, this, raftFactory);
  }

  /** The rsm under this server (the tester reaches Raft through it; do not change). */
  public Rsm rsm() {
    return rsm;
  }

  /** The Get RPC handler: run the request through the rsm and return what apply() answered. */
  public GetReply get(GetArgs args) {
    // TODO(3B): submit args to the rsm; WrongLeader becomes Err.WRONG_LEADER. Never answer from
    // this replica's own store: it may be stale.
    return new GetReply("", 0, Err.WRONG_LEADER);
  }

  /** The Put RPC handler: run the request through the rsm and return what apply() answered. */
  public PutReply put(PutArgs args) {
    // TODO(3B): as get.
    return new PutReply(Err.WRONG_LEADER);
  }

  /** Shuts the server down (the tester calls it). */
  public void kill() {
    rsm.kill();
  }

  @Override
  public Object apply(Object command) {
    // TODO(3B): a GetArgs reads the store (GetReply); a PutArgs is the conditional put (PutReply).
    throw new UnsupportedOperationException("TODO(3B): KvServer.apply is not written yet");
  }

  @Override
  public byte[] takeSnapshot() {
    // TODO(3C): encode the whole store (Codec.encode of a record holding it).
    return new byte[0];
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    // TODO(3C): replace the store with the one decoded from snapshot.
  }
}
