package labs.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;

/**
 * Rules on the state of student code that make a run depend on more than its seed: hash
 * collections whose order comes from identity hash codes (different in every JVM), and static
 * fields, which keep their value from one test run to the next in the same JVM.
 */
final class StateRules {
  private StateRules() {}

  /** Hash collections: iterating them visits keys in the order of their hash codes. */
  private static final Set<String> HASHED = Set.of("java.util.HashMap", "java.util.HashSet", "java.util.Hashtable",
      "java.util.concurrent.ConcurrentHashMap", "java.util.WeakHashMap", "java.util.IdentityHashMap");
  /** Declared types that may hold one of {@link #HASHED}. */
  private static final Set<String> MAYBE_HASHED = Set.of("java.util.Map", "java.util.Set", "java.util.Collection",
      "java.util.concurrent.ConcurrentMap");

  static List<ArchRule> rules() {
    return List.of(
        fields().should(notBeHashedByIdentity()).allowEmptyShould(true)
            .because("a HashMap or HashSet keyed by an enum, a Thread or a class without hashCode() is iterated in "
                + "the order of identity hash codes, which differ in every JVM, so a replay takes another path: use an "
                + "EnumMap/EnumSet for enum keys, a LinkedHashMap/LinkedHashSet (insertion order) or a TreeMap, or "
                + "give the key class equals() and hashCode() (a record has both)"),
        fields().should(notBeMutableStaticState()).allowEmptyShould(true)
            .because("a static field keeps its value from one test run to the next (every seed of a test runs in the "
                + "same JVM), so a replay starts from another state: make it an instance field, or a constant "
                + "(static final, immutable)"));
  }

  private static ArchCondition<JavaField> notBeHashedByIdentity() {
    return new ArchCondition<>("not be hash collections keyed by identity") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        JavaClass declared = field.getRawType();
        boolean hashed = HASHED.contains(declared.getName());
        if (!hashed && !(MAYBE_HASHED.contains(declared.getName()) && isGivenAHashCollection(field))) {
          return;
        }
        JavaClass key = keyType(field.getType());
        if (key == null) {
          return;
        }
        String why = declared.getName().equals("java.util.IdentityHashMap") ? "it hashes by identity"
            : ImportedTypes.isEnum(key) ? "enum constants hash by identity" : hashesByIdentity(key) ? key.getSimpleName()
                + " has no hashCode() of its own" : null;
        if (why != null) {
          events.add(SimpleConditionEvent.violated(field, "Field <" + field.getFullName() + "> is a "
              + declared.getSimpleName() + " keyed by " + key.getSimpleName() + " (" + why + ") in "
              + field.getOwner().getSimpleName() + ".java"));
        }
      }
    };
  }

  private static JavaClass keyType(JavaType type) {
    if (type instanceof JavaParameterizedType p && !p.getActualTypeArguments().isEmpty()) {
      JavaType key = p.getActualTypeArguments().getFirst();
      return key instanceof JavaClass c ? c : key instanceof JavaParameterizedType pk ? pk.toErasure() : null;
    }
    return null;
  }

  /** True for a concrete class whose hashCode is Object's: enums are handled apart. */
  private static boolean hashesByIdentity(JavaClass c) {
    if (c.isPrimitive() || c.isArray()) {
      return false;
    }
    if (!c.isFullyImported()) { // a class the import did not read (the JDK's, the framework's): ask the loaded one
      return ImportedTypes.reflect(c).map(StateRules::hashesByIdentity).orElse(false);
    }
    if (c.isInterface() || c.isEnum()) {
      return false;
    }
    for (JavaClass k = c; ; ) {
      if (k.getMethods().stream().anyMatch(m -> m.getName().equals("hashCode") && m.getRawParameterTypes().isEmpty())) {
        return false;
      }
      JavaClass up = k.getRawSuperclass().orElse(null);
      if (up == null || up.isEquivalentTo(Object.class)) {
        return true;
      }
      if (!up.isFullyImported()) { // a student class extending a JDK or framework class: ask the loaded one
        return ImportedTypes.reflect(up).map(StateRules::hashesByIdentity).orElse(false);
      }
      k = up;
    }
  }

  private static boolean hashesByIdentity(Class<?> c) {
    if (c.isInterface() || c.isEnum()) {
      return false;
    }
    try {
      return c.getMethod("hashCode").getDeclaringClass() == Object.class;
    } catch (NoSuchMethodException e) {
      return false; // every class has one; an interface was handled above
    }
  }

  /**
   * Whether {@code field} is assigned a new HashMap, HashSet, ...: a hash collection is created on
   * the line of one of the field's assignments ({@code map = new HashMap<>()}, in the field's
   * declaration or elsewhere).
   */
  private static boolean isGivenAHashCollection(JavaField field) {
    for (JavaFieldAccess set : field.getAccessesToSelf()) {
      if (set.getAccessType() != JavaFieldAccess.AccessType.SET) {
        continue;
      }
      int line = set.getLineNumber();
      JavaCodeUnit where = set.getOrigin();
      boolean created = where.getConstructorCallsFromSelf().stream()
          .anyMatch(c -> c.getLineNumber() == line && HASHED.contains(c.getTargetOwner().getName()))
          || where.getMethodCallsFromSelf().stream().anyMatch(c -> c.getLineNumber() == line
              && HASHED.contains(c.getTargetOwner().getName()) && c.getName().startsWith("new"));
      if (created) {
        return true;
      }
    }
    return false;
  }

  private static ArchCondition<JavaField> notBeMutableStaticState() {
    return new ArchCondition<>("not be mutable static state") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        Set<JavaModifier> mods = field.getModifiers();
        if (!mods.contains(JavaModifier.STATIC) || mods.contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        String what = null;
        if (!mods.contains(JavaModifier.FINAL)) {
          what = "is static and not final";
        } else if (field.getRawType().getPackageName().equals("java.util.concurrent.atomic")) {
          what = "is a static " + field.getRawType().getSimpleName();
        } else if (isCollection(field.getRawType()) && buildsMutableCollectionStatically(field.getOwner())) {
          what = "is a static collection filled at class initialization";
        }
        if (what != null) {
          events.add(SimpleConditionEvent.violated(field, "Field <" + field.getFullName() + "> " + what + " in "
              + field.getOwner().getSimpleName() + ".java"));
        }
      }
    };
  }

  private static boolean isCollection(JavaClass c) {
    return ImportedTypes.isAssignableTo(c, java.util.Collection.class) || ImportedTypes.isAssignableTo(c, java.util.Map.class);
  }

  /** Whether the class's static initializer constructs a mutable JDK collection (new ArrayList<>(), ...). */
  private static boolean buildsMutableCollectionStatically(JavaClass owner) {
    return owner.getStaticInitializer().map(init -> init.getConstructorCallsFromSelf().stream()
        .anyMatch(c -> isCollection(c.getTargetOwner()) && c.getTargetOwner().getPackageName().startsWith("java.util")))
        .orElse(false);
  }
}
