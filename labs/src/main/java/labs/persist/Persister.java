package labs.persist;

import java.util.Arrays;

/**
 * A server's stable storage: its Raft state and its snapshot, always saved together in one
 * atomic step. The tester gives a restarted server a copy of what its crashed predecessor last
 * saved; nothing else survives a crash.
 *
 * <pre>{@code
 * persister.save(Codec.encode(new PersistentState(currentTerm, votedFor, log)), snapshot);
 * byte[] state = persister.readRaftState();    // empty array if nothing was saved yet
 * }</pre>
 *
 * <p>Thread-safe; the arrays passed in and handed out are copies, so later changes to them do not
 * leak in or out.
 */
public final class Persister {
  private byte[] raftState = new byte[0];
  private byte[] snapshot = new byte[0];

  /** Replaces both the Raft state and the snapshot (null counts as empty). */
  public synchronized void save(byte[] raftState, byte[] snapshot) {
    this.raftState = raftState == null ? new byte[0] : raftState.clone();
    this.snapshot = snapshot == null ? new byte[0] : snapshot.clone();
  }

  /** A copy of the last saved Raft state (empty if none). */
  public synchronized byte[] readRaftState() {
    return raftState.clone();
  }

  /** A copy of the last saved snapshot (empty if none). */
  public synchronized byte[] readSnapshot() {
    return snapshot.clone();
  }

  public synchronized int raftStateSize() {
    return raftState.length;
  }

  public synchronized int snapshotSize() {
    return snapshot.length;
  }

  /** A new persister holding the same bytes (what a restarted server gets). */
  public synchronized Persister copy() {
    Persister p = new Persister();
    p.raftState = raftState.clone();
    p.snapshot = snapshot.clone();
    return p;
  }

  @Override
  public synchronized String toString() {
    return "Persister(raftState " + raftState.length + " B, snapshot " + snapshot.length + " B, hash "
        + Arrays.hashCode(raftState) + ")";
  }
}
