package grader.scan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import labs.rules.StudentCodeRules;

/**
 * What graded code may not do, checked on its compiled classes before any of it runs. These go
 * beyond the labs' own rules ({@link StudentCodeRules}, which keep a run replayable): they keep
 * the grader in charge. A lab may lift the file and thread rules with the pom property
 * {@code labs.grading.allow} ({@code files}, {@code threads}), for a lab whose code works with
 * files and real processes.
 */
public final class GradingRules {
  private GradingRules() {}

  private record Call(String owner, String method, String why) {}

  private static final List<Call> CALLS = List.of(
      new Call("java.lang.System", "exit", "ends the test JVM"),
      new Call("java.lang.Runtime", "exit", "ends the test JVM"),
      new Call("java.lang.Runtime", "halt", "ends the test JVM"),
      new Call("java.lang.Runtime", "exec", "starts another program"),
      new Call("java.lang.Runtime", "addShutdownHook", "changes how the test JVM ends"),
      new Call("java.lang.System", "setOut", "replaces the tester's output"),
      new Call("java.lang.System", "setErr", "replaces the tester's output"),
      new Call("java.lang.System", "setIn", "replaces the tester's input"),
      new Call("java.lang.System", "setProperty", "changes the tester's settings"),
      new Call("java.lang.System", "clearProperty", "changes the tester's settings"),
      new Call("java.lang.System", "setProperties", "changes the tester's settings"),
      new Call("java.lang.System", "getProperty", "reads the tester's settings (seeds, modes)"),
      new Call("java.lang.System", "getProperties", "reads the tester's settings (seeds, modes)"),
      new Call("java.lang.System", "getenv", "reads the grader's environment"),
      new Call("java.lang.System", "load", "loads native code"),
      new Call("java.lang.System", "loadLibrary", "loads native code"),
      new Call("java.lang.Runtime", "load", "loads native code"),
      new Call("java.lang.Runtime", "loadLibrary", "loads native code"),
      new Call("java.lang.Thread", "setDefaultUncaughtExceptionHandler", "changes how the tester sees failures"),
      new Call("java.lang.Class", "forName", "loads classes by name (reflection)"),
      new Call("java.lang.Class", "getDeclaredField", "reflection"),
      new Call("java.lang.Class", "getDeclaredFields", "reflection"),
      new Call("java.lang.Class", "getDeclaredMethod", "reflection"),
      new Call("java.lang.Class", "getDeclaredMethods", "reflection"),
      new Call("java.lang.Class", "getDeclaredConstructor", "reflection"),
      new Call("java.lang.Class", "getDeclaredConstructors", "reflection"),
      new Call("java.lang.Class", "getField", "reflection"),
      new Call("java.lang.Class", "getFields", "reflection"),
      new Call("java.lang.Class", "getMethod", "reflection"),
      new Call("java.lang.Class", "getMethods", "reflection"),
      new Call("java.lang.Class", "getConstructor", "reflection"),
      new Call("java.lang.Class", "getClassLoader", "reaches the class loader"),
      new Call("java.lang.Thread", "getContextClassLoader", "reaches the class loader"),
      new Call("java.lang.Thread", "getAllStackTraces", "reaches the tester's threads"),
      new Call("java.lang.Thread", "getThreadGroup", "reaches the tester's threads"),
      new Call("java.lang.invoke.MethodHandles", "privateLookupIn", "reflection"),
      new Call("java.lang.invoke.MethodHandles", "lookup", "reflection"),
      new Call("java.lang.StackWalker", "getInstance", "inspects the tester's stack"));

  /** Packages and classes graded code may not use at all, each with why. */
  private static final List<String[]> PACKAGES = List.of(
      new String[] {"java.lang.reflect..", "reflection reaches into the tester"},
      new String[] {"java.lang.instrument..", "instrumentation rewrites the tester"},
      new String[] {"sun..", "JDK internals"},
      new String[] {"jdk.internal..", "JDK internals"},
      new String[] {"java.lang.foreign..", "native memory and code"},
      new String[] {"java.net..", "network access (sockets, URLs): the labs' only network is the simulated one"},
      new String[] {"java.net.http..", "network access"},
      new String[] {"java.rmi.registry..", "starts or finds RMI services of its own"},
      new String[] {"java.lang.management..", "inspects the test JVM"},
      new String[] {"javax.management..", "inspects the test JVM"},
      new String[] {"javax.script..", "runs code the scan cannot see"},
      new String[] {"javax.tools..", "compiles code the scan cannot see"});

  private static final List<String[]> CLASSES = List.of(
      new String[] {"java.lang.ProcessBuilder", "starts another program"},
      new String[] {"java.lang.ProcessHandle", "reaches other processes"},
      new String[] {"java.lang.ClassLoader", "loads code the scan cannot see"},
      new String[] {"java.net.URLClassLoader", "loads code the scan cannot see"},
      new String[] {"java.nio.channels.SocketChannel", "network access"},
      new String[] {"java.nio.channels.ServerSocketChannel", "network access"},
      new String[] {"java.nio.channels.DatagramChannel", "network access"});

  private static final List<String[]> FILES = List.of(
      new String[] {"java.nio.file..", "file access: this lab's code keeps its state in memory (and the Persister)"},
      new String[] {"java.io.File", "file access"},
      new String[] {"java.io.FileInputStream", "file access"},
      new String[] {"java.io.FileOutputStream", "file access"},
      new String[] {"java.io.FileReader", "file access"},
      new String[] {"java.io.FileWriter", "file access"},
      new String[] {"java.io.RandomAccessFile", "file access"},
      new String[] {"java.nio.channels.FileChannel", "file access"});

  /** The rules for a lab that allows {@code allows} ("files", "threads"). */
  public static List<ArchRule> rules(Set<String> allows) {
    List<ArchRule> rules = new ArrayList<>();
    for (Call c : CALLS) {
      rules.add(noClasses().should().callMethodWhere(calls(c.owner(), c.method()))
          .because(simple(c.owner()) + "." + c.method() + " " + c.why()));
    }
    for (String[] p : PACKAGES) {
      rules.add(noClasses().should().dependOnClassesThat().resideInAPackage(p[0])
          .because("package " + p[0].replace("..", "") + ": " + p[1]));
    }
    for (String[] c : CLASSES) {
      rules.add(noClasses().should().dependOnClassesThat().areAssignableTo(c[0]).because(simple(c[0]) + " " + c[1]));
    }
    if (!allows.contains("files")) {
      for (String[] f : FILES) {
        rules.add(f[0].endsWith("..") ? noClasses().should().dependOnClassesThat().resideInAPackage(f[0]).because(f[1])
            : noClasses().should().dependOnClassesThat().areAssignableTo(f[0]).because(simple(f[0]) + ": " + f[1]));
      }
    }
    if (!allows.contains("threads")) {
      rules.addAll(StudentCodeRules.rules());
    }
    return rules;
  }

  private static DescribedPredicate<JavaMethodCall> calls(String owner, String method) {
    return new DescribedPredicate<>(owner + "." + method) {
      @Override
      public boolean test(JavaMethodCall call) {
        return call.getTarget().getName().equals(method) && call.getTarget().getOwner().isAssignableTo(owner);
      }
    };
  }

  private static String simple(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
