package labs.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labs.runtime.TimedLock;

/**
 * The rules for student code, checked by a test in every lab: no raw threads, pools or timers, no
 * JDK sleeps or timed waits, no wall clocks, no unseeded randomness. Each rule's message names
 * the replacement in {@link labs.runtime.Env}. Why: the simulation replays a run from its seed
 * only if every thread, every wait and every random choice goes through the runtime.
 *
 * <pre>{@code
 * @Test void studentCodeFollowsTheRules() {
 *   StudentCodeRules.check("raft");
 * }
 * }</pre>
 */
public final class StudentCodeRules {
  private StudentCodeRules() {}

  /** Which overloads of a forbidden method are forbidden. */
  private enum Overloads {
    ALL,
    /** those that take a timeout (a long, a TimeUnit, a Duration or a Date) */
    TIMED,
    /** those that take no random generator (the seeded ones are fine) */
    UNSEEDED,
    /** the one without parameters */
    NO_ARGUMENTS
  }

  /**
   * A forbidden call: {@code method} on {@code owner} (or a subtype; an owner ending in ".*" means
   * every class of that package), the overloads {@code which}.
   */
  private record Forbidden(String owner, String method, Overloads which, String why) {
    Forbidden(String owner, String method, String why) {
      this(owner, method, Overloads.ALL, why);
    }

    static Forbidden timed(String owner, String method, String why) {
      return new Forbidden(owner, method, Overloads.TIMED, why);
    }

    String describe() {
      String cls = owner.endsWith(".*") ? owner : owner.substring(owner.lastIndexOf('.') + 1);
      String m = method.equals("<init>") ? "new " + cls + "()" : cls + "." + method;
      return m + switch (which) {
        case TIMED -> " with a timeout";
        case UNSEEDED -> " without a seeded random generator";
        case NO_ARGUMENTS -> method.equals("<init>") ? "" : "()";
        case ALL -> "";
      };
    }
  }

  private static final List<Forbidden> METHODS = List.of(
      new Forbidden("java.lang.Thread", "sleep", "use Env.sleep(millis): it sleeps in virtual time in the simulation"),
      new Forbidden("java.lang.Thread", "start", "use Env.go(name, runnable): threads must belong to a node"),
      new Forbidden("java.lang.Thread", "startVirtualThread", "use Env.go(name, runnable)"),
      new Forbidden("java.lang.Thread", "ofPlatform", "use Env.go(name, runnable)"),
      new Forbidden("java.lang.Thread", "ofVirtual", "use Env.go(name, runnable)"),
      new Forbidden("java.lang.Thread", "onSpinWait", "wait on a condition or Env.sleep instead of spinning"),
      new Forbidden("java.util.concurrent.TimeUnit", "sleep", "use Env.sleep(millis)"),
      new Forbidden("java.lang.System", "currentTimeMillis", "use Env.nowMillis(): the runtime's clock"),
      new Forbidden("java.lang.System", "nanoTime", "use Env.nowNanos(): the runtime's clock"),
      new Forbidden("java.time.*", "now", "use Env.nowMillis(): the runtime's clock"),
      new Forbidden("java.time.Clock", "systemUTC", "use Env.nowMillis()"),
      new Forbidden("java.time.Clock", "systemDefaultZone", "use Env.nowMillis()"),
      new Forbidden("java.lang.Math", "random", "use Env.random(): seeded from the run's seed"),
      new Forbidden("java.util.concurrent.ThreadLocalRandom", "current", "use Env.random(): seeded from the run's seed"),
      new Forbidden("java.util.UUID", "randomUUID", "use Env.random() to make ids"),
      new Forbidden("java.lang.System", "identityHashCode",
          "identity hash codes differ in every run: base no choice or order on them (use ids or names)"),
      new Forbidden("java.util.Collections", "shuffle", Overloads.UNSEEDED,
          "pass Env.random(): Collections.shuffle(list, Env.random())"),
      new Forbidden("java.util.SplittableRandom", "<init>", Overloads.NO_ARGUMENTS,
          "seed it: new SplittableRandom(Env.random().nextLong()), or use Env.random()"),
      new Forbidden("java.util.random.RandomGenerator", "getDefault", "use Env.random(): seeded from the run's seed"),
      new Forbidden("java.util.random.RandomGenerator", "of", "use Env.random(): seeded from the run's seed"),
      new Forbidden("java.util.random.RandomGeneratorFactory", "create", Overloads.NO_ARGUMENTS,
          "seed it: factory.create(Env.random().nextLong()), or use Env.random()"),
      new Forbidden("java.util.Collection", "parallelStream",
          "parallel streams run on the common ForkJoinPool's platform threads: use stream()"),
      new Forbidden("java.util.stream.BaseStream", "parallel",
          "parallel streams run on the common ForkJoinPool's platform threads: leave the stream sequential"),
      new Forbidden("java.util.Arrays", "parallelSort", "it sorts on the common ForkJoinPool's threads: use Arrays.sort"),
      new Forbidden("java.util.Arrays", "parallelSetAll", "it runs on the common ForkJoinPool's threads: use Arrays.setAll"),
      new Forbidden("java.util.Arrays", "parallelPrefix", "it runs on the common ForkJoinPool's threads: use a loop"),
      Forbidden.timed("java.util.concurrent.locks.Condition", "await", "use a TimedLock and declare the condition as TimedLock.TimedCondition (cond = lock.newCondition()): it waits in runtime time"),
      Forbidden.timed("java.util.concurrent.locks.Condition", "awaitNanos", "use a TimedLock and declare the condition as TimedLock.TimedCondition (cond = lock.newCondition()): it waits in runtime time"),
      Forbidden.timed("java.util.concurrent.locks.Condition", "awaitUntil", "use a TimedCondition's await(time, unit)"),
      Forbidden.timed("java.util.concurrent.locks.Lock", "tryLock", "use lock() or tryLock(); a timed tryLock waits on the JDK clock"),
      Forbidden.timed("java.util.concurrent.BlockingQueue", "poll", "use labs.runtime.Channel.receive(Duration)"),
      Forbidden.timed("java.util.concurrent.BlockingQueue", "offer", "use labs.runtime.Channel.send"),
      Forbidden.timed("java.util.concurrent.CountDownLatch", "await", "use a TimedCondition or a Channel"),
      Forbidden.timed("java.util.concurrent.Future", "get", "use a Channel to hand results between threads"),
      Forbidden.timed("java.lang.Object", "wait", "use a TimedCondition; Object.wait(timeout) uses the JDK clock"),
      Forbidden.timed("java.lang.Thread", "join", "wait for a Channel message or a condition"));

