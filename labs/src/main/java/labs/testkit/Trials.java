package labs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property tests over a seeded generator, as plain JUnit code: a property is checked on {@code
 * tries} cases, case {@code k} generated from {@code new Random(baseSeed + k)}, so a run is the
 * same on every machine and a failure names the seed that makes it. A failing case is shrunk
 * (smaller candidates are tried while they still fail) and the smallest one found is printed.
 *
 * <pre>{@code
 * Trials.forAll("sequential histories are linearizable", 1000, 300,
 *     random -> Generated.kv(random, 1 + random.nextInt(120), 3, 2),
 *     Trials::withOneRemoved,
 *     ops -> assertThat(check(ops).verdict()).isEqualTo(Verdict.OK));
 * }</pre>
 *
 * <p>{@code -Dlabs.trialsBase=N} moves every property to seeds N, N+1, ... (to explore new
 * cases); a failure's message says which seed to give it.
 */
public final class Trials {
  /** How many candidate cases shrinking may try before it settles for what it has. */
  private static final int SHRINK_ATTEMPTS = 20_000;
  /** How much of a case and of its failure a message shows. */
  private static final int MAX_LINES = 40;

  private Trials() {}

  /**
   * Checks {@code check} on {@code tries} generated cases; on the first failure, shrinks the case
   * and throws an AssertionError that shows the seed, the smallest failing case and its failure.
   *
   * @param shrink smaller variants of a case, most promising first (may be empty)
   * @param check throws an AssertionError (or any exception) when the property does not hold
   */
  public static <T> void forAll(String property, long baseSeed, int tries,
      Function<Random, T> generate, Function<T, List<T>> shrink, Consumer<T> check) {
    long base = Long.getLong("labs.trialsBase", baseSeed);
    for (int k = 0; k < tries; k++) {
      long seed = base + k;
      T value = generate.apply(randomFor(seed));
      Throwable failure = failureOf(check, value);
      if (failure != null) {
        throw report(property, seed, k, tries, value, failure, shrink, check);
      }
    }
  }

  /**
   * The generator of case {@code seed}. The seed is mixed first: {@link Random}'s first outputs
   * for neighbouring seeds are nearly the same (seeds 5000 and 5001 give the same first {@code
   * nextInt(8)}), which would make consecutive cases alike.
   */
  public static Random randomFor(long seed) {
    return new Random(new SplittableRandom(seed).nextLong());
  }

  /** The variants of a list with one element removed, from the last element to the first. */
  public static <E> List<List<E>> withOneRemoved(List<E> list) {
    List<List<E>> out = new ArrayList<>();
    for (int i = list.size() - 1; i >= 0; i--) {
      List<E> smaller = new ArrayList<>(list);
      smaller.remove(i);
      out.add(smaller);
    }
    return out;
  }

  private static <T> AssertionError report(String property, long seed, int k, int tries, T value,
      Throwable failure, Function<T, List<T>> shrink, Consumer<T> check) {
    T smallest = value;
    Throwable smallestFailure = failure;
    int attempts = 0;
    boolean progress = true;
    while (progress && attempts < SHRINK_ATTEMPTS) {
      progress = false;
      for (T candidate : shrink.apply(smallest)) {
        if (++attempts > SHRINK_ATTEMPTS) {
          break;
        }
        Throwable f = failureOf(check, candidate);
        if (f != null) {
          smallest = candidate;
          smallestFailure = f;
          progress = true;
          break;
        }
      }
    }
    String message = "property \"" + property + "\" fails for seed " + seed + " (case " + (k + 1)
        + " of " + tries + "; replay with -Dlabs.trialsBase=" + seed + ")\n"
        + "  smallest failing case found (" + size(smallest) + ", from " + size(value)
        + " before shrinking):\n" + indent(describe(smallest))
        + "\n  its failure:\n" + indent(String.valueOf(smallestFailure.getMessage()));
    AssertionError error = new AssertionError(message, smallestFailure);
    error.setStackTrace(new StackTraceElement[0]);
    return error;
  }

  private static <T> Throwable failureOf(Consumer<T> check, T value) {
    try {
      check.accept(value);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  private static String size(Object value) {
    return value instanceof List<?> list ? list.size() + " elements" : "one value";
  }

  private static String describe(Object value) {
    if (value instanceof List<?> list) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        lines.add("[" + i + "] " + list.get(i));
      }
      return String.join("\n", lines);
    }
    return String.valueOf(value);
  }

  private static String indent(String text) {
    List<String> lines = text.lines().toList();
    List<String> kept = lines.size() <= MAX_LINES ? lines : lines.subList(0, MAX_LINES);
    String out = String.join("\n", kept.stream().map(l -> "    " + l).toList());
    return lines.size() <= MAX_LINES ? out
        : out + "\n    ... (" + (lines.size() - MAX_LINES) + " more lines)";
  }
}
