package labs.checker.internal;

import java.util.OptionalInt;
import labs.checker.Model;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;

/**
 * A partition of a register-like model seen as reads, writes and compare-and-swaps of values:
 * {@link RegisterModel} (values are {@link OptionalInt}s, initially empty) and {@link KvModel}
 * (one key: get is a read, put a write, initially {@code ""}; an append is {@link Kind#OTHER}).
 * What the unique-value fast path and the pruning of pending operations work on.
 */
final class RegisterView {
  enum Kind {
    /** Returns {@link #value} ({@code null}: no answer). */
    READ,
    /** Writes {@link #value}. */
    WRITE,
    /** Replaces {@link #expected} by {@link #value}; {@link #swapped} is its answer or null. */
    CAS,
    /** Anything else: no fast path, no pruning. */
    OTHER
  }

  final Object initial;
  final Kind[] kind;
  final Object[] value;
  final Object[] expected;
  final Boolean[] swapped;

  RegisterView(Object initial, int n) {
    this.initial = initial;
    kind = new Kind[n];
    value = new Object[n];
    expected = new Object[n];
    swapped = new Boolean[n];
  }

  /** The view of a partition, or null if the model is not one this view knows. */
  static RegisterView of(Model<?, ?, ?> model, Local ops) {
    if (model == RegisterModel.INSTANCE) {
      return ofRegister(ops);
    }
    if (model == KvModel.INSTANCE) {
      return ofKv(ops);
    }
    return null;
  }

  private static RegisterView ofRegister(Local ops) {
    RegisterView view = new RegisterView(OptionalInt.empty(), ops.size());
    for (int i = 0; i < ops.size(); i++) {
      Object out = ops.outputs()[i];
      switch ((RegisterModel.Input) ops.inputs()[i]) {
        case RegisterModel.Read r -> {
          if (out == null || out instanceof RegisterModel.ReadResult) {
            view.kind[i] = Kind.READ;
            view.value[i] = out == null ? null : ((RegisterModel.ReadResult) out).value();
          } else {
            view.kind[i] = Kind.OTHER; // a mismatched output: the model reports it
          }
        }
        case RegisterModel.Write w -> {
          view.kind[i] = Kind.WRITE;
          view.value[i] = OptionalInt.of(w.value());
        }
        case RegisterModel.Cas c -> {
          if (out == null || out instanceof RegisterModel.CasResult) {
            view.kind[i] = Kind.CAS;
            view.expected[i] = OptionalInt.of(c.expected());
            view.value[i] = OptionalInt.of(c.update());
            view.swapped[i] = out == null ? null : ((RegisterModel.CasResult) out).swapped();
          } else {
            view.kind[i] = Kind.OTHER;
          }
        }
      }
    }
    return view;
  }

  private static RegisterView ofKv(Local ops) {
    RegisterView view = new RegisterView("", ops.size());
    for (int i = 0; i < ops.size(); i++) {
      switch ((KvModel.Input) ops.inputs()[i]) {
        case KvModel.Get g -> {
          view.kind[i] = Kind.READ;
          view.value[i] = ops.outputs()[i];
        }
        case KvModel.Put p -> {
          view.kind[i] = Kind.WRITE;
          view.value[i] = p.value();
        }
        case KvModel.Append a -> view.kind[i] = Kind.OTHER;
      }
    }
    return view;
  }

  /** Whether operation {@code i} is a compare-and-swap that can only read (same value back). */
  boolean casKeepsValue(int i) {
    return kind[i] == Kind.CAS && expected[i].equals(value[i]);
  }

  /**
   * The value operation {@code i} may put in the register, or null: a write's value, or the
   * update of a compare-and-swap that did not fail (swapped, or no answer) and changes the value.
   */
  Object mayWrite(int i) {
    return switch (kind[i]) {
      case WRITE -> value[i];
      case CAS -> swapped[i] == Boolean.FALSE || casKeepsValue(i) ? null : value[i];
      case READ, OTHER -> null;
    };
  }
}
