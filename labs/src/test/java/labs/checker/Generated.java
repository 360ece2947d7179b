package labs.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;

/**
 * Random histories built from a sequential execution: operation {@code i} takes effect at time
 * {@code 10 i}, its call and return are spread randomly around that point (so neighbours
 * overlap), and each operation goes to the lowest-numbered client that is idle at its call. Such
 * a history is linearizable by construction: the execution order is a witness.
 */
final class Generated {
  private Generated() {}

  /**
   * A key/value history over {@code keys} keys; values are unique tokens, so a get can only read
   * concatenations of them.
   *
   * @param spread how far calls and returns may lie from the linearization point (in units of
   *     the gap between points, 10)
   */
  static List<Operation<KvModel.Input, String>> kv(Random random, int n, int keys, int spread) {
    List<KvModel.Input> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    java.util.Map<String, String> store = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      String key = "k" + random.nextInt(keys);
      String current = store.getOrDefault(key, "");
      switch (random.nextInt(3)) {
        case 0 -> {
          inputs.add(new KvModel.Get(key));
          outputs.add(current);
        }
        case 1 -> {
          inputs.add(new KvModel.Put(key, "p" + i + ";"));
          outputs.add(null);
          store.put(key, "p" + i + ";");
        }
        default -> {
          inputs.add(new KvModel.Append(key, "a" + i + ";"));
          outputs.add(null);
          store.put(key, current + "a" + i + ";");
        }
      }
    }
    return place(random, inputs, outputs, spread);
  }

  /** A register history with values 0..3. */
  static List<Operation<RegisterModel.Input, RegisterModel.Output>> register(
      Random random, int n, int spread) {
    List<RegisterModel.Input> inputs = new ArrayList<>();
    List<RegisterModel.Output> outputs = new ArrayList<>();
    OptionalInt value = OptionalInt.empty();
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(3)) {
        case 0 -> {
          inputs.add(new RegisterModel.Read());
          outputs.add(new RegisterModel.ReadResult(value));
        }
        case 1 -> {
          int v = random.nextInt(4);
          inputs.add(new RegisterModel.Write(v));
          outputs.add(new RegisterModel.WriteResult());
          value = OptionalInt.of(v);
        }
        default -> {
          int expected = random.nextInt(4);
          int update = random.nextInt(4);
          boolean swapped = value.isPresent() && value.getAsInt() == expected;
          inputs.add(new RegisterModel.Cas(expected, update));
          outputs.add(new RegisterModel.CasResult(swapped));
          value = swapped ? OptionalInt.of(update) : value;
        }
      }
    }
    return place(random, inputs, outputs, spread);
  }

  private static <I, O> List<Operation<I, O>> place(
      Random random, List<I> inputs, List<O> outputs, int spread) {
    List<Long> clientFreeAt = new ArrayList<>();
    List<Operation<I, O>> ops = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      long point = 10L * (i + 1) * (spread + 1);
      long call = point - random.nextInt(10 * spread + 1);
      long ret = point + random.nextInt(10 * spread + 1);
      int client = 0;
      while (client < clientFreeAt.size() && clientFreeAt.get(client) >= call) {
        client++;
      }
      if (client == clientFreeAt.size()) {
        clientFreeAt.add(ret);
      } else {
        clientFreeAt.set(client, ret);
      }
      ops.add(Operation.of(client, inputs.get(i), outputs.get(i), call, ret));
    }
    return ops;
  }

  /**
   * A key/value history of {@code clients} clients each running {@code perClient} operations
   * back to back (random durations, random gaps), over {@code keys} keys: each operation takes
   * effect at a random instant inside its interval, and outputs come from applying the
   * operations in the order of those instants.
   */
  static List<Operation<KvModel.Input, String>> kvClients(
      Random random, int clients, int perClient, int keys) {
    record Planned(int client, long call, long point, long ret, KvModel.Input input) {}
    List<Planned> planned = new ArrayList<>();
    int token = 0;
    for (int c = 0; c < clients; c++) {
      long t = random.nextInt(50);
      for (int k = 0; k < perClient; k++) {
        long duration = 1 + random.nextInt(100);
        long call = t;
        long ret = call + duration;
        long point = call + random.nextLong(duration + 1);
        String key = "k" + random.nextInt(keys);
        KvModel.Input input = switch (random.nextInt(4)) {
          case 0, 1 -> new KvModel.Get(key);
          case 2 -> new KvModel.Put(key, "p" + token++ + ";");
          default -> new KvModel.Append(key, "a" + token++ + ";");
        };
        planned.add(new Planned(c, call, point * clients + c, ret, input));
        t = ret + 1 + random.nextInt(20);
      }
    }
    // Points are made distinct (scaled, plus the client) and applied in order.
    List<Planned> byPoint = new ArrayList<>(planned);
    byPoint.sort(java.util.Comparator.comparingLong(Planned::point));
    java.util.Map<Planned, String> outputs = new java.util.IdentityHashMap<>();
    java.util.Map<String, String> store = new java.util.HashMap<>();
    for (Planned p : byPoint) {
      String current = store.getOrDefault(p.input().key(), "");
      outputs.put(p, p.input() instanceof KvModel.Get ? current : null);
      String next = KvModel.INSTANCE.step(current, p.input(), null);
      store.put(p.input().key(), next);
    }
    List<Operation<KvModel.Input, String>> ops = new ArrayList<>();
    for (Planned p : planned) {
      ops.add(Operation.of(p.client(), p.input(), outputs.get(p), p.call() * clients,
          p.ret() * clients + clients - 1));
    }
    return ops;
  }

  /** The same history with operation {@code i}'s output replaced. */
  static <I, O> List<Operation<I, O>> withOutput(List<Operation<I, O>> ops, int i, O output) {
    List<Operation<I, O>> copy = new ArrayList<>(ops);
    Operation<I, O> op = ops.get(i);
    copy.set(i, new Operation<>(op.call(), op.ret(), op.client(), op.input(), output));
    return copy;
  }

  /** The same history with operation {@code i} never returning. */
  static <I, O> List<Operation<I, O>> pending(List<Operation<I, O>> ops, int i) {
    List<Operation<I, O>> copy = new ArrayList<>(ops);
    Operation<I, O> op = ops.get(i);
    copy.set(i, Operation.pending(op.client(), op.input(), op.call()));
    return copy;
  }
}
