package labs.checker.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labs.checker.Model;
import labs.checker.Operation;
import labs.checker.models.VersionedKvModel;

/**
 * Before the search: operations that never returned, made cheaper without changing the verdict.
 * An operation that never returned may take effect any time after its call, or never, so the
 * search tries it everywhere; for the register-like models ({@link RegisterView}) and {@link
 * VersionedKvModel} three rules remove most of that work:
 *
 * <ol>
 *   <li>A read that never answered is set aside: it changes nothing and constrains nothing.
 *   <li>If no compare-and-swap returned a failure or no answer, and nothing but reads, writes and
 *       swaps occurs: a write or swap that never returned, whose value nobody saw (no read
 *       returned it, no swap that took effect, or must, replaced it) is set aside. Exact: take a
 *       linearization and delete these operations; where the state now differs from before, the
 *       old state was a value nobody saw, so no read or successful swap sat there; a pending swap
 *       that now swaps writes a seen value only where nobody looked. Conversely they may simply
 *       never have taken effect.
 *   <li>If nothing but reads, writes and swaps occurs: a write or swap that never returned and is
 *       the only possible writer of a value that completed reads (or successful swaps) saw must
 *       take effect before the earliest of them returned: its return is set to that time. Exact:
 *       every linearization already places it there.
 * </ol>
 */
public final class PendingPruning {
  /**
   * The partition to search.
   *
   * @param kept for each operation of {@code local}, its index in the original partition
   * @param setAside how many operations were left out (rules 1 and 2)
   * @param bounded how many were given a return time (rule 3)
   */
  public record Pruned(Local local, int[] kept, int setAside, int bounded) {}

  private PendingPruning() {}

  public static Pruned prune(Model<?, ?, ?> model, Local local) {
    int n = local.size();
    boolean[] drop = new boolean[n];
    long[] ret = local.ret().clone();
    int bounded = 0;
    RegisterView view = RegisterView.of(model, local);
    if ((Model<?, ?, ?>) model == VersionedKvModel.INSTANCE) {
      for (int i = 0; i < n; i++) {
        drop[i] = !local.complete(i) && local.outputs()[i] == null
            && local.inputs()[i] instanceof VersionedKvModel.Get;
      }
    } else if (view != null) {
      boolean onlyRegisterOps = true;
      boolean failedOrSilentSwap = false;
      for (int i = 0; i < n; i++) {
        boolean pending = !local.complete(i);
        onlyRegisterOps &= view.kind[i] != RegisterView.Kind.OTHER;
        failedOrSilentSwap |= view.kind[i] == RegisterView.Kind.CAS && !pending
            && view.swapped[i] != Boolean.TRUE;
        drop[i] = pending && view.kind[i] == RegisterView.Kind.READ && view.value[i] == null;
      }
      if (onlyRegisterOps && !failedOrSilentSwap) {
        setAsideUnseen(local, view, drop);
      }
      if (onlyRegisterOps) {
        bounded = boundByReaders(local, view, drop, ret);
      }
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!drop[i]) {
        keep.add(i);
      }
    }
    int[] kept = keep.stream().mapToInt(Integer::intValue).toArray();
    if (kept.length == n && bounded == 0) {
      return new Pruned(local, kept, 0, 0);
    }
    long[] keptRet = new long[kept.length];
    for (int k = 0; k < kept.length; k++) {
      keptRet[k] = ret[kept[k]];
    }
    return new Pruned(local.subset(kept, keptRet), kept, n - kept.length, bounded);
  }

  /** Rule 2. */
  private static void setAsideUnseen(Local local, RegisterView view, boolean[] drop) {
    int n = local.size();
    Set<Object> seen = new HashSet<>();
    ArrayDeque<Object> toVisit = new ArrayDeque<>();
    Map<Object, List<Integer>> pendingSwapsTo = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (view.kind[i] == RegisterView.Kind.READ && view.value[i] != null) {
        toVisit.add(view.value[i]);
      } else if (view.kind[i] == RegisterView.Kind.CAS && local.complete(i)) {
        toVisit.add(view.expected[i]); // a swap that took effect (the others were excluded)
      } else if (view.kind[i] == RegisterView.Kind.CAS && view.mayWrite(i) != null) {
        pendingSwapsTo.computeIfAbsent(view.value[i], v -> new ArrayList<>()).add(i);
      }
    }
    while (!toVisit.isEmpty()) {
      Object v = toVisit.poll();
      if (seen.add(v)) {
        for (int swap : pendingSwapsTo.getOrDefault(v, List.of())) {
          toVisit.add(view.expected[swap]);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!local.complete(i) && (view.kind[i] == RegisterView.Kind.WRITE
          || view.kind[i] == RegisterView.Kind.CAS)) {
        Object written = view.mayWrite(i);
        drop[i] |= written == null || !seen.contains(written);
      }
    }
  }

  /** Rule 3; returns how many operations it bounded. */
  private static int boundByReaders(Local local, RegisterView view, boolean[] drop, long[] ret) {
    int n = local.size();
    Map<Object, Integer> writers = new HashMap<>();
    writers.put(view.initial, 1);
    Map<Object, Long> firstSeenBy = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Object written = view.mayWrite(i);
      if (written != null) {
        writers.merge(written, 1, Integer::sum);
      }
      Object saw = view.kind[i] == RegisterView.Kind.READ ? view.value[i]
          : view.kind[i] == RegisterView.Kind.CAS && view.swapped[i] == Boolean.TRUE
              ? view.expected[i] : null;
      if (saw != null && local.complete(i)) {
        firstSeenBy.merge(saw, local.ret()[i], Math::min);
      }
    }
    int bounded = 0;
    for (int i = 0; i < n; i++) {
      Object written = view.mayWrite(i);
      if (drop[i] || local.complete(i) || written == null || writers.get(written) != 1) {
        continue;
      }
      Long by = firstSeenBy.get(written);
      if (by != null && by >= local.call()[i] && by != Operation.NEVER) {
        ret[i] = by;
        bounded++;
      }
    }
    return bounded;
  }
}
