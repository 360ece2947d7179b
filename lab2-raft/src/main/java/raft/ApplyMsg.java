package raft;

/**
 * What a Raft peer hands to its service (the tester here, a key/value server in lab 3) on the
 * apply channel: either a committed command or a snapshot to install. Send them in log order:
 * each {@link Command} has the index right after the previous message's (a snapshot counts as
 * having applied everything up to its {@code index}).
 *
 * <pre>{@code
 * applyCh.send(new ApplyMsg.Command(index, entry.command()));
 * applyCh.send(new ApplyMsg.Snapshot(lastIncludedIndex, lastIncludedTerm, snapshotBytes));
 * }</pre>
 */
public sealed interface ApplyMsg {
  /** The command at log index {@code index} is committed: the service should apply it now. */
  record Command(int index, Object command) implements ApplyMsg {}

  /**
   * The service should replace its state with {@code data}, a snapshot of everything up to and
   * including log index {@code index} (whose entry had term {@code term}). Raft sends it after
   * installing a snapshot from the leader (part 2D).
   */
  record Snapshot(int index, int term, byte[] data) implements ApplyMsg {
    @Override
    public String toString() {
      return "Snapshot[index=" + index + ", term=" + term + ", data=" + data.length + " bytes]";
    }
  }
}
