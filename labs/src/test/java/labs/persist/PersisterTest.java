package labs.persist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersisterTest {
  @Test
  void savesBothTogetherAndHandsOutCopies() {
    Persister p = new Persister();
    assertThat(p.readRaftState()).isEmpty();
    byte[] state = {1, 2, 3};
    p.save(state, new byte[] {9});
    state[0] = 42;
    assertThat(p.readRaftState()).containsExactly(1, 2, 3);
    p.readSnapshot()[0] = 7;
    assertThat(p.readSnapshot()).containsExactly(9);
    assertThat(p.raftStateSize()).isEqualTo(3);
    assertThat(p.snapshotSize()).isEqualTo(1);
    p.save(new byte[] {4}, null);
    assertThat(p.snapshotSize()).isZero();
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    Persister p = new Persister();
    p.save(new byte[] {1}, new byte[] {2});
    Persister c = p.copy();
    p.save(new byte[] {5, 5}, new byte[] {6});
    assertThat(c.readRaftState()).containsExactly(1);
    assertThat(c.readSnapshot()).containsExactly(2);
  }
}
