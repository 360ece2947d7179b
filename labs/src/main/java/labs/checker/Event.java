package labs.checker;

/**
 * One step of an event history: a call or a return, in the order they happened. An event's
 * position in the list is its time. A call and its return share an {@code id}; a call with no
 * return is an operation that never returned (see {@link Operation#pending}).
 *
 * <pre>{@code
 * List<Event<Input, String>> events = List.of(
 *     Event.call(0, 1, new KvModel.Put("x", "a")),
 *     Event.call(1, 2, new KvModel.Get("x")),
 *     Event.ret(0, 1, null),
 *     Event.ret(1, 2, "a"));
 * }</pre>
 *
 * @see History#fromEvents
 */
public sealed interface Event<I, O> {

  /** Who called the operation. */
  int client();

  /** Identifies the operation: its call and its return carry the same id. */
  int id();

  /** A client calls operation {@code id} with {@code input}. */
  record Call<I, O>(int client, int id, I input) implements Event<I, O> {}

  /** Operation {@code id} returns {@code output}. */
  record Return<I, O>(int client, int id, O output) implements Event<I, O> {}

  /** A call event. */
  static <I, O> Event<I, O> call(int client, int id, I input) {
    return new Call<>(client, id, input);
  }

  /** A return event. */
  static <I, O> Event<I, O> ret(int client, int id, O output) {
    return new Return<>(client, id, output);
  }
}
