package labs.race;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites one method of student code: a frame at the start ({@link Hooks#enter}); before each
 * read or write of a non-final field or an array element, a call that records it; around lock
 * operations, monitors, condition waits, joins and calls on thread-safe objects or collections,
 * calls that record the order they create; before every other call, where it is made from. The
 * original instructions are kept as they are; values the hooks need are copied (dup) or parked
 * in fresh local variables.
 */
final class CodeRewriter implements CodeTransform {
  /** What the rewriter needs to know about the class. */
  record ClassContext(String className, ClassDesc self, String file, ClassLoader loader, ClassFiles files) {}

  private static final ClassDesc HOOKS = ClassDesc.of("labs.race.Hooks");
  private static final ClassDesc FRAME = ClassDesc.of("labs.race.Frame");
  private static final MethodTypeDesc ENTER = MethodTypeDesc.of(FRAME);
  private static final MethodTypeDesc AT = MethodTypeDesc.of(CD_void, FRAME, CD_int);
  private static final MethodTypeDesc EXIT = MethodTypeDesc.of(CD_void, FRAME);
  private static final MethodTypeDesc ON = MethodTypeDesc.of(CD_void, CD_Object, FRAME, CD_int);
  private static final MethodTypeDesc ON_INDEX = MethodTypeDesc.of(CD_void, CD_Object, CD_int, FRAME, CD_int);
  private static final MethodTypeDesc ON_RESULT = MethodTypeDesc.of(CD_void, CD_boolean, CD_Object, FRAME, CD_int);
  private static final MethodTypeDesc ON_TWO = MethodTypeDesc.of(CD_void, CD_Object, CD_Object, FRAME, CD_int);

  private final ClassContext cx;
  private final String method;
  private final boolean isStatic;
  private final boolean synchronizedMethod;
  private final boolean constructor;
  private final Map<Integer, String> locals = new HashMap<>();
  private final Map<String, Integer> spillSlots = new HashMap<>();
  private final Map<String, Integer> pendingNew = new HashMap<>();
  private final List<Instruction> block = new ArrayList<>();
  private int line;
  private int frameSlot;
  private boolean thisInitialized;
  private Label bodyStart;

  CodeRewriter(ClassContext cx, MethodModel m, CodeModel code) {
    this.cx = cx;
    this.method = m.methodName().stringValue();
    this.isStatic = m.flags().has(AccessFlag.STATIC);
    this.synchronizedMethod = m.flags().has(AccessFlag.SYNCHRONIZED);
    this.constructor = method.equals("<init>");
    this.thisInitialized = !constructor;
    Map<Integer, String> seen = new HashMap<>();
    for (CodeElement e : code) {
      if (e instanceof LocalVariable lv) {
        String old = seen.putIfAbsent(lv.slot(), lv.name().stringValue());
        if (old != null && !old.equals(lv.name().stringValue())) {
          seen.put(lv.slot(), null); // two variables share the slot: name neither
        }
      } else if (e instanceof LineNumber ln && line == 0) {
        line = ln.line();
      }
    }
    seen.forEach((slot, name) -> {
      if (name != null) {
        locals.put(slot, name);
      }
    });
  }

  @Override
  public void atStart(CodeBuilder b) {
    b.invokestatic(HOOKS, "enter", ENTER);
    frameSlot = b.allocateLocal(TypeKind.REFERENCE);
    b.astore(frameSlot);
    if (synchronizedMethod) {
      pushMonitor(b);
      hook(b, "locked", ON, site(Site.Kind.SYNCHRONIZED_METHOD, cx.className(), method, monitorName()));
      bodyStart = b.newBoundLabel();
    }
  }

  @Override
  public void atEnd(CodeBuilder b) {
    if (synchronizedMethod) {
      Label end = b.newBoundLabel();
      Label handler = b.newBoundLabel();
      pushMonitor(b);
      hook(b, "unlocking", ON, site(Site.Kind.SYNCHRONIZED_METHOD, cx.className(), method, monitorName()));
      b.athrow();
      b.exceptionCatchAll(bodyStart, end, handler);
    }
  }

  @Override
  public void accept(CodeBuilder b, CodeElement e) {
    switch (e) {
      case LineNumber ln -> {
        line = ln.line();
        b.with(e);
      }
      case LabelTarget t -> {
        block.clear();
        b.with(e);
      }
      case FieldInstruction f -> field(b, f);
      case ArrayLoadInstruction a -> {
        b.dup2();
        hook(b, "readArray", ON_INDEX, site(Site.Kind.ARRAY_READ, a.typeKind().name(), "", hint(1, true)));
        b.with(a);
      }
      case ArrayStoreInstruction a -> {
        TypeKind k = a.typeKind().asLoadable();
        int v = spill(b, k, "value");
        b.storeLocal(k, v);
        b.dup2();
        hook(b, "writeArray", ON_INDEX, site(Site.Kind.ARRAY_WRITE, a.typeKind().name(), "", hint(2, true)));
        b.loadLocal(k, v);
        b.with(a);
      }
      case InvokeInstruction i -> invoke(b, i);
      case MonitorInstruction m -> {
        String name = hint(0, false);
        if (m.opcode() == Opcode.MONITORENTER) {
          b.dup();
          b.with(m);
          hook(b, "locked", ON, site(Site.Kind.MONITOR_ENTER, "", "", name));
        } else {
          b.dup();
          hook(b, "unlocking", ON, site(Site.Kind.MONITOR_EXIT, "", "", name));
          b.with(m);
        }
      }
      case ReturnInstruction r -> {
        if (synchronizedMethod) {
          pushMonitor(b);
          hook(b, "unlocking", ON, site(Site.Kind.SYNCHRONIZED_METHOD, cx.className(), method, monitorName()));
        }
        b.aload(frameSlot);
        b.invokestatic(HOOKS, "exit", EXIT);
        b.with(r);
      }
      case NewObjectInstruction n -> {
        pendingNew.merge(n.className().asInternalName(), 1, Integer::sum);
        b.with(n);
      }
      default -> b.with(e);
    }
    if (e instanceof Instruction i) {
      block.add(i);
    }
  }

  // ------------------------------------------------------------------ fields

  private void field(CodeBuilder b, FieldInstruction f) {
    String owner = f.owner().asInternalName();
    String name = f.name().stringValue();
    ClassFiles.FieldFact fact = cx.files().field(owner, name);
    boolean onThisBeforeInit = !thisInitialized && f.opcode() == Opcode.PUTFIELD;
    if ((fact != null && fact.isFinal()) || onThisBeforeInit) {
      b.with(f); // final fields never race; before super() the object cannot be passed to a hook
      return;
    }
    String declaring = fact != null ? fact.declaringClass() : owner;
    boolean isVolatile = fact != null && fact.isVolatile();
    TypeKind kind = TypeKind.from(f.typeSymbol()).asLoadable();
    switch (f.opcode()) {
      case GETFIELD -> {
        b.dup();
        if (isVolatile) {
          b.with(f);
          if (kind.slotSize() == 1) {
            b.swap();
          } else {
            b.dup2_x1();
            b.pop2();
          }
          hook(b, "volatileRead", ON, site(Site.Kind.VOLATILE_READ, declaring, name, null));
        } else {
          hook(b, "read", ON, site(Site.Kind.FIELD_READ, declaring, name, null));
          b.with(f);
        }
      }
      case PUTFIELD -> {
        int v = spill(b, kind, "value");
        b.storeLocal(kind, v);
        b.dup();
        hook(b, isVolatile ? "volatileWrite" : "write", ON,
            site(isVolatile ? Site.Kind.VOLATILE_WRITE : Site.Kind.FIELD_WRITE, declaring, name, null));
        b.loadLocal(kind, v);
        b.with(f);
      }
      case GETSTATIC -> {
        if (isVolatile) {
          b.with(f);
          hook(b, "volatileReadStatic", AT, site(Site.Kind.VOLATILE_STATIC_READ, declaring, name, null));
        } else {
          hook(b, "readStatic", AT, site(Site.Kind.STATIC_READ, declaring, name, null));
          b.with(f);
        }
      }
      default -> {
        hook(b, isVolatile ? "volatileWriteStatic" : "writeStatic", AT,
            site(isVolatile ? Site.Kind.VOLATILE_STATIC_WRITE : Site.Kind.STATIC_WRITE, declaring, name, null));
        b.with(f);
      }
    }
  }

  // ------------------------------------------------------------------ calls

  private void invoke(CodeBuilder b, InvokeInstruction i) {
    String owner = i.owner().asInternalName();
    String name = i.name().stringValue();
    if (owner.startsWith("labs/race/")) {
      b.with(i);
      return;
    }
    if (constructor && !thisInitialized && name.equals("<init>")) {
      Integer pending = pendingNew.get(owner);
      if (pending == null || pending == 0) {
        thisInitialized = true; // this is the call of super(...) or this(...)
      } else {
        pendingNew.put(owner, pending - 1);
      }
    }
    MethodTypeDesc type = i.typeSymbol();
    Site.Kind kind = CallKinds.of(owner, name, type.descriptorString(), i.opcode() == Opcode.INVOKESTATIC);
    String receiver = kind == Site.Kind.CALL ? null : hint(type.parameterCount(), kind.name().startsWith("COLLECTION"));
    int site = site(kind, owner, name, receiver);
    if (kind == Site.Kind.CALL) {
      hook(b, "call", AT, site);
      b.with(i);
      return;
    }
    int[] args = new int[type.parameterCount()];
    for (int p = args.length - 1; p >= 0; p--) {
      TypeKind k = TypeKind.from(type.parameterType(p)).asLoadable();
      args[p] = spill(b, k, "arg" + p);
      b.storeLocal(k, args[p]);
    }
    int r = spill(b, TypeKind.REFERENCE, "receiver");
    b.dup();
    b.astore(r);
    switch (kind) {
      case UNLOCK -> before(b, "unlocking", r, site);
      case AWAIT -> before(b, "awaiting", r, site);
      case WAIT -> before(b, "waiting", r, site);
      case SYNC_CALL -> before(b, "syncBefore", r, site);
      case COLLECTION_READ, COLLECTION_WRITE -> before(b, "collectionBefore", r, site);
      default -> { }
    }
    hook(b, "call", AT, site);
    for (int p = 0; p < args.length; p++) {
      b.loadLocal(TypeKind.from(type.parameterType(p)).asLoadable(), args[p]);
    }
    b.with(i);
    switch (kind) {
      case LOCK -> before(b, "locked", r, site);
      case TRY_LOCK -> {
        b.dup();
        b.aload(r);
        hook(b, "tryLocked", ON_RESULT, site);
      }
      case NEW_CONDITION -> {
        b.dup();
        b.aload(r);
        hook(b, "conditionCreated", ON_TWO, site);
      }
      case AWAIT -> before(b, "awoken", r, site);
      case WAIT -> before(b, "woken", r, site);
      case JOIN -> before(b, "joined", r, site);
      case SYNC_CALL, SYNC_GET -> before(b, "syncAfter", r, site);
      case COLLECTION_READ, COLLECTION_WRITE -> before(b, "collectionAfter", r, site);
      default -> { }
    }
  }

  /** Calls {@code hook(receiver, frame, site)}. */
  private void before(CodeBuilder b, String hook, int receiverSlot, int site) {
    b.aload(receiverSlot);
    hook(b, hook, ON, site);
  }

  // ------------------------------------------------------------------ helpers

  private void hook(CodeBuilder b, String name, MethodTypeDesc type, int site) {
    b.aload(frameSlot);
    b.loadConstant(site);
    b.invokestatic(HOOKS, name, type);
  }

  private void pushMonitor(CodeBuilder b) {
    if (isStatic) {
      b.ldc(cx.self());
    } else {
      b.aload(0);
    }
  }

  private String monitorName() {
    return isStatic ? Site.shortName(cx.className().replace('.', '/')) + ".class" : "this";
  }

  private int site(Site.Kind kind, String owner, String member, String hint) {
    return Sites.add(new Site(cx.className(), method, cx.file(), line, kind, owner, member, hint, cx.loader()));
  }

  private String hint(int depth, boolean qualified) {
    return NameHints.of(block, depth, locals, isStatic, qualified);
  }

  /** A local variable of this method for parking a value: one per kind and purpose, reused by every site. */
  private int spill(CodeBuilder b, TypeKind kind, String purpose) {
    return spillSlots.computeIfAbsent(kind.name() + ":" + purpose, k -> b.allocateLocal(kind));
  }
}
