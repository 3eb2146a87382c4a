package dev.seqlock.benchmarks.designs;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/** {@link ReentrantReadWriteLock} (non-fair): readers sum the words under the read lock. */
final class ReadWriteLockValue extends SharedValue {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final long[] data;

  ReadWriteLockValue(int words) {
    super(words);
    this.data = new long[words];
  }

  @Override
  public long read(ThreadSide side) {
    lock.readLock().lock();
    try {
      return sum(data);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void write(ThreadSide side, long n) {
    lock.writeLock().lock();
    try {
      fill(data, n);
    } finally {
      lock.writeLock().unlock();
    }
  }
}
