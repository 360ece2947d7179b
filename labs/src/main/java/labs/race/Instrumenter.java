package labs.race;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a student class so that the race detector sees what it does: every read and write of
 * a non-final field or an array element, every lock, monitor, condition wait and call (see
 * {@link CodeRewriter}). Uses the JDK's own {@code java.lang.classfile}. The agent
 * ({@link RaceAgent}) applies it to the student's classes as they load; a test can apply it to
 * the classes of a class loader of its own.
 *
 * <p>Static initializers are left alone (the JVM orders a class's initialization before any use
 * of it), and so are bridge methods.
 */
public final class Instrumenter {
  private static final List<String> FAILURES = new ArrayList<>();

  private Instrumenter() {}

  /**
   * The instrumented class file.
   *
   * @param classFile the class as compiled
   * @param loader the loader that defines it (finds the classes it refers to)
   * @throws IllegalArgumentException if the class cannot be rewritten (the reason is in the message)
   */
  public static byte[] instrument(byte[] classFile, ClassLoader loader) {
    ClassHierarchyResolver resolver = (loader == null ? ClassHierarchyResolver.defaultResolver()
        : ClassHierarchyResolver.ofResourceParsing(loader).orElse(ClassHierarchyResolver.defaultResolver())).cached();
    ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
    ClassModel cm = cf.parse(classFile);
    String file = cm.findAttribute(Attributes.sourceFile()).map(a -> a.sourceFile().stringValue())
        .orElse(Site.shortName(cm.thisClass().asInternalName()) + ".java");
    var cx = new CodeRewriter.ClassContext(cm.thisClass().asInternalName().replace('/', '.'),
        cm.thisClass().asSymbol(), file, loader, new ClassFiles(loader, cm));
    return cf.transformClass(cm, (clb, ce) -> {
      if (ce instanceof MethodModel mm && instrumentable(mm)) {
        clb.transformMethod(mm, (mb, me) -> {
          if (me instanceof CodeModel code) {
            mb.transformCode(code, new CodeRewriter(cx, mm, code));
          } else {
            mb.with(me);
          }
        });
      } else {
        clb.with(ce);
      }
    });
  }

  private static boolean instrumentable(MethodModel m) {
    return m.code().isPresent() && !m.methodName().equalsString("<clinit>") && !m.flags().has(AccessFlag.BRIDGE);
  }

  /** Notes a class that could not be instrumented (it runs as compiled, unseen by the detector). */
  static synchronized void failed(String className, Throwable why) {
    FAILURES.add(className.replace('/', '.') + ": " + why);
  }

  /** The classes that could not be instrumented, with the reason, or an empty list. */
  public static synchronized List<String> failures() {
    return List.copyOf(FAILURES);
  }
}
