package dev.seqlock.benchmarks.designs;

import java.util.concurrent.locks.ReentrantLock;

/** {@link ReentrantLock} (non-fair): readers and the writer take the same lock. */
final class ReentrantLockValue extends SharedValue {
  private final ReentrantLock lock = new ReentrantLock();
  private final long[] data;

  ReentrantLockValue(int words) {
    super(words);
    this.data = new long[words];
  }

  @Override
  public long read(ThreadSide side) {
    lock.lock();
    try {
      return sum(data);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void write(ThreadSide side, long n) {
    lock.lock();
    try {
      fill(data, n);
    } finally {
      lock.unlock();
    }
  }
}
