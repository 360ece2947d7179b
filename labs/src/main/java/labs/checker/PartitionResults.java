package labs.checker;

import java.util.ArrayList;
import java.util.List;
import labs.checker.internal.Decision;
import labs.checker.internal.Partials;
import labs.checker.internal.PendingPruning;
import labs.checker.internal.Search;

/** Builds {@link PartitionResult}s from what a fast path or the search found (local indices). */
final class PartitionResults {
  private PartitionResults() {}

  static PartitionResult undecided(int index, Object key, List<Integer> members, String note) {
    return new PartitionResult(index, key, Verdict.UNKNOWN, note, members, List.of(), -1,
        members.stream().map(m -> -1).toList());
  }

  /** A fast path's verdict: its linearization (OK) or its prefix and story (ILLEGAL). */
  static PartitionResult fromDecision(
      int index, Object key, List<Integer> members, Decision.Decided d) {
    List<Integer> order = new ArrayList<>();
    for (int local : d.order()) {
      order.add(members.get(local));
    }
    int blocked = d.blockedBy() < 0 ? -1 : members.get(d.blockedBy());
    List<Integer> longestFor = new ArrayList<>(members.stream().map(m -> -1).toList());
    for (int local : d.order()) {
      longestFor.set(local, 0);
    }
    return new PartitionResult(index, key, d.ok() ? Verdict.OK : Verdict.ILLEGAL, "", members,
        List.of(new PartialLinearization(order, blocked)), 0, longestFor, d.method(), d.story());
  }

  /**
   * The search's verdict on the pruned partition: local indices of the search are indices into
   * {@code pruned.kept()}, which are indices into {@code members}.
   */
  static PartitionResult fromSearch(
      int index,
      Object key,
      List<Integer> members,
      PendingPruning.Pruned pruned,
      Search.Result result,
      String stoppedBecause) {
    int[] kept = pruned.kept();
    Partials found = result.partials();
    List<PartialLinearization> partials = new ArrayList<>();
    for (int p = 0; p < found.orders().size(); p++) {
      List<Integer> order = new ArrayList<>();
      for (int local : found.orders().get(p)) {
        order.add(members.get(kept[local]));
      }
      int blocked = found.blockedBy()[p];
      partials.add(new PartialLinearization(order, blocked < 0 ? -1 : members.get(kept[blocked])));
    }
    List<Integer> longestFor = new ArrayList<>(members.stream().map(m -> -1).toList());
    for (int local = 0; local < kept.length; local++) {
      longestFor.set(kept[local], found.longestFor()[local]);
    }
    Verdict verdict = switch (result.outcome()) {
      case OK -> Verdict.OK;
      case ILLEGAL -> Verdict.ILLEGAL;
      case STOPPED, PAUSED -> Verdict.UNKNOWN;
    };
    String note = verdict != Verdict.UNKNOWN ? "" : stoppedBecause + " (" + result.cacheEntries()
        + " configurations explored" + (result.cacheFull() ? ", memo full" : "") + ")";
    return new PartitionResult(index, key, verdict, note, members, partials, found.longest(),
        longestFor, searchMethod(pruned), "");
  }

  private static String searchMethod(PendingPruning.Pruned pruned) {
    List<String> done = new ArrayList<>();
    if (pruned.setAside() > 0) {
      done.add(pruned.setAside() + " never-returned or unanswered operations set aside");
    }
    if (pruned.bounded() > 0) {
      done.add(pruned.bounded() + " never-returned writes bounded by their readers");
    }
    return done.isEmpty() ? PartitionResult.SEARCH
        : PartitionResult.SEARCH + " (" + String.join(", ", done) + ")";
  }
}
