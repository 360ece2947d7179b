package labs.race;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of the classes a class being instrumented touches, read from their class files (no
 * class is loaded while another is being transformed): where a field is declared, and whether it
 * is final or volatile.
 */
final class ClassFiles {
  /** A field as declared: its class (internal name) and its modifiers. */
  record FieldFact(String declaringClass, boolean isFinal, boolean isVolatile) {}

  private final ClassLoader loader;
  private final ClassModel self;
  private final Map<String, Optional<ClassModel>> models = new HashMap<>();

  ClassFiles(ClassLoader loader, ClassModel self) {
    this.loader = loader;
    this.self = self;
  }

  /** The field {@code name} as seen from class {@code owner} (declared there or inherited), or null if not found. */
  FieldFact field(String owner, String name) {
    ClassModel m = model(owner);
    if (m == null) {
      return null;
    }
    for (FieldModel f : m.fields()) {
      if (f.fieldName().equalsString(name)) {
        return new FieldFact(owner, f.flags().has(AccessFlag.FINAL), f.flags().has(AccessFlag.VOLATILE));
      }
    }
    for (ClassEntry i : m.interfaces()) {
      FieldFact ff = field(i.asInternalName(), name);
      if (ff != null) {
        return ff;
      }
    }
    return m.superclass().map(s -> field(s.asInternalName(), name)).orElse(null);
  }

  private ClassModel model(String internalName) {
    if (internalName.equals(self.thisClass().asInternalName())) {
      return self;
    }
    return models.computeIfAbsent(internalName, n -> {
      String resource = n + ".class";
      try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
          : ClassLoader.getSystemResourceAsStream(resource)) {
        return in == null ? Optional.empty() : Optional.of(ClassFile.of().parse(in.readAllBytes()));
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty();
      }
    }).orElse(null);
  }
}
