package shardctrler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import labs.harness.Points;
import labs.testkit.Trials;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Part 4A: your {@link Rebalance#assign} on its own, over random sequences of joins, leaves and
 * moves (each case from a seed; a failure shows the shortest failing sequence found): every shard
 * lands on a group, the loads differ by at most one, no more shards move than the best balanced
 * assignment must move (found by exhaustive search for up to {@value #BRUTE_FORCE_GROUPS} groups),
 * and the answer does not depend on the order in which the groups are given.
 */
class RebalanceTest {
  /** Cases tried. */
  static final int CASES = 300;
  /** Up to this many groups, the optimum is found by trying every assignment. */
  static final int BRUTE_FORCE_GROUPS = 4;
  /** At most this many groups at once. */
  static final int MAX_GROUPS = 12;
  /**
   * Gids the cases draw from: 1 to this. Wider than the groups at once, so that gids collide in
   * a small hash table (1, 17, 33) and a table built in the order given is iterated in that order.
   */
  static final int GIDS = 40;

  /** One step of a case: the groups after a join or a leave, or a move of one shard. */
  record Step(String kind, List<Integer> gids, int shard) {
    @Override
    public String toString() {
      return kind.equals("move") ? "move(" + shard + ", " + gids.getFirst() + ")" : kind + gids;
    }
  }

  @Test
  @Tag("4A")
  @Points(5)
  @DisplayName("4A: the rebalance is even, minimal and deterministic")
  void rebalanceIsEvenMinimalAndDeterministic() {
    Trials.forAll("Rebalance.assign is even, minimal and independent of the order of the gids", 4040, CASES,
        RebalanceTest::steps, Trials::withOneRemoved, RebalanceTest::check);
  }

  /** A random sequence of 1 to 12 joins, leaves and moves. */
  private static List<Step> steps(Random random) {
    List<Step> steps = new ArrayList<>();
    TreeSet<Integer> groups = new TreeSet<>();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(10);
      if (groups.isEmpty() || (kind < 5 && groups.size() < MAX_GROUPS)) {
        List<Integer> join = new ArrayList<>();
        for (int k = 1 + random.nextInt(3); k > 0 && groups.size() + join.size() < MAX_GROUPS; k--) {
          int g;
          do {
            g = 1 + random.nextInt(GIDS);
          } while (groups.contains(g) || join.contains(g));
          join.add(g);
        }
        groups.addAll(join);
        steps.add(new Step("join", join, 0));
      } else if (kind < 8) {
        List<Integer> present = new ArrayList<>(groups);
        List<Integer> leave = new ArrayList<>();
        for (int k = 1 + random.nextInt(2); k > 0 && !present.isEmpty(); k--) {
          leave.add(present.remove(random.nextInt(present.size())));
        }
        groups.removeAll(leave);
        steps.add(new Step("leave", leave, 0));
      } else {
        List<Integer> present = new ArrayList<>(groups);
        steps.add(new Step("move", List.of(present.get(random.nextInt(present.size()))),
            random.nextInt(Config.NSHARDS)));
      }
    }
    return steps;
  }

  /** Replays the steps from configuration 0, checking every rebalance. */
  private static void check(List<Step> steps) {
    List<Integer> shards = Collections.nCopies(Config.NSHARDS, 0);
    TreeSet<Integer> groups = new TreeSet<>();
    Random shuffle = new Random(steps.size());
    for (Step step : steps) {
      switch (step.kind()) {
        case "join" -> groups.addAll(step.gids());
        case "leave" -> groups.removeAll(step.gids());
        default -> {
          if (groups.contains(step.gids().getFirst())) {
            List<Integer> moved = new ArrayList<>(shards);
            moved.set(step.shard(), step.gids().getFirst());
            shards = List.copyOf(moved);
          }
          continue;
        }
      }
      List<Integer> before = shards;
      List<Integer> after = assign(before, new ArrayList<>(groups), step);
      checkOne(step, before, after, groups);
      // The same groups in other orders must give the same answer: every replica must compute it.
      List<Integer> reversed = new ArrayList<>(groups.descendingSet());
      List<Integer> shuffled = new ArrayList<>(groups);
      Collections.shuffle(shuffled, shuffle);
      List<Collection<Integer>> orders = List.of(reversed, new LinkedHashSet<>(shuffled), new HashSet<>(shuffled));
      for (Collection<Integer> order : orders) {
        List<Integer> again = assign(before, order, step);
        if (!again.equals(after)) {
          throw new AssertionError(String.format("after %s from %s, assign(shards, %s) returned %s, but the same groups "
              + "given as %s gave %s: the result must not depend on the order of the gids (every replica must compute "
              + "the same configuration; sort the gids, never use a map's or set's own order)", step, before,
              List.copyOf(groups), after, order, again));
        }
      }
      shards = after;
    }
  }

  private static List<Integer> assign(List<Integer> before, Collection<Integer> gids, Step step) {
    List<Integer> result;
    try {
      result = Rebalance.assign(List.copyOf(before), gids);
    } catch (UnsupportedOperationException e) {
      throw new AssertionError("after " + step + ", assign(" + before + ", " + gids + ") tried to change the list it "
          + "was given: return a new list", e);
    }
    if (result == null || result.size() != Config.NSHARDS) {
      throw new AssertionError("after " + step + ", assign(" + before + ", " + gids + ") returned " + result
          + ": it returns the gid of each of the " + Config.NSHARDS + " shards");
    }
    return List.copyOf(result);
  }

  private static void checkOne(Step step, List<Integer> before, List<Integer> after, TreeSet<Integer> groups) {
    String call = "after " + step + ", assign(" + before + ", " + groups + ") returned " + after;
    for (int g : after) {
      if (groups.isEmpty() ? g != 0 : !groups.contains(g)) {
        throw new AssertionError(call + ": gid " + g + " is not one of the groups"
            + (groups.isEmpty() ? " (with no group, every shard goes to gid 0)" : ""));
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    int max = 0;
    int min = Config.NSHARDS;
    for (int g : groups) {
      int load = Collections.frequency(after, g);
      max = Math.max(max, load);
      min = Math.min(min, load);
    }
    if (max - min > 1) {
      throw new AssertionError(call + ": the loads differ by " + (max - min) + " (at most 1 allowed)");
    }
    int moved = ConfigChecks.moves(before, after);
    int best = groups.size() <= BRUTE_FORCE_GROUPS ? BruteForce.optimalMoves(before, List.copyOf(groups))
        : ConfigChecks.optimalMoves(before, groups);
    if (moved != best) {
      throw new AssertionError(call + ": it moves " + moved + " shards, but a balanced assignment that moves " + best
          + " exists. Keep each shard where it is unless its group left or holds more than its share, and give "
          + "the larger shares (when the shards do not divide evenly) to the groups that hold the most");
    }
  }
}
