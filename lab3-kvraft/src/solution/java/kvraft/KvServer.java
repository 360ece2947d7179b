package kvraft;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import kvraft.KvRpc.GetArgs;
import kvraft.KvRpc.GetReply;
import kvraft.KvRpc.PutArgs;
import kvraft.KvRpc.PutReply;
import labs.net.Codec;
import labs.net.Peer;
import labs.persist.Persister;
import rsm.RaftFactory;
import rsm.Rsm;
import rsm.StateMachine;
import rsm.SubmitResult;

/**
 * The reference key/value server: a versioned store replicated by an {@link Rsm} (part 3B),
 * snapshotted through it (part 3C).
 *
 * <p>Every request, reads included, goes through the log: a get answered from this replica's
 * own map could be stale (a leader cut off in a minority does not know that a newer leader has
 * taken writes), and then the service would not be linearizable. The handlers only submit and
 * translate the result; the store changes in {@link #apply}, on the rsm's applier thread, in log
 * order, identically on every replica.
 */
public class KvServer implements StateMachine {
  /** One key's value and version (the version counts the successful puts; 0 means no key). */
  record Versioned(String value, long version) {}

  /** The whole store, as it goes into a snapshot. */
  record Store(Map<String, Versioned> entries) {}

  private final ReentrantLock lock = new ReentrantLock(); // guards store
  private Map<String, Versioned> store = new TreeMap<>();
  private final Rsm rsm;

  /**
   * Starts a server: its rsm (which restores the store from the last snapshot) and Raft under it.
   *
   * @param maxRaftState snapshot when Raft's persisted state nears this many bytes; -1: never
   */
  public KvServer(List<Peer> peers, int me, Persister persister, int maxRaftState, RaftFactory raftFactory) {
    // Last, after the fields: the rsm calls restoreSnapshot and apply on this object at once.
    this.rsm = new Rsm(peers, me, persister, maxRaftState, this, raftFactory);
  }

  /** The rsm under this server (the tester reaches Raft through it). */
  public Rsm rsm() {
    return rsm;
  }

  /** The Get RPC handler. */
  public GetReply get(GetArgs args) {
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(GetReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new GetReply("", 0, Err.WRONG_LEADER);
    };
  }

  /** The Put RPC handler. */
  public PutReply put(PutArgs args) {
    return switch (rsm.submit(args)) {
      case SubmitResult.Applied(PutReply reply) -> reply;
      case SubmitResult.Applied other -> throw unexpected(args, other);
      case SubmitResult.WrongLeader w -> new PutReply(Err.WRONG_LEADER);
    };
  }

  private static IllegalStateException unexpected(Object args, SubmitResult result) {
    return new IllegalStateException("the rsm answered " + args + " with " + result);
  }

  /** Shuts the server down (the tester calls it; the rsm kills Raft). */
  public void kill() {
    rsm.kill();
  }

  // ------------------------------------------------------------------ the state machine

  @Override
  public Object apply(Object command) {
    lock.lock();
    try {
      return switch (command) {
        case GetArgs g -> {
          Versioned v = store.get(g.key());
          yield v == null ? new GetReply("", 0, Err.NO_KEY) : new GetReply(v.value(), v.version(), Err.OK);
        }
        case PutArgs p -> new PutReply(conditionalPut(p));
        default -> throw new IllegalArgumentException("not a key/value command: " + command);
      };
    } finally {
      lock.unlock();
    }
  }

  /** The conditional put (caller holds the lock). */
  private Err conditionalPut(PutArgs p) {
    Versioned v = store.get(p.key());
    long current = v == null ? 0 : v.version();
    if (p.version() != current) {
      return v == null ? Err.NO_KEY : Err.VERSION;
    }
    store.put(p.key(), new Versioned(p.value(), current + 1));
    return Err.OK;
  }

  @Override
  public byte[] takeSnapshot() {
    lock.lock();
    try {
      // Everything a replica needs to continue from here: the values and their versions. (Versioned
      // puts need no table of client requests: a resent put is answered by the version check.)
      return Codec.encode(new Store(store));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    Store s = Codec.decode(snapshot, Store.class);
    lock.lock();
    try {
      store = new TreeMap<>(s.entries());
    } finally {
      lock.unlock();
    }
  }
}
