package labs.race;

import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.util.List;
import java.util.Map;

/**
 * What the code calls the object an instruction works on, for reports: the lock in
 * {@code lock.unlock()} is "lock", the array in {@code nextIndex[peer] = n} is "Raft.nextIndex".
 * Walks back over the straight-line code before the instruction to the one that pushed the value;
 * gives up (null) at anything it does not follow.
 */
final class NameHints {
  private NameHints() {}

  /**
   * The name of the value {@code depth} entries below the top of the stack just after
   * {@code block} (0: the top), or null.
   *
   * @param fieldsQualified whether a field is named with its class ("Raft.nextIndex") or alone ("lock")
   */
  static String of(List<Instruction> block, int depth, Map<Integer, String> locals, boolean isStatic,
      boolean fieldsQualified) {
    int need = depth;
    for (int i = block.size() - 1; i >= 0; i--) {
      Instruction in = block.get(i);
      if (in.opcode() == Opcode.DUP) {
        need = need <= 1 ? 0 : need - 1;
        continue;
      }
      int[] effect = effect(in);
      if (effect == null) {
        return null;
      }
      int pops = effect[0];
      int pushes = effect[1];
      if (pushes == 1 && need == 0) {
        return name(in, locals, isStatic, fieldsQualified);
      }
      need = need - pushes + pops;
    }
    return null;
  }

  private static String name(Instruction in, Map<Integer, String> locals, boolean isStatic, boolean qualified) {
    if (in instanceof FieldInstruction f) {
      boolean isStaticField = f.opcode() == Opcode.GETSTATIC;
      return qualified || isStaticField ? Site.shortName(f.owner().asInternalName()) + "." + f.name().stringValue()
          : f.name().stringValue();
    }
    if (in instanceof LoadInstruction l) {
      if (l.slot() == 0 && !isStatic) {
        return "this";
      }
      return locals.get(l.slot());
    }
    if (in instanceof InvokeInstruction m) {
      return m.name().stringValue() + "()";
    }
    return null;
  }

  /** {pops, pushes} in stack entries (a long is one entry), or null where the walk stops. */
  private static int[] effect(Instruction in) {
    return switch (in) {
      case LoadInstruction l -> new int[] {0, 1};
      case StoreInstruction s -> new int[] {1, 0};
      case ConstantInstruction c -> new int[] {0, 1};
      case FieldInstruction f -> switch (f.opcode()) {
        case GETFIELD -> new int[] {1, 1};
        case GETSTATIC -> new int[] {0, 1};
        case PUTFIELD -> new int[] {2, 0};
        default -> new int[] {1, 0};
      };
      case InvokeInstruction m -> new int[] {m.typeSymbol().parameterCount() + (m.opcode() == Opcode.INVOKESTATIC ? 0 : 1),
          m.typeSymbol().returnType().descriptorString().equals("V") ? 0 : 1};
      case ArrayLoadInstruction a -> new int[] {2, 1};
      case ArrayStoreInstruction a -> new int[] {3, 0};
      case OperatorInstruction o -> switch (o.opcode()) {
        case INEG, LNEG, FNEG, DNEG, ARRAYLENGTH -> new int[] {1, 1};
        default -> new int[] {2, 1};
      };
      case ConvertInstruction c -> new int[] {1, 1};
      case TypeCheckInstruction t -> new int[] {1, 1};
      case NewObjectInstruction n -> new int[] {0, 1};
      case IncrementInstruction inc -> new int[] {0, 0};
      case StackInstruction s when s.opcode() == Opcode.POP -> new int[] {1, 0};
      default -> null;
    };
  }
}
