package labs.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Reply;

/** Sequential specs for {@link Plans}: what a register or key/value store answers, op by op. */
final class Specs {
  private Specs() {}

  /**
   * A register whose writes and swaps write fresh values (1, 2, 3, ... so every written value is
   * unique). Shares of reads and swaps; a swap either succeeds (expects the current value), fails
   * on a value never written (negative), or, with {@code failOnWritten}, fails on an old value.
   */
  static final class Register implements Plans.Spec<RegisterModel.Input, RegisterModel.Output> {
    private final double reads;
    private final double swaps;
    private final boolean failOnWritten;
    private final boolean unique;
    private OptionalInt value = OptionalInt.empty();
    private int fresh = 1;
    private final List<Integer> written = new ArrayList<>();

    Register(double reads, double swaps, boolean failOnWritten, boolean unique) {
      this.reads = reads;
      this.swaps = swaps;
      this.failOnWritten = failOnWritten;
      this.unique = unique;
    }

    private int newValue(Random random) {
      return unique ? fresh++ : random.nextInt(3);
    }

    @Override
    public Plans.Step<RegisterModel.Input, RegisterModel.Output> apply(Random random, int client) {
      double r = random.nextDouble();
      if (r < reads) {
        return new Plans.Step<>(new RegisterModel.Read(), new RegisterModel.ReadResult(value));
      }
      if (r < reads + swaps) {
        int kind = random.nextInt(3);
        int update = newValue(random);
        if (kind == 0 && value.isPresent()) {
          RegisterModel.Cas cas = new RegisterModel.Cas(value.getAsInt(), update);
          value = OptionalInt.of(update);
          written.add(update);
          return new Plans.Step<>(cas, new RegisterModel.CasResult(true));
        }
        int expected = kind == 1 && failOnWritten && !written.isEmpty()
            ? written.get(random.nextInt(written.size())) : -1 - random.nextInt(1000);
        boolean swapped = value.isPresent() && value.getAsInt() == expected;
        if (swapped) {
          value = OptionalInt.of(update);
          written.add(update);
        }
        return new Plans.Step<>(new RegisterModel.Cas(expected, update),
            new RegisterModel.CasResult(swapped));
      }
      int v = newValue(random);
      value = OptionalInt.of(v);
      written.add(v);
      return new Plans.Step<>(new RegisterModel.Write(v), new RegisterModel.WriteResult());
    }

    @Override
    public RegisterModel.Input never(Random random, int client) {
      return random.nextBoolean() ? new RegisterModel.Write(newValue(random))
          : new RegisterModel.Cas(value.isPresent() ? value.getAsInt() : 0, newValue(random));
    }
  }

  /** A key/value store over {@code keys} keys with gets and puts of fresh values (no appends). */
  static final class Kv implements Plans.Spec<KvModel.Input, String> {
    private final int keys;
    private final double reads;
    private final boolean unique;
    private final Map<String, String> store = new HashMap<>();
    private int fresh = 1;

    Kv(int keys, double reads, boolean unique) {
      this.keys = keys;
      this.reads = reads;
      this.unique = unique;
    }

    @Override
    public Plans.Step<KvModel.Input, String> apply(Random random, int client) {
      String key = "k" + random.nextInt(keys);
      if (random.nextDouble() < reads) {
        return new Plans.Step<>(new KvModel.Get(key), store.getOrDefault(key, ""));
      }
      String value = unique ? "v" + fresh++ : random.nextBoolean() ? "x" : "y";
      store.put(key, value);
      return new Plans.Step<>(new KvModel.Put(key, value), null);
    }

    @Override
    public KvModel.Input never(Random random, int client) {
      return new KvModel.Put("k" + random.nextInt(keys), unique ? "v" + fresh++ : "x");
    }
  }

  /**
   * A versioned key/value store used like the labs' clerks: a client gets a key, then puts a new
   * value with the version it saw (so puts race and fail with ErrVersion); a share of replies
   * becomes ErrMaybe, as a retried put's would. Values are fresh unless {@code fewValues}.
   */
  static final class Versioned implements Plans.Spec<VersionedKvModel.Input, Reply> {
    private record Seen(String key, long version) {}

    private final int keys;
    private final double maybe;
    private final boolean fewValues;
    private final Map<String, VersionedKvModel.Versioned> store = new HashMap<>();
    private final Map<Integer, Seen> seen = new HashMap<>();
    private int fresh = 1;

    Versioned(int keys, double maybe, boolean fewValues) {
      this.keys = keys;
      this.maybe = maybe;
      this.fewValues = fewValues;
    }

    private VersionedKvModel.Versioned at(String key) {
      return store.getOrDefault(key, new VersionedKvModel.Versioned("", 0));
    }

