package labs.checker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The linearized-operation set agrees with {@link BitSet} and keeps its window invariants. */
class OpSetProperties {

  @Property(tries = 200)
  void matchesBitSetAndKeepsWindow(
      @ForAll Random random, @ForAll @IntRange(min = 1, max = 400) int n) {
    OpSet set = new OpSet(n);
    BitSet reference = new BitSet(n);
    OpSet fresh;
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
        assertThat(set.words[w]).isEqualTo(w < expected.length ? expected[w] : 0L);
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
      fresh = new OpSet(n);
      for (int m = reference.nextSetBit(0); m >= 0; m = reference.nextSetBit(m + 1)) {
        fresh.add(m);
      }
      assertThat(set.hash).isEqualTo(fresh.hash);
    }
  }
}
