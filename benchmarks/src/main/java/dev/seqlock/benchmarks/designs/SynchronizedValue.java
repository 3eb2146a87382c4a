package dev.seqlock.benchmarks.designs;

/** A {@code synchronized} block on the value's array: readers and the writer take the same monitor. */
final class SynchronizedValue extends SharedValue {
  private final long[] data;

  SynchronizedValue(int words) {
    super(words);
    this.data = new long[words];
  }

  @Override
  public long read(ThreadSide side) {
    synchronized (data) {
      return sum(data);
    }
  }

  @Override
  public void write(ThreadSide side, long n) {
    synchronized (data) {
      fill(data, n);
    }
  }
}
