package dev.seqlock.benchmarks.designs;

import java.util.concurrent.locks.StampedLock;

/**
 * {@link StampedLock}'s optimistic read of the words in place, falling back to its read lock when the
 * stamp does not validate: the "Point" pattern of its javadoc. A fallback counts as a retry. Like
 * {@link OptimisticSeqLockValue}, it reads 16- and 48-byte values as fields at constant indices.
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
    long sum = fields();
    if (!lock.validate(stamp)) {
      side.retries++;
      stamp = lock.readLock();
      try {
        sum = fields();
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return sum;
  }

  /** The words as named fields at constant indices for 16 and 48 bytes, in a loop beyond. */
  private long fields() {
    long[] d = data;
    return switch (words) {
      case 2 -> d[0] + d[1];
      case 6 -> d[0] + d[1] + d[2] + d[3] + d[4] + d[5];
      default -> sum(d);
    };
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
