package labs.checker.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Tells the memo to stop growing when the heap is mostly live data: states can be large (long
 * strings), and their size is unknown to the checker.
 */
final class HeapGuard {
  private static final List<MemoryPoolMXBean> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
          .toList();

  private HeapGuard() {}

  /** Whether more than 70% of the heap is in use and more than 60% survived the last GC. */
  static boolean nearlyFull() {
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    long used = rt.totalMemory() - rt.freeMemory();
    if (used < max / 10 * 7) {
      return false;
    }
    long live = 0;
    for (MemoryPoolMXBean pool : HEAP_POOLS) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      live += afterGc == null ? 0 : afterGc.getUsed();
    }
    return live > max / 10 * 6 || used > max / 100 * 95;
  }
}
