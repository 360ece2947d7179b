package labs.checker.internal;

import java.util.List;

/**
 * Why a key of a versioned history has no linearization, told from where {@link
 * VersionedKvPath}'s computation found no instant left: which operations bound the creation of
 * the version that could not be placed.
 */
final class VersionedStories {
  private final VersionedOps ops;

  VersionedStories(VersionedOps ops) {
    this.ops = ops;
  }

  /** Version {@code v} is needed but no put could have created it. */
  void noCreator(long v) {
    VersionedOps.Version at = ops.version(v);
    int witness = at.readValueOp >= 0 ? at.readValueOp
        : !at.installs.isEmpty() ? at.installs.getFirst() : needing(v);
    String need = witness >= 0 ? describe(witness) + " needs version " + v
        : "version " + v + " is needed";
    ops.refute(witness, need + ", but no put with version " + (v - 1) + " could have created it"
        + (at.candidates.isEmpty() ? " (none succeeded, none might have)."
            : " (the ones that might have wrote another value)."));
  }

  /** Some operation that needs version {@code v} to exist (it read or created a later one). */
  private int needing(long v) {
    for (int i = 0; i < ops.local.size(); i++) {
      if ((ops.role[i] == VersionedOps.Role.READ || ops.role[i] == VersionedOps.Role.INSTALL)
          && ops.ver[i] > v) {
        return i;
      }
    }
    return -1;
  }

  /**
   * No instant is left for creating version {@code v + 1}: {@code here} is where version {@code
   * v} may have been created, {@code allowed} where {@code v + 1} may be by its puts and gets.
   */
  void noInstant(long v, long[] here, long[][] avoiders, long[] allowed, long lo, long hi,
      List<Integer> eligible) {
    long w = v + 1;
    int late = ops.local.calledLast(ops.version(v).reads);
    int early = ops.local.returnedFirst(ops.version(w).reads);
    int put = eligible.getFirst();
    if (lo > hi) {
      ops.refute(late, describe(late) + " still saw version " + v + " although " + describe(early)
          + " had already seen version " + w + " and returned: versions never go back.");
    } else if (Intervals.isEmpty(allowed)) {
      long lastReturn = Long.MIN_VALUE;
      for (int p : eligible) {
        lastReturn = Math.max(lastReturn, ops.local.ret()[p]);
      }
      if (late >= 0 && lastReturn < lo) {
        ops.refute(late, describe(late) + " still saw version " + v + ", after every put that "
            + "could have created version " + w + " had returned (for example " + describe(put)
            + ").");
      } else if (early >= 0) {
        ops.refute(early, describe(early) + " saw version " + w + " before any put that could "
            + "create it was called (for example " + describe(put) + ").");
      } else {
        ops.refute(put, "no put that could have created version " + w + " ran at an instant "
            + "the gets of versions " + v + " and " + w + " allow (for example " + describe(put)
            + ").");
      }
    } else if (Intervals.min(here) > Intervals.max(allowed)) {
      ops.refute(put, "version " + v + " cannot have been created before " + Intervals.min(here)
          + ", yet version " + w + " had to be created by " + Intervals.max(allowed) + " (by "
          + describe(put) + ").");
    } else {
      for (long[] a : avoiders) {
        if (a[0] > Intervals.max(here) && a[1] < Intervals.min(allowed)) {
          int op = (int) a[2];
          ops.refute(op, describe(op) + " needed the key's version to differ from " + v
              + " at some instant of its run, but version " + v + " was current all that time: "
              + "it was created at " + Intervals.max(here) + " at the latest, before that put "
              + "was called, and version " + w + " cannot have been created before "
              + Intervals.min(allowed) + ", after it returned.");
          return;
        }
      }
      int op = avoiders.length > 0 ? (int) avoiders[0][2] : put;
      ops.refute(op, "no instant for creating version " + w + " fits every constraint: the puts "
          + "with version " + v + " that failed (such as " + describe(op) + ") each need version "
          + v + " gone before they return or not there yet when they are called, and the gets "
          + "of versions " + v + " and " + w + " bound it too.");
    }
  }

  /** Version {@code v} is the last one possible, but a put that failed on it ran inside it. */
  void stuck(long v, long[] here, long[][] avoiders) {
    long[] latest = avoiders[0];
    for (long[] a : avoiders) {
      latest = a[0] > latest[0] ? a : latest;
    }
    int op = (int) latest[2];
    ops.refute(op, describe(op) + " needed the key's version to differ from " + v + ", but "
        + "version " + v + " was created at " + Intervals.max(here) + " at the latest, before "
        + "that put was called, and no put could have replaced it afterwards.");
  }

  private String describe(int op) {
    return ops.describe(op);
  }
}
