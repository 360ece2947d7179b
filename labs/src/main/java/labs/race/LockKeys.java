package labs.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The object a lock's clock is kept on. A read-write lock's read and write locks are two objects
 * that share one synchronizer; an unlock of the write lock orders the next lock of the read lock,
 * so both map to that synchronizer (read through the JDK's internals, opened by the build's
 * {@code --add-opens java.base/java.util.concurrent.locks}). Without the flag both map to one
 * shared key: more order than the program has (a race between readers can be missed), never less.
 */
final class LockKeys {
  private static final Object ALL_READ_WRITE_LOCKS = new Object();
  private static final VarHandle READ_SYNC = find(ReentrantReadWriteLock.ReadLock.class);
  private static final VarHandle WRITE_SYNC = find(ReentrantReadWriteLock.WriteLock.class);

  private LockKeys() {}

  private static VarHandle find(Class<?> c) {
    try {
      Class<?> sync = Class.forName("java.util.concurrent.locks.ReentrantReadWriteLock$Sync");
      return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findVarHandle(c, "sync", sync);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  static Object of(Object lock) {
    if (lock instanceof ReentrantReadWriteLock.ReadLock) {
      return READ_SYNC == null ? ALL_READ_WRITE_LOCKS : READ_SYNC.get(lock);
    }
    if (lock instanceof ReentrantReadWriteLock.WriteLock) {
      return WRITE_SYNC == null ? ALL_READ_WRITE_LOCKS : WRITE_SYNC.get(lock);
    }
    return lock;
  }
}
