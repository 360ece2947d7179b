package labs.rules.samples;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** Each line makes a run depend on more than its seed; checked by {@code StudentCodeRulesTest}. */
public class NondeterministicStudentCode {
  enum Role { FOLLOWER, LEADER }

  /** A key without hashCode(): hashes by identity. */
  public static final class Handle {}

  private final Map<Role, Integer> byRole = new HashMap<>();
  private final Set<Handle> handles = new HashSet<>();
  // Key classes from the JDK, which the rules' import does not read (they are asked through reflection):
  private final Map<java.util.concurrent.TimeUnit, Integer> byUnit = new HashMap<>();
  private final Set<Thread> watched = new HashSet<>();
  private static int elections;
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final List<String> SEEN = new ArrayList<>();

  public long everything(List<Integer> list, int[] array) {
    Collections.shuffle(list);
    long r = new SplittableRandom().nextLong() + RandomGenerator.getDefault().nextInt()
        + RandomGenerator.of("L64X128MixRandom").nextInt();
    r += ZonedDateTime.now().getSecond() + LocalDate.now().getDayOfMonth();
    r += list.parallelStream().count() + list.stream().parallel().count();
    Arrays.parallelSort(array);
    r += System.identityHashCode(this);
    return r + byRole.size() + handles.size() + byUnit.size() + watched.size() + elections + IDS.get() + SEEN.size();
  }
}
