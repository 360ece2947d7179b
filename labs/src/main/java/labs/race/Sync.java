package labs.race;

/**
 * A synchronization object's clock: what a release (an unlock, a Channel send, a volatile write)
 * publishes and the next acquire (a lock, a receive, a volatile read) learns.
 */
final class Sync {
  int[] vc = VectorClocks.EMPTY;
  /** The name a lock is shown with ("lock", "this"); the first one seen. */
  String name;
}
