package labs.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Reply;

/**
 * The history classes Porcupine (and the plain search) cannot decide, generated from a seed with
 * the verdict known by construction: many clients on one register or on five keys, and illegal
 * histories with crashed operations. A linearizable one comes from a sequential execution
 * ({@link Plans#clients}); an illegal one is the same with one stale read: a read called after
 * a write returned that itself started after an older write returned, answering the older value
 * (values are unique, so nothing can bring it back), or for versioned keys a get answering
 * version {@code v} after a put that created {@code v + 1} returned.
 */
final class HardHistories {
  private HardHistories() {}

  /** One register, unique values, reads, writes and swaps; {@code crash}: share never returning. */
  static List<Operation<RegisterModel.Input, RegisterModel.Output>> register(
      Random random, int clients, int perClient, double crash, boolean legal) {
    var ops = Plans.clients(random, clients, perClient, crash,
        new Specs.Register(0.5, 0.1, false, true));
    return legal ? ops : staleRegisterRead(random, ops);
  }

  /** A key/value store with gets and puts of unique values over {@code keys} keys. */
  static List<Operation<KvModel.Input, String>> kv(
      Random random, int clients, int perClient, int keys, double crash, boolean legal) {
    var ops = Plans.clients(random, clients, perClient, crash, new Specs.Kv(keys, 0.5, true));
    return legal ? ops : staleKvRead(random, ops);
  }

  /**
   * A key/value store with gets, puts and appends of unique tokens over {@code keys} keys (the
   * labs' clients append their own tokens). Illegal: one get answers its value without the last
   * append, although that append returned before the get was called.
   */
  static List<Operation<KvModel.Input, String>> appends(
      Random random, int clients, int perClient, int keys, double crash, boolean legal) {
    var ops = Plans.clients(random, clients, perClient, crash,
        new Specs.KvAppends(keys, 0.5, true));
    return legal ? ops : staleAppendRead(random, ops);
  }

  private static List<Operation<KvModel.Input, String>> staleAppendRead(
      Random random, List<Operation<KvModel.Input, String>> ops) {
    java.util.Map<String, Integer> appendOf = new java.util.HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).input() instanceof KvModel.Append a) {
        appendOf.put(a.value(), i);
      }
    }
    for (int attempt = 0; attempt < 100_000; attempt++) {
      int g = random.nextInt(ops.size());
      Operation<KvModel.Input, String> get = ops.get(g);
      if (!(get.input() instanceof KvModel.Get) || get.output() == null
          || !get.output().endsWith(";")) {
        continue;
      }
      String value = get.output();
      int cut = value.lastIndexOf(';', value.length() - 2) + 1;
      Integer last = appendOf.get(value.substring(cut));
      // Stale by construction: the last append returned before the get was called, and its
      // token is unique, so no order lets the get miss it.
      if (last != null && ops.get(last).ret() < get.call()) {
        return Generated.withOutput(ops, g, value.substring(0, cut));
      }
    }
    throw new IllegalStateException("no get follows the append it saw: generate more");
  }

  /** The labs' versioned key/value store over {@code keys} keys (10% ErrMaybe replies). */
  static List<Operation<VersionedKvModel.Input, Reply>> versioned(
      Random random, int clients, int perClient, int keys, double crash, boolean legal) {
    var ops = Plans.clients(random, clients, perClient, crash,
        new Specs.Versioned(keys, 0.1, false));
    return legal ? ops : staleVersionedGet(random, ops);
  }

  private static List<Operation<RegisterModel.Input, RegisterModel.Output>> staleRegisterRead(
      Random random, List<Operation<RegisterModel.Input, RegisterModel.Output>> ops) {
    List<Integer> writes = new ArrayList<>();
    List<Integer> reads = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).isComplete()) {
        switch (ops.get(i).input()) {
          case RegisterModel.Write w -> writes.add(i);
          case RegisterModel.Read r -> reads.add(i);
          case RegisterModel.Cas c -> { }
        }
      }
    }
    int[] pick = stale(random, ops, writes, reads);
    int value = ((RegisterModel.Write) ops.get(pick[0]).input()).value();
    return Generated.withOutput(ops, pick[2],
        new RegisterModel.ReadResult(java.util.OptionalInt.of(value)));
  }

  private static List<Operation<KvModel.Input, String>> staleKvRead(
      Random random, List<Operation<KvModel.Input, String>> ops) {
    String key = ops.get(random.nextInt(ops.size())).input().key();
    List<Integer> writes = new ArrayList<>();
    List<Integer> reads = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Operation<KvModel.Input, String> op = ops.get(i);
      if (op.isComplete() && op.input().key().equals(key)) {
        (op.input() instanceof KvModel.Put ? writes : reads).add(i);
      }
    }
    int[] pick = stale(random, ops, writes, reads);
    return Generated.withOutput(ops, pick[2], ((KvModel.Put) ops.get(pick[0]).input()).value());
  }

  /**
   * Picks {@code [w1, w2, r]}: w1 returned before w2 was called, w2 returned before r was called.
   */
  private static int[] stale(Random random, List<? extends Operation<?, ?>> ops,
      List<Integer> writes, List<Integer> reads) {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      int r = reads.get(random.nextInt(reads.size()));
      int w2 = latestReturnBefore(ops, writes, ops.get(r).call());
      int w1 = w2 < 0 ? -1 : latestReturnBefore(ops, writes, ops.get(w2).call());
      if (w1 >= 0) {
        return new int[] {w1, w2, r};
      }
    }
    throw new IllegalStateException("no read comes after two writes in sequence: generate more");
  }

  private static int latestReturnBefore(
      List<? extends Operation<?, ?>> ops, List<Integer> candidates, long time) {
    int best = -1;
    for (int i : candidates) {
      if (ops.get(i).ret() < time && (best < 0 || ops.get(i).ret() > ops.get(best).ret())) {
        best = i;
      }
    }
    return best;
  }

  private static List<Operation<VersionedKvModel.Input, Reply>> staleVersionedGet(
      Random random, List<Operation<VersionedKvModel.Input, Reply>> ops) {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      int g = random.nextInt(ops.size());
      Operation<VersionedKvModel.Input, Reply> get = ops.get(g);
      if (!(get.input() instanceof VersionedKvModel.Get) || !get.isComplete()) {
        continue;
      }
      String key = get.input().key();
      // The newest version created by an OK put that returned before this get was called.
      long created = 0;
      for (Operation<VersionedKvModel.Input, Reply> op : ops) {
        if (op.input() instanceof VersionedKvModel.Put p && p.key().equals(key)
            && op.output() != null && op.output().err() == Err.OK && op.ret() < get.call()) {
          created = Math.max(created, p.version() + 1);
        }
      }
      if (created == 0) {
        continue;
      }
      long old = created - 1;
      Reply stale = old == 0 ? new Reply("", 0, Err.NO_KEY) : valueOf(ops, key, old);
      if (stale != null) {
        return Generated.withOutput(ops, g, stale);
      }
    }
    throw new IllegalStateException("no get follows a successful put: generate more");
  }

  /** The reply a get gave for version {@code v} of {@code key}, or null if none saw it. */
  private static Reply valueOf(
      List<Operation<VersionedKvModel.Input, Reply>> ops, String key, long v) {
    for (Operation<VersionedKvModel.Input, Reply> op : ops) {
      if (op.input() instanceof VersionedKvModel.Get && op.input().key().equals(key)
          && op.output() != null && op.output().err() == Err.OK && op.output().version() == v) {
        return op.output();
      }
    }
    return null;
  }
}
