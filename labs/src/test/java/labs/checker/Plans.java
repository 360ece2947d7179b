package labs.checker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Histories generated from a sequential execution: each operation gets an interval and, if it
 * takes effect, an instant inside it (an operation that never returns takes effect after its
 * call, or never); a {@link Spec} then chooses inputs and outputs in the order of those instants,
 * so the history is linearizable by construction (the instants are a witness). Seeded: the same
 * {@link Random} gives the same history.
 */
final class Plans {
  private Plans() {}

  /** A sequential object that picks what each operation does, as it takes effect. */
  interface Spec<I, O> {
    /** The next operation to take effect: its input and output (and the state moves on). */
    Step<I, O> apply(Random random, int client);

    /** The input of an operation that never takes effect. */
    I never(Random random, int client);
  }

  record Step<I, O>(I input, O output) {}

  private record Slot(int client, long call, long ret, long point, boolean effect) {}

  /**
   * Up to {@code n} operations with calls spread over about 6 time units each (some overlap, not
   * all): small histories for comparing with brute force. About one in six never returns.
   */
  static <I, O> List<Operation<I, O>> small(Random random, int n, Spec<I, O> spec) {
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long call = random.nextInt(6 * n);
      long duration = random.nextInt(8);
      boolean pending = random.nextInt(6) == 0;
      boolean effect = !pending || random.nextBoolean();
      // Instants on a doubled clock: a pending operation's lies strictly after its call.
      long point = 2 * (call + random.nextLong(duration + 1)) + (pending ? 1 : 0);
      slots.add(new Slot(i, 2 * call, pending ? Operation.NEVER : 2 * (call + duration), point,
          effect));
    }
    return outputs(random, slots, spec);
  }

  /**
   * {@code clients} clients each running {@code perClient} operations back to back (random
   * durations and gaps). With probability {@code crash} an operation never returns; its client
   * stops and a fresh client (a new number) takes over its remaining operations. Instants are
   * distinct (times are scaled by the number of clients).
   */
  static <I, O> List<Operation<I, O>> clients(
      Random random, int clients, int perClient, double crash, Spec<I, O> spec) {
    List<Slot> slots = new ArrayList<>();
    int nextClient = clients;
    long scale = clients + 1L;
    for (int c = 0; c < clients; c++) {
      int client = c;
      long t = random.nextInt(50);
      for (int k = 0; k < perClient; k++) {
        long duration = 1 + random.nextInt(100);
        boolean crashed = random.nextDouble() < crash;
        long point = (t + random.nextLong(duration + 1)) * scale + c + 1;
        boolean effect = !crashed || random.nextBoolean();
        slots.add(new Slot(client, t * scale, crashed ? Operation.NEVER
            : (t + duration) * scale + scale - 1, point, effect));
        if (crashed) {
          client = nextClient++;
        }
        t += duration + 1 + random.nextInt(20);
      }
    }
    return outputs(random, slots, spec);
  }

  private static <I, O> List<Operation<I, O>> outputs(
      Random random, List<Slot> slots, Spec<I, O> spec) {
    List<Integer> byPoint = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      if (slots.get(i).effect()) {
        byPoint.add(i);
      }
    }
    byPoint.sort(Comparator.<Integer>comparingLong(i -> slots.get(i).point())
        .thenComparingInt(i -> i));
    List<Step<I, O>> steps = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      steps.add(null);
    }
    for (int i : byPoint) {
      steps.set(i, spec.apply(random, slots.get(i).client()));
    }
    List<Operation<I, O>> ops = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      Step<I, O> step = steps.get(i);
      I input = step != null ? step.input() : spec.never(random, s.client());
      ops.add(s.ret() == Operation.NEVER ? Operation.pending(s.client(), input, s.call())
          : Operation.of(s.client(), input, step.output(), s.call(), s.ret()));
    }
    return ops;
  }
}
