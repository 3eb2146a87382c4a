package dev.seqlock.benchmarks.designs;

import java.util.concurrent.locks.StampedLock;

/**
 * {@link StampedLock}'s optimistic read of the words in place, falling back to its read lock when the
 * stamp does not validate: the "Point" pattern of its javadoc. A fallback counts as a retry.
 */
final class StampedLockValue extends SharedValue {
  private final StampedLock lock = new StampedLock();
  private final long[] data;

  StampedLockValue(int words) {
    super(words);
    this.data = new long[words];
  }

  @Override
  public long read(ThreadSide side) {
    long stamp = lock.tryOptimisticRead();
    long sum = sum(data);
    if (!lock.validate(stamp)) {
      side.retries++;
      stamp = lock.readLock();
      try {
        sum = sum(data);
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return sum;
  }

  @Override
  public void write(ThreadSide side, long n) {
    long stamp = lock.writeLock();
    try {
      fill(data, n);
    } finally {
      lock.unlockWrite(stamp);
    }
  }
}
