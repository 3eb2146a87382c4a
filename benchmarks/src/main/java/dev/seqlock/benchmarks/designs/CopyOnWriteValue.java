package dev.seqlock.benchmarks.designs;

/**
 * Copy-on-write: a volatile reference to an immutable snapshot, replaced by a new one on every write.
 * Readers are one volatile load; every write allocates the snapshot and its array.
 */
final class CopyOnWriteValue extends SharedValue {
  /** An immutable snapshot: its array is filled before publication and never written again. */
  private static final class Snapshot {
    final long[] words;

    Snapshot(long[] words) {
      this.words = words;
    }
  }

  /** Volatile: the write publishes a fully built snapshot, the read sees it whole. */
  private volatile Snapshot current;

  CopyOnWriteValue(int words) {
    super(words);
    this.current = new Snapshot(new long[words]);
  }

  @Override
  public long read(ThreadSide side) {
    return sum(current.words);
  }

  @Override
  public void write(ThreadSide side, long n) {
    long[] next = new long[words];
    fill(next, n);
    current = new Snapshot(next);
  }
}
