package labs.race;

import java.util.Arrays;

/**
 * The locks a thread holds at one moment (locks, monitors), each with its display name and how
 * many times it is held. Immutable: an access keeps the set it was made under.
 */
final class Held {
  static final Held NONE = new Held(new Object[0], new String[0], new int[0]);

  private final Object[] keys;
  private final String[] names;
  private final int[] counts;

  private Held(Object[] keys, String[] names, int[] counts) {
    this.keys = keys;
    this.names = names;
    this.counts = counts;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  Held plus(Object key, String name) {
    int i = indexOf(key);
    if (i >= 0) {
      int[] c = counts.clone();
      c[i]++;
      return new Held(keys, names, c);
    }
    int n = keys.length;
    Object[] k = Arrays.copyOf(keys, n + 1);
    String[] m = Arrays.copyOf(names, n + 1);
    int[] c = Arrays.copyOf(counts, n + 1);
    k[n] = key;
    m[n] = name;
    c[n] = 1;
    return new Held(k, m, c);
  }

  Held minus(Object key) {
    int i = indexOf(key);
    if (i < 0) {
      return this;
    }
    if (counts[i] > 1) {
      int[] c = counts.clone();
      c[i]--;
      return new Held(keys, names, c);
    }
    int n = keys.length;
    Object[] k = new Object[n - 1];
    String[] m = new String[n - 1];
    int[] c = new int[n - 1];
    for (int j = 0, o = 0; j < n; j++) {
      if (j != i) {
        k[o] = keys[j];
        m[o] = names[j];
        c[o++] = counts[j];
      }
    }
    return new Held(k, m, c);
  }

  boolean isEmpty() {
    return keys.length == 0;
  }

  /** The only lock held, or null if none or several. */
  Object single() {
    return keys.length == 1 ? keys[0] : null;
  }

  boolean sharesALockWith(Held other) {
    for (Object k : keys) {
      if (other.indexOf(k) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** "`lock`", "`lock` and `mu`", or "no lock". */
  String describe() {
    if (keys.length == 0) {
      return "no lock";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append(i == 0 ? "" : i == names.length - 1 ? " and " : ", ").append('`').append(names[i]).append('`');
    }
    return sb.toString();
  }
}
