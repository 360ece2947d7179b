package labs.checker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import labs.testkit.Trials;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The linearized-operation set agrees with {@link BitSet} and keeps its window invariants. */
class OpSetPropertiesTest {

  /** A case: a set of {@code n} operations and the seed of its random walk of adds and removes. */
  record Walk(long seed, int n) {}

  @Test
  @DisplayName("the operation set matches a BitSet and keeps its window invariants")
  void matchesBitSetAndKeepsWindow() {
    Trials.forAll("OpSet = BitSet", 7_000, 200, r -> new Walk(r.nextLong(), 1 + r.nextInt(400)),
        w -> w.n() > 1 ? List.of(new Walk(w.seed(), w.n() / 2)) : List.of(),
        OpSetPropertiesTest::walk);
  }

  private static void walk(Walk walk) {
    Random random = new Random(walk.seed());
    int n = walk.n();
    OpSet set = new OpSet(n);
    BitSet reference = new BitSet(n);
    for (int step = 0; step < 2000; step++) {
      int i = random.nextInt(n);
      // Bias towards filling a prefix, as the search does.
      if (random.nextInt(3) > 0) {
        i = reference.nextClearBit(0) < n ? reference.nextClearBit(0) : i;
      }
      if (reference.get(i)) {
        set.remove(i);
        reference.clear(i);
      } else {
        set.add(i);
        reference.set(i);
      }
      long[] expected = reference.toLongArray();
      for (int w = 0; w < set.words.length; w++) {
        assertThat(set.words[w]).as("step %d, word %d", step, w)
            .isEqualTo(w < expected.length ? expected[w] : 0L);
      }
      for (int w = 0; w < set.lo; w++) {
        assertThat(set.words[w]).as("word %d before lo %d is full", w, set.lo).isEqualTo(-1L);
      }
      assertThat(set.lo == set.words.length || set.words[set.lo] != -1L).isTrue();
      for (int w = set.hi; w < set.words.length; w++) {
        assertThat(set.words[w]).as("word %d from hi %d is empty", w, set.hi).isZero();
      }
      assertThat(set.hi == 0 || set.words[set.hi - 1] != 0).isTrue();
      // The hash depends on the members only, not on the order they were added in.
      OpSet fresh = new OpSet(n);
      for (int m = reference.nextSetBit(0); m >= 0; m = reference.nextSetBit(m + 1)) {
        fresh.add(m);
      }
      assertThat(set.hash).as("step %d: hash of the same members", step).isEqualTo(fresh.hash);
    }
  }
}
