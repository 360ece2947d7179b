package labs.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class CodecTest {
  sealed interface Command permits Put, Get {}

  record Put(String key, String value) implements Command {}

  record Get(String key) implements Command {}

  record Entry(int term, Object command) {}

  record State(int currentTerm, int votedFor, List<Entry> log, Map<String, Integer> seen, byte[] snapshot,
      Command last, long[] numbers) {}

  static final class Plain {
    int x;
    String name;
    List<Object> things = new ArrayList<>();
  }

  @Test
  void objectAndInterfaceTypedValuesKeepTheirConcreteClass() {
    State s = new State(3, -1,
        List.of(new Entry(1, 100), new Entry(1, 100L), new Entry(2, "x"), new Entry(3, new Put("k", "v")),
            new Entry(3, List.of(1, "two")), new Entry(3, null)),
        new TreeMap<>(Map.of("a", 1)), new byte[] {1, 2, 3}, new Get("k"), new long[] {5, 6});
    State copy = Codec.decode(Codec.encode(s), State.class);
    assertThat(copy.log()).containsExactlyElementsOf(s.log());
    assertThat(copy.log().get(0).command()).isInstanceOf(Integer.class);
    assertThat(copy.log().get(1).command()).isInstanceOf(Long.class);
    assertThat(copy.log().get(3).command()).isEqualTo(new Put("k", "v"));
    assertThat(copy.seen()).isEqualTo(Map.of("a", 1));
    assertThat(copy.snapshot()).containsExactly(1, 2, 3);
    assertThat(copy.last()).isEqualTo(new Get("k"));
    assertThat(copy.numbers()).containsExactly(5, 6);
    assertThat(copy.currentTerm()).isEqualTo(3);
  }

  @Test
  void commonJdkValuesCarryShortTypeTags() {
    String json = new String(Codec.encode(new Entry(1, 100)), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).contains("\"@type\":\"int\"").doesNotContain("java.lang");
  }

  @Test
  void plainClassesWithANoArgumentConstructorTravelToo() {
    Plain p = new Plain();
    p.x = 7;
    p.name = "n";
    p.things.add(1.5);
    Plain copy = Codec.copy(p);
    assertThat(copy).isNotSameAs(p);
    assertThat(copy.x).isEqualTo(7);
    assertThat(copy.name).isEqualTo("n");
    assertThat(copy.things).containsExactly(1.5);
  }

  record WithLock(ReentrantLock lock) {}

  record WithOptional(Optional<String> value) {}

  record WithInstant(Instant at) {}

  record Holder(Object value) {}

  @Test
  void refusalsNameTheClassTheFieldAndTheFix() {
    assertThatThrownBy(() -> Codec.encode(new WithLock(new ReentrantLock())))
        .isInstanceOf(PayloadException.class).hasMessageContaining("WithLock.lock").hasMessageContaining("locks");
    assertThatThrownBy(() -> Codec.encode(new WithOptional(Optional.of("x"))))
        .isInstanceOf(PayloadException.class).hasMessageContaining("WithOptional.value")
        .hasMessageContaining("Optional");
    assertThatThrownBy(() -> Codec.encode(new WithInstant(Instant.EPOCH)))
        .isInstanceOf(PayloadException.class).hasMessageContaining("WithInstant.at");
    assertThatThrownBy(() -> Codec.encode(new Holder(new Object() {})))
        .isInstanceOf(PayloadException.class).hasMessageContaining("Holder.value").hasMessageContaining("anonymous");
    assertThatThrownBy(() -> Codec.decode("not json{".getBytes(), Holder.class))
        .isInstanceOf(PayloadException.class).hasMessageContaining("Codec.encode");
  }

  @Test
  void decodingMakesFreshObjects() {
    List<Integer> inner = new ArrayList<>(List.of(1, 2));
    Holder h = new Holder(inner);
    Holder copy = Codec.copy(h);
    inner.add(3);
    assertThat(copy.value()).isEqualTo(List.of(1, 2));
  }
  enum Role { FOLLOWER, LEADER }

  record Leaves(boolean b, byte by, short sh, char ch, int i, long l, float f, double d, Role role, String text,
      int[] ints, Map<Integer, List<String>> nested, java.util.Set<Role> roles) {}

  static class Base {
    int shadowed = 1;
  }

  /** A field that hides its superclass's field of the same name: one value is written for both, the superclass's. */
  static final class Hiding extends Base {
    long shadowed = 2;
  }

  @Test
  void everyLeafTypeComesBackAsWritten() {
    // The decoder reads tokens, not a tree: each leaf type must come back exactly, the extremes
    // of each range, escaped characters and sub-normal doubles included.
    Leaves v = new Leaves(true, (byte) -7, (short) 30000, 'é', Integer.MIN_VALUE, Long.MAX_VALUE, 0.1f,
        Double.MIN_VALUE, Role.LEADER, "quotes \" and \\ and <html> & \u2028", new int[] {3, -1},
        new TreeMap<>(Map.of(2, List.of("a", "b"), 1, List.of())), java.util.EnumSet.of(Role.FOLLOWER));
    Leaves copy = Codec.copy(v);
    assertThat(copy).usingRecursiveComparison().ignoringFields("nested").isEqualTo(v);
    assertThat(copy.f()).isEqualTo(0.1f);
    assertThat(copy.d()).isEqualTo(Double.MIN_VALUE);
    // A map declared as Map travels as a Map: it comes back in the same order, as a LinkedHashMap.
    assertThat(copy.nested()).containsExactlyEntriesOf(v.nested());
  }

  @Test
  void aHiddenFieldAndTheFieldItHidesBothComeBack() {
    Hiding h = new Hiding();
    h.shadowed = 5;
    ((Base) h).shadowed = 9;
    Hiding copy = Codec.copy(h);
    assertThat(copy.shadowed).isEqualTo(9);
    assertThat(((Base) copy).shadowed).isEqualTo(9);
  }

  @Test
  void bytesThatAreNotOneEncodedValueAreRefused() {
    byte[] good = Codec.encode(new Get("k"));
    byte[] twice = (new String(good, java.nio.charset.StandardCharsets.UTF_8) + "{}").getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Codec.decode(twice, Get.class)).isInstanceOf(PayloadException.class)
        .hasMessageContaining("not an encoded value");
    assertThatThrownBy(() -> Codec.decode("{\"key\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8), Get.class))
        .isInstanceOf(PayloadException.class).hasMessageContaining("not an encoded value");
    assertThatThrownBy(() -> Codec.decode("[1]".getBytes(java.nio.charset.StandardCharsets.UTF_8), Get.class))
        .isInstanceOf(PayloadException.class).hasMessageContaining("cannot decode Get as");
  }
}
