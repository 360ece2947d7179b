package labs.runtime;

import java.util.PriorityQueue;

/** The simulation's timers, ordered by (deadline, creation order) so that ties are deterministic. */
final class TimerQueue {
  static final class Timer implements Comparable<Timer> {
    final long deadline;
    final long seq;
    final Runnable action;
    boolean cancelled;

    Timer(long deadline, long seq, Runnable action) {
      this.deadline = deadline;
      this.seq = seq;
      this.action = action;
    }

    void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Timer> heap = new PriorityQueue<>();
  private long seq;

  Timer add(long deadline, Runnable action) {
    Timer t = new Timer(deadline, seq++, action);
    heap.add(t);
    return t;
  }

  /** The earliest live timer, or null. */
  Timer peek() {
    Timer t;
    while ((t = heap.peek()) != null && t.cancelled) {
      heap.poll();
    }
    return t;
  }

  Timer poll() {
    Timer t = peek();
    if (t != null) {
      heap.poll();
    }
    return t;
  }

  int size() {
    return heap.size();
  }
}
