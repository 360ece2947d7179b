package labs.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conversions between the two shapes of a history. */
public final class History {
  private History() {}

  /**
   * Turns an event history into operations, in the order of their calls. An event's position in
   * the list is its time. A call that never returns becomes a {@linkplain Operation#pending
   * pending} operation (it may take effect any time after its call, or never).
   *
   * @throws IllegalArgumentException naming the event if an id is called twice, or a return has
   *     no earlier call, or returns twice
   */
  public static <I, O> List<Operation<I, O>> fromEvents(List<? extends Event<I, O>> events) {
    List<Operation<I, O>> ops = new ArrayList<>();
    Map<Integer, Integer> openById = new HashMap<>();
    Map<Integer, Integer> seen = new HashMap<>();
    for (int time = 0; time < events.size(); time++) {
      switch (events.get(time)) {
        case Event.Call<I, O> c -> {
          if (seen.putIfAbsent(c.id(), time) != null) {
            throw new IllegalArgumentException(
                "event " + time + " calls operation id " + c.id() + " again (first called at event "
                    + seen.get(c.id()) + "): give every operation its own id");
          }
          openById.put(c.id(), ops.size());
          ops.add(Operation.pending(c.client(), c.input(), time));
        }
        case Event.Return<I, O> r -> {
          Integer index = openById.remove(r.id());
          if (index == null) {
            throw new IllegalArgumentException(
                "event " + time + " returns operation id " + r.id() + ", which "
                    + (seen.containsKey(r.id()) ? "already returned" : "was never called before")
                    + ": each return must follow exactly one call with the same id");
          }
          Operation<I, O> open = ops.get(index);
          ops.set(index, new Operation<>(open.call(), time, open.client(), open.input(), r.output()));
        }
      }
    }
    return ops;
  }
}
