package labs.checker.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labs.checker.Model;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Reply;

/**
 * One key of a {@link VersionedKvModel} history sorted by what each operation says about the
 * versions: which version a get saw, which version a put creates or may create, which version a
 * failed put must not have run entirely inside. See {@link VersionedKvPath}.
 */
final class VersionedOps {
  enum Role {
    /** Left out: never returned, and need not take effect. */
    DROP,
    /** Legal at any instant (a get with no answer, a put with a negative version that failed). */
    FREE,
    /** Ran while version {@code ver} was current (a get's answer; ErrNoKey: version 0). */
    READ,
    /** Created version {@code ver} (a put with version {@code ver - 1} answered OK). */
    INSTALL,
    /** May have created version {@code ver} (a put with version {@code ver - 1} answered
     * ErrMaybe or nothing); if it did not, it must not have run entirely inside {@code ver - 1}. */
    CANDIDATE,
    /** Must not have run entirely inside version {@code ver} (answered ErrVersion). */
    AVOID
  }

  /** What the operations say about one version. */
  static final class Version {
    final List<Integer> reads = new ArrayList<>();
    final List<Integer> installs = new ArrayList<>();
    final List<Integer> candidates = new ArrayList<>();
    /** Completed puts with this version that must not run entirely while it is current. */
    final List<Integer> avoiders = new ArrayList<>();
    String readValue;
    int readValueOp = -1;
  }

  final Model<Object, Object, Object> model;
  final Local local;
  final Role[] role;
  final long[] ver;
  private final Map<Long, Version> versions = new HashMap<>();
  /** Why the path does not apply, or null. */
  String notApplicable;
  /** Why the key is not linearizable, found while sorting; and the operation blamed. */
  String story;
  int blamed = -1;
  long steps;

  VersionedOps(Model<Object, Object, Object> model, Local local) {
    this.model = model;
    this.local = local;
    role = new Role[local.size()];
    ver = new long[local.size()];
    notApplicable = classify();
    if (notApplicable == null && story == null) {
      checkValues();
    }
  }

  private String classify() {
    for (int i = 0; i < local.size(); i++) {
      steps++;
      if (local.call()[i] == Long.MIN_VALUE) {
        return "operation " + i + " is called at Long.MIN_VALUE";
      }
      Reply out = (Reply) local.outputs()[i];
      switch ((VersionedKvModel.Input) local.inputs()[i]) {
        case VersionedKvModel.Get g -> classifyGet(i, out);
        case VersionedKvModel.Put p -> {
          if (p.version() == Long.MAX_VALUE) {
            return describe(i) + " puts version Long.MAX_VALUE";
          }
          classifyPut(i, p.version(), out == null ? Err.MAYBE : out.err());
        }
      }
    }
    return null;
  }

  private void classifyGet(int i, Reply out) {
    if (out == null) {
      role[i] = local.complete(i) ? Role.FREE : Role.DROP;
    } else if (out.err() == Err.NO_KEY) {
      read(i, 0);
    } else if (out.err() == Err.OK && out.version() > 0) {
      read(i, out.version());
      Version at = version(out.version());
      if (at.readValue == null) {
        at.readValue = out.value();
        at.readValueOp = i;
      } else if (!at.readValue.equals(out.value())) {
        refute(i, describe(at.readValueOp) + " and " + describe(i) + " both saw version "
            + out.version() + ", with different values: a version has one value.");
      }
    } else {
      refute(i, describe(i) + " is not a possible answer: a get answers with a value and a "
          + "version of 1 or more, or ErrNoKey.");
    }
  }

  private void classifyPut(int i, long n, Err err) {
    boolean complete = local.complete(i);
    switch (err) {
      case OK -> {
        if (n < 0) {
          refute(i, describe(i) + " succeeded with a negative version; versions start at 0.");
        }
        role[i] = Role.INSTALL;
        ver[i] = n + 1;
        version(n + 1).installs.add(i);
      }
      case VERSION -> {
        role[i] = n < 0 ? Role.FREE : Role.AVOID;
        ver[i] = n;
        if (n >= 0 && complete) {
          version(n).avoiders.add(i);
        }
      }
      case NO_KEY -> {
        if (n > 0) {
          read(i, 0);
        } else {
          refute(i, describe(i) + " cannot answer ErrNoKey: that answer is for a put with a "
              + "version above 0 on a key that does not exist.");
        }
      }
      case MAYBE -> {
        if (n < 0) {
          role[i] = complete ? Role.FREE : Role.DROP;
        } else {
          role[i] = Role.CANDIDATE;
          ver[i] = n + 1;
          version(n + 1).candidates.add(i);
          if (complete) {
            version(n).avoiders.add(i);
          }
        }
      }
    }
  }

  private void read(int i, long v) {
    role[i] = Role.READ;
    ver[i] = v;
    version(v).reads.add(i);
  }

  Version version(long v) {
    return versions.computeIfAbsent(v, k -> new Version());
  }

  private void checkValues() {
    for (Map.Entry<Long, Version> e : versions.entrySet()) {
      steps++;
      Version at = e.getValue();
      if (at.installs.size() > 1) {
        refute(at.installs.get(1), describe(at.installs.get(0)) + " and "
            + describe(at.installs.get(1)) + " both succeeded with version " + (e.getKey() - 1)
            + ", but only one put can replace a version.");
        return;
      }
      if (!at.installs.isEmpty() && at.readValue != null
          && !valueOf(at.installs.getFirst()).equals(at.readValue)) {
        refute(at.readValueOp, describe(at.readValueOp) + " saw version " + e.getKey()
            + " with another value than the one " + describe(at.installs.getFirst())
            + " created it with.");
        return;
      }
    }
  }

  private String valueOf(int put) {
    return ((VersionedKvModel.Put) local.inputs()[put]).value();
  }

  void refute(int op, String why) {
    if (story == null) {
      story = why;
      blamed = op;
    }
  }

  /** The highest version read or created by an OK put: every version up to it must exist. */
  long top() {
    long top = 0;
    for (int i = 0; i < local.size(); i++) {
      if (role[i] == Role.READ || role[i] == Role.INSTALL) {
        top = Math.max(top, ver[i]);
      }
    }
    return top;
  }

  /** The puts that may create version {@code v}: the OK one, else the ErrMaybe ones whose value
   * is the one read at {@code v}. */
  List<Integer> eligible(long v) {
    Version at = versions.get(v);
    if (at == null) {
      return List.of();
    }
    if (!at.installs.isEmpty()) {
      return at.installs;
    }
    List<Integer> out = new ArrayList<>();
    for (int put : at.candidates) {
      if (at.readValue == null || valueOf(put).equals(at.readValue)) {
        out.add(put);
      }
    }
    return out;
  }

  /** (call, ret, op) of the completed puts that must not run entirely inside version v, by ret. */
  long[][] avoiders(long v) {
    Version at = versions.get(v);
    if (at == null) {
      return new long[0][];
    }
    long[][] out = new long[at.avoiders.size()][];
    for (int k = 0; k < out.length; k++) {
      int op = at.avoiders.get(k);
      out[k] = new long[] {local.call()[op], local.ret()[op], op};
    }
    Arrays.sort(out, Comparator.comparingLong(a -> a[1]));
    steps += out.length;
    return out;
  }

  String describe(int op) {
    return local.describe(model, op);
  }
}
