package labs.race;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.Supplier;

/**
 * A map keyed by object identity that does not keep its keys alive: the detector's shadow of
 * every object it has seen, and its clocks of locks and channels. Entries of collected objects go
 * away. Not thread-safe (the detector serializes its calls). Never iterated, so the order of
 * identity hash codes never shows in a report.
 */
final class IdentityWeakMap<V> {
  private static final class Entry<V> extends WeakReference<Object> {
    final int hash;
    final V value;
    Entry<V> next;

    Entry(Object key, int hash, V value, Entry<V> next, ReferenceQueue<Object> queue) {
      super(key, queue);
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private Entry<V>[] table = newTable(64);
  private int size;

  @SuppressWarnings("unchecked")
  private static <V> Entry<V>[] newTable(int n) {
    return (Entry<V>[]) new Entry<?>[n];
  }

  V get(Object key) {
    int h = System.identityHashCode(key);
    Entry<V>[] t = table;
    for (Entry<V> e = t[h & (t.length - 1)]; e != null; e = e.next) {
      if (e.get() == key) {
        return e.value;
      }
    }
    return null;
  }

  V computeIfAbsent(Object key, Supplier<V> make) {
    V v = get(key);
    if (v != null) {
      return v;
    }
    expunge();
    v = make.get();
    int h = System.identityHashCode(key);
    if (size >= table.length * 3 / 4) {
      resize();
    }
    int i = h & (table.length - 1);
    table[i] = new Entry<>(key, h, v, table[i], queue);
    size++;
    return v;
  }

  private void resize() {
    Entry<V>[] old = table;
    Entry<V>[] t = newTable(old.length * 2);
    for (Entry<V> head : old) {
      for (Entry<V> e = head; e != null; ) {
        Entry<V> next = e.next;
        int i = e.hash & (t.length - 1);
        e.next = t[i];
        t[i] = e;
        e = next;
      }
    }
    table = t;
  }

  private void expunge() {
    Object gone;
    while ((gone = queue.poll()) != null) {
      Entry<?> dead = (Entry<?>) gone;
      int i = dead.hash & (table.length - 1);
      Entry<V> prev = null;
      for (Entry<V> e = table[i]; e != null; prev = e, e = e.next) {
        if (e == dead) {
          if (prev == null) {
            table[i] = e.next;
          } else {
            prev.next = e.next;
          }
          size--;
          break;
        }
      }
    }
  }
}