    @Override
    public Plans.Step<VersionedKvModel.Input, Reply> apply(Random random, int client) {
      Seen last = seen.remove(client);
      if (last == null && random.nextBoolean()) {
        // No get of its own before (or every operation has its own client): a put with about
        // the current version, as a clerk with a stale or a fresh view would send.
        String key = "k" + random.nextInt(keys);
        last = new Seen(key, Math.max(0, at(key).version() + random.nextInt(3) - 1));
      }
      if (last == null || random.nextInt(5) == 0) {
        String key = "k" + random.nextInt(keys);
        VersionedKvModel.Versioned now = at(key);
        seen.put(client, new Seen(key, now.version()));
        return new Plans.Step<>(new VersionedKvModel.Get(key), now.version() == 0
            ? new Reply("", 0, Err.NO_KEY) : new Reply(now.value(), now.version(), Err.OK));
      }
      long version = random.nextInt(8) == 0 ? Math.max(0, last.version() + random.nextInt(3) - 1)
          : last.version();
      String value = fewValues ? (random.nextBoolean() ? "x" : "y") : "v" + fresh++;
      VersionedKvModel.Versioned now = at(last.key());
      Err err;
      if (version == now.version()) {
        store.put(last.key(), new VersionedKvModel.Versioned(value, version + 1));
        err = Err.OK;
      } else {
        err = now.version() == 0 && version > 0 ? Err.NO_KEY : Err.VERSION;
      }
      if (err != Err.NO_KEY && random.nextDouble() < maybe) {
        err = Err.MAYBE;
      }
      return new Plans.Step<>(new VersionedKvModel.Put(last.key(), value, version), Reply.of(err));
    }

    @Override
    public VersionedKvModel.Input never(Random random, int client) {
      Seen last = seen.remove(client);
      String key = last != null ? last.key() : "k" + random.nextInt(keys);
      return new VersionedKvModel.Put(key, fewValues ? "x" : "v" + fresh++,
          last != null ? last.version() : random.nextInt(3));
    }
  }

  /**
   * A key/value store over {@code keys} keys with gets, puts and appends. With {@code unique},
   * every put and append writes a fresh token ("p7;", "a8;"), as the labs' clients do; without,
   * tokens come from a few short strings that repeat and run into each other ("x", "y", "xy"),
   * so a value can split in several ways.
   */
  static final class KvAppends implements Plans.Spec<KvModel.Input, String> {
    private static final String[] FEW = {"x", "y", "xy"};
    private final int keys;
    private final double reads;
    private final boolean unique;
    private final Map<String, String> store = new HashMap<>();
    private int fresh = 1;

    KvAppends(int keys, double reads, boolean unique) {
      this.keys = keys;
      this.reads = reads;
      this.unique = unique;
    }

    private String token(Random random, String kind) {
      return unique ? kind + fresh++ + ";" : FEW[random.nextInt(FEW.length)];
    }

    @Override
    public Plans.Step<KvModel.Input, String> apply(Random random, int client) {
      String key = "k" + random.nextInt(keys);
      String current = store.getOrDefault(key, "");
      double r = random.nextDouble();
      if (r < reads) {
        return new Plans.Step<>(new KvModel.Get(key), current);
      }
      KvModel.Input write = r < reads + (1 - reads) / 4 ? new KvModel.Put(key, token(random, "p"))
          : new KvModel.Append(key, token(random, "a"));
      store.put(key, KvModel.INSTANCE.step(current, write, null));
      return new Plans.Step<>(write, null);
    }

    @Override
    public KvModel.Input never(Random random, int client) {
      String key = "k" + random.nextInt(keys);
      return random.nextInt(4) == 0 ? new KvModel.Put(key, token(random, "p"))
          : new KvModel.Append(key, token(random, "a"));
    }

    /**
     * Another answer for a get that returned {@code out}: the value without its last token, with
     * two tokens swapped, with a token added (seen elsewhere or never written), or empty.
     */
    static String otherValue(Random random, String out) {
      List<String> tokens = new ArrayList<>(List.of(out.split("(?<=;)")));
      tokens.removeIf(String::isEmpty);
      switch (random.nextInt(5)) {
        case 0 -> {
          if (!tokens.isEmpty()) {
            tokens.removeLast();
          }
        }
        case 1 -> {
          if (tokens.size() >= 2) {
            int a = random.nextInt(tokens.size() - 1);
            java.util.Collections.swap(tokens, a, a + 1);
          }
        }
        case 2 -> tokens.add("a" + (1 + random.nextInt(12)) + ";");
        case 3 -> tokens.add(random.nextInt(tokens.size() + 1),
            "a" + (1 + random.nextInt(12)) + ";");
        default -> tokens.clear();
      }
      return String.join("", tokens);
    }
  }
}
