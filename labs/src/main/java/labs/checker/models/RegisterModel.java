package labs.checker.models;

import java.util.OptionalInt;
import labs.checker.Model;

/**
 * A single register holding an integer, initially absent (Jepsen's {@code nil}), with read,
 * write and compare-and-swap: the model of the Jepsen etcd histories. A {@code null} output means
 * the client got no answer: any result is legal, and a compare-and-swap still swaps if the
 * register held the expected value.
 *
 * <p>State: the register's value, {@link OptionalInt#empty()} when absent.
 */
public final class RegisterModel
    implements Model<OptionalInt, RegisterModel.Input, RegisterModel.Output> {

  /** The register model (stateless). */
  public static final RegisterModel INSTANCE = new RegisterModel();

  private static final OptionalInt[] SMALL = new OptionalInt[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = OptionalInt.of(i - 128);
    }
  }

  private RegisterModel() {}

  /** An operation on the register. */
  public sealed interface Input {}

  /** Reads the register; answered by a {@link ReadResult}. */
  public record Read() implements Input {}

  /** Writes {@code value}; answered by a {@link WriteResult}. */
  public record Write(int value) implements Input {}

  /** Sets {@code update} if the register holds {@code expected}; answered by a {@link CasResult}. */
  public record Cas(int expected, int update) implements Input {}

  /** What an operation returned ({@code null} if it gave no answer). */
  public sealed interface Output {}

  /** The value read ({@link OptionalInt#empty()}: absent). */
  public record ReadResult(OptionalInt value) implements Output {}

  /** A write completed. */
  public record WriteResult() implements Output {}

  /** Whether the compare-and-swap found the expected value and swapped. */
  public record CasResult(boolean swapped) implements Output {}

  static OptionalInt value(int v) {
    return v >= -128 && v < 128 ? SMALL[v + 128] : OptionalInt.of(v);
  }

  @Override
  public OptionalInt init() {
    return OptionalInt.empty();
  }

  @Override
  public OptionalInt step(OptionalInt state, Input input, Output output) {
    return switch (input) {
      case Read r -> output == null || expect(ReadResult.class, input, output).value().equals(state)
          ? state : null;
      case Write w -> value(w.value());
      case Cas c -> {
        boolean matches = state.isPresent() && state.getAsInt() == c.expected();
        if (output != null && expect(CasResult.class, input, output).swapped() != matches) {
          yield null;
        }
        yield matches ? value(c.update()) : state;
      }
    };
  }

  private static <T extends Output> T expect(Class<T> type, Input input, Output output) {
    if (!type.isInstance(output)) {
      throw new IllegalArgumentException(
          input + " was recorded with output " + output + ": record a " + type.getSimpleName());
    }
    return type.cast(output);
  }

  @Override
  public String describeOperation(Input input, Output output) {
    return switch (input) {
      case Read r -> "read() -> " + (output instanceof ReadResult rr ? show(rr.value()) : "?");
      case Write w -> "write(" + w.value() + ")";
      case Cas c -> "cas(" + c.expected() + ", " + c.update() + ") -> "
          + (output instanceof CasResult cr ? (cr.swapped() ? "ok" : "fail") : "?");
    };
  }

  @Override
  public String describeState(OptionalInt state) {
    return show(state);
  }

  private static String show(OptionalInt v) {
    return v.isPresent() ? Integer.toString(v.getAsInt()) : "nil";
  }
}