  private static final List<String> CLASSES_NOT_TO_USE = List.of(
      "java.util.concurrent.Executors|thread pools run outside the simulation: use Env.go",
      "java.util.concurrent.ExecutorService|thread pools run outside the simulation: use Env.go",
      "java.util.concurrent.ScheduledExecutorService|use a thread with Env.sleep in a loop",
      "java.util.concurrent.ForkJoinPool|use Env.go",
      "java.util.concurrent.CompletableFuture|its async methods use the common pool: use Env.go and a Channel",
      "java.util.Timer|use a thread with Env.sleep in a loop",
      "java.util.TimerTask|use a thread with Env.sleep in a loop",
      "java.security.SecureRandom|use Env.random()",
      "java.util.Date|use Env.nowMillis()",
      "java.util.Calendar|use Env.nowMillis()",
      "java.time.Clock|use Env.nowMillis()");

  /** The rules, for use with ArchUnit directly. */
  public static List<ArchRule> rules() {
    List<ArchRule> rules = new ArrayList<>();
    for (Forbidden f : METHODS) {
      rules.add((f.method().equals("<init>") ? noClasses().should().callConstructorWhere(forbiddenConstructor(f))
          : noClasses().should().callMethodWhere(forbiddenCall(f)))
          .because(f.describe() + " is not allowed in lab code: " + f.why()));
    }
    rules.add(noClasses().should().callConstructor(Thread.class)
        .orShould().callConstructor(Thread.class, Runnable.class)
        .orShould().callConstructor(Thread.class, Runnable.class, String.class)
        .orShould().callConstructor(Thread.class, String.class)
        .because("new Thread(..) is not allowed in lab code: use Env.go(name, runnable)"));
    rules.add(noClasses().should().callConstructor(java.util.Random.class)
        .because("new Random() is not allowed in lab code: use Env.random(), which is seeded from the run's seed"));
    rules.add(noClasses().should().beAssignableTo(DescribedPredicate.describe("a Thread",
            (JavaClass c) -> ImportedTypes.isAssignableTo(c, Thread.class)))
        .because("extending Thread is not allowed in lab code: use Env.go(name, runnable)"));
    for (String entry : CLASSES_NOT_TO_USE) {
      String[] parts = entry.split("\\|");
      rules.add(noClasses().should().dependOnClassesThat().haveFullyQualifiedName(parts[0])
          .because(parts[0].substring(parts[0].lastIndexOf('.') + 1) + " is not allowed in lab code: " + parts[1]));
    }
    rules.addAll(StateRules.rules());
    return rules;
  }

  /** Each forbidden method's calls in {@code classes}, described as ArchUnit describes them, in its order. */
  private static Map<Forbidden, List<String>> forbiddenCalls(JavaClasses classes) {
    Map<Forbidden, List<String>> found = new HashMap<>();
    for (JavaClass c : classes) {
      for (JavaCall<?> call : c.getCodeUnitCallsFromSelf()) {
        for (Forbidden f : METHODS) {
          boolean hit = call instanceof JavaConstructorCall k ? f.method().equals("<init>") && constructs(f, k)
              : call instanceof JavaMethodCall m && !f.method().equals("<init>") && calls(f, m);
          if (hit) {
            found.computeIfAbsent(f, x -> new ArrayList<>()).add(call.getDescription());
          }
        }
      }
    }
    found.values().forEach(java.util.Collections::sort);
    return found;
  }

