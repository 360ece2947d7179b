package labs.checker.viewer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import labs.checker.CheckResult;
import labs.checker.Model;
import labs.checker.Operation;
import labs.checker.PartialLinearization;
import labs.checker.PartitionResult;

/**
 * What the page's script draws, serialised to JSON. Times are turned into ranks (the position of
 * each distinct call or return time within its partition), so that dense histories stay
 * readable; annotations are mapped onto the same ranks.
 */
record ViewerData(
    String title,
    String verdict,
    String summary,
    List<String> states,
    List<AnnotationData> annotations,
    List<PartitionData> partitions) {

  /** Longest description kept for an operation or state (the page shows it on hover). */
  private static final int MAX_TEXT = 2000;

  record AnnotationData(String label, String details, String kind, String start, String end) {}

  record PartitionData(
      int index,
      String name,
      String verdict,
      String note,
      int ranks,
      int initialState,
      List<Integer> clients,
      List<OpData> ops,
      List<PartialData> partials,
      int longest,
      List<BandData> bands) {}

  /** One operation; {@code end} is -1 for an operation that never returned. */
  record OpData(
      int id, int client, double start, double end, String call, String ret, String text,
      int longest) {}

  /** A partial linearization: local operation indices, state after each, the blocked one. */
  record PartialData(int[] order, int[] states, int blocked) {}

  /** An annotation placed on this partition's ranks. */
  record BandData(int annotation, double start, double end) {}

  static <I, O> ViewerData of(CheckResult<I, O> result, String title, List<Annotation> notes) {
    Map<String, Integer> stateIds = new HashMap<>();
    List<String> states = new ArrayList<>();
    List<PartitionData> partitions = new ArrayList<>();
    for (PartitionResult p : result.partitions()) {
      partitions.add(partition(result, p, notes, stateIds, states));
    }
    List<AnnotationData> annotations = notes.stream()
        .map(a -> new AnnotationData(a.label(), a.details(), a.kind(),
            Long.toString(a.start()), Long.toString(a.end())))
        .toList();
    return new ViewerData(title, result.verdict().name(), result.describe(), states,
        annotations, partitions);
  }

  private static <I, O> PartitionData partition(
      CheckResult<I, O> result,
      PartitionResult p,
      List<Annotation> notes,
      Map<String, Integer> stateIds,
      List<String> states) {
    List<Integer> members = p.operations();
    TreeSet<Long> times = new TreeSet<>();
    for (int id : members) {
      Operation<I, O> op = result.operations().get(id);
      times.add(op.call());
      if (op.isComplete()) {
        times.add(op.ret());
      }
    }
    long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
    Map<Integer, Integer> local = new HashMap<>();
    List<OpData> ops = new ArrayList<>();
    TreeSet<Integer> clients = new TreeSet<>();
    for (int k = 0; k < members.size(); k++) {
      int id = members.get(k);
      local.put(id, k);
      Operation<I, O> op = result.operations().get(id);
      clients.add(op.client());
      ops.add(new OpData(id, op.client(), rank(sorted, op.call()),
          op.isComplete() ? rank(sorted, op.ret()) : -1,
          Long.toString(op.call()), op.isComplete() ? Long.toString(op.ret()) : "",
          clip(result.model().describeOperation(op.input(), op.output())),
          p.longestFor().get(k)));
    }
    List<PartialData> partials = new ArrayList<>();
    for (PartialLinearization partial : p.partials()) {
      List<String> after = result.statesAlong(partial);
      int[] order = partial.order().stream().mapToInt(local::get).toArray();
      int[] stateRefs = after.stream().mapToInt(s -> intern(s, stateIds, states)).toArray();
      partials.add(new PartialData(order, stateRefs,
          partial.blockedBy() < 0 ? -1 : local.get(partial.blockedBy())));
    }
    List<BandData> bands = new ArrayList<>();
    for (int a = 0; a < notes.size(); a++) {
      Annotation note = notes.get(a);
      bands.add(new BandData(a, rank(sorted, note.start()), rank(sorted, note.end())));
    }
    int initial = intern(describeInit(result.model()), stateIds, states);
    String note = !p.note().isEmpty() || p.method().equals(PartitionResult.SEARCH) ? p.note()
        : "decided by the " + p.method();
    return new PartitionData(p.index(), p.name(), p.verdict().name(), note, sorted.length,
        initial, List.copyOf(clients), ops, partials, p.longest(), bands);
  }

  private static <S> String describeInit(Model<S, ?, ?> model) {
    return model.describeState(model.init());
  }

  private static int intern(String state, Map<String, Integer> ids, List<String> states) {
    return ids.computeIfAbsent(clip(state), s -> {
      states.add(s);
      return states.size() - 1;
    });
  }

  /**
   * The position of {@code t} among the sorted distinct times: its index if present, else
   * interpolated between its neighbours (before the first: -0.5; after the last: length - 0.5).
   */
  static double rank(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i >= 0) {
      return i;
    }
    int above = -i - 1;
    if (above == 0) {
      return -0.5;
    }
    if (above == sorted.length) {
      return sorted.length - 0.5;
    }
    long lo = sorted[above - 1];
    long hi = sorted[above];
    return above - 1 + (double) (t - lo) / (double) (hi - lo);
  }

  private static String clip(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
  }
}
