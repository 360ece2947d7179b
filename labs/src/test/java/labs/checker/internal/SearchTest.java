package labs.checker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import labs.checker.Model;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The search stays exact when the memo collides or is full, and can be resumed in slices. */
class SearchTest {

  /** A counter that only grows; reads must see the count; all states hash alike. */
  private static final Model<Object, Object, Object> COUNTER = new Model<>() {
    @Override
    public Object init() {
      return 0;
    }

    @Override
    public Object step(Object state, Object input, Object output) {
      int s = (Integer) state;
      if (input.equals("inc")) {
        return s + 1;
      }
      return output == null || output.equals(s) ? state : null;
    }

    @Override
    public boolean equal(Object a, Object b) {
      return Objects.equals(a, b);
    }

    @Override
    public int hash(Object state) {
      return 42; // every configuration with the same set collides
    }
  };

  /** n concurrent increments, then a read of {@code seen}. */
  private static Search search(int n, int seen) {
    Object[] inputs = new Object[n + 1];
    Object[] outputs = new Object[n + 1];
    long[] call = new long[n + 1];
    long[] ret = new long[n + 1];
    for (int i = 0; i < n; i++) {
      inputs[i] = "inc";
      call[i] = 0;
      ret[i] = 10;
    }
    inputs[n] = "read";
    outputs[n] = seen;
    call[n] = 20;
    ret[n] = 30;
    return new Search(COUNTER, inputs, outputs, call, ret);
  }

  @Test
  @DisplayName("colliding hashes, a full memo and tiny slices do not change the answer")
  void exactUnderCollisionsFullMemoAndSlices() {
    assertThat(search(9, 9).advance(Long.MAX_VALUE, () -> false)).isEqualTo(Search.Outcome.OK);
    assertThat(search(9, 8).advance(Long.MAX_VALUE, () -> false))
        .isEqualTo(Search.Outcome.ILLEGAL);
    Search noMemo = search(7, 6);
    noMemo.setCacheLimit(0, false);
    assertThat(noMemo.advance(Long.MAX_VALUE, () -> false)).isEqualTo(Search.Outcome.ILLEGAL);
    assertThat(noMemo.result().cacheFull()).isTrue();
    Search sliced = search(9, 9);
    int slices = 0;
    while (sliced.advance(1, () -> false) == Search.Outcome.PAUSED) {
      slices++;
    }
    assertThat(sliced.outcome()).isEqualTo(Search.Outcome.OK);
    assertThat(slices).isEqualTo(9); // one step per push, the last one completes
    assertThat(sliced.result().partials().orders().getFirst()).hasSize(10);
  }

  @Test
  @DisplayName("a stop condition ends the search as STOPPED with the prefix found so far")
  void stop() {
    Search s = search(12, 99);
    s.setCacheLimit(0, false); // exponential without the memo
    assertThat(s.advance(Long.MAX_VALUE, () -> true)).isEqualTo(Search.Outcome.STOPPED);
    assertThat(s.result().partials().orders()).isNotEmpty();
  }
}