  private static boolean calls(Forbidden f, JavaMethodCall call) {
    var target = call.getTarget();
    return target.getName().equals(f.method()) && ownerMatches(f, target.getOwner())
        && overloadMatches(f, target.getRawParameterTypes());
  }

  private static boolean constructs(Forbidden f, JavaConstructorCall call) {
    var target = call.getTarget();
    return ownerMatches(f, target.getOwner()) && overloadMatches(f, target.getRawParameterTypes());
  }

  private static DescribedPredicate<JavaMethodCall> forbiddenCall(Forbidden f) {
    return new DescribedPredicate<>(f.describe()) {
      @Override
      public boolean test(JavaMethodCall call) {
        return calls(f, call);
      }
    };
  }

  private static DescribedPredicate<JavaConstructorCall> forbiddenConstructor(Forbidden f) {
    return new DescribedPredicate<>(f.describe()) {
      @Override
      public boolean test(JavaConstructorCall call) {
        return constructs(f, call);
      }
    };
  }

  private static boolean ownerMatches(Forbidden f, JavaClass owner) {
    if (ImportedTypes.isAssignableTo(owner, TimedLock.TimedCondition.class)) {
      return false;
    }
    if (f.owner().endsWith(".*")) {
      return owner.getPackageName().equals(f.owner().substring(0, f.owner().length() - 2));
    }
    return ImportedTypes.isAssignableTo(owner, f.owner());
  }

  private static boolean overloadMatches(Forbidden f, List<JavaClass> parameters) {
    return switch (f.which()) {
      case ALL -> true;
      case TIMED -> parameters.stream().anyMatch(StudentCodeRules::isTimeout);
      case UNSEEDED -> parameters.stream().noneMatch(p -> ImportedTypes.isAssignableTo(p, java.util.random.RandomGenerator.class));
      case NO_ARGUMENTS -> parameters.isEmpty();
    };
  }

  private static boolean isTimeout(JavaClass type) {
    return type.isEquivalentTo(long.class) || ImportedTypes.isAssignableTo(type, java.util.concurrent.TimeUnit.class)
        || ImportedTypes.isAssignableTo(type, java.time.Duration.class)
        || ImportedTypes.isAssignableTo(type, java.util.Date.class);
  }

  /**
   * Checks the classes of {@code packages} (and sub-packages, main code only) and throws an
   * {@link AssertionError} listing every violation with its replacement.
   */
  public static void check(String... packages) {
    JavaClasses classes = ImportedTypes.importWith(importer -> importer
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(packages));
    check(classes);
  }

  /**
   * Checks the classes of {@code packages} that {@code loader} loads (main code only, the first
   * copy of each class in the loader's order): what a test run really executes. The harness calls
   * it before the first lab test.
   */
  public static void checkLoadedBy(ClassLoader loader, String... packages) {
    check(StudentClasses.importFrom(loader, packages));
  }

  /** At most this many violations are listed (a student fixes the first ones first). */
  private static final int MAX_LISTED = 20;

  /** Checks already-imported classes (for example just the student's files). */
  public static void check(JavaClasses classes) {
    if (classes.isEmpty()) {
      throw new AssertionError("no classes found to check: is the package name right?");
    }
    // The forbidden calls in one pass over the code: as rules of their own (rules(), the same
    // predicates) ArchUnit would describe every call of the student code once per forbidden method.
    Map<Forbidden, List<String>> calls = forbiddenCalls(classes);
    StringBuilder report = new StringBuilder();
    int count = 0;
    List<ArchRule> all = rules();
    for (int r = 0; r < all.size(); r++) {
      ArchRule rule = all.get(r);
      List<String> lines = r < METHODS.size() ? calls.getOrDefault(METHODS.get(r), List.of())
          : rule.evaluate(classes).getFailureReport().getDetails();
      int listed = 0;
      for (String line : lines) {
        if (count++ < MAX_LISTED) {
          report.append("  - ").append(line).append('\n');
          listed++;
        }
      }
      if (listed > 0) {
        report.append("    why: ").append(rule.getDescription().replaceFirst("^.*because ", "")).append("\n");
      }
    }
    if (count > MAX_LISTED) {
      report.append("  (and ").append(count - MAX_LISTED).append(" more)\n");
    }
    if (count > 0) {
      throw new AssertionError(count + " use(s) of JDK features that break the simulation's replay:\n" + report
          + "Use the labs.runtime API instead (Env.go, Env.sleep, Env.nowMillis, Env.random, TimedLock, Channel).");
    }
  }
}
