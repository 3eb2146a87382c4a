package dev.seqlock.benchmarks.designs;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodecs;

/**
 * {@link SeqLock#create} read through its optimistic field reads: the words summed in place under a
 * stamp, as StampedLock's "Point" pattern reads its fields; if the stamp does not validate (a retry),
 * a {@code readInto} into the holder, which waits and falls back as {@code create} does. Fields at
 * constant offsets up to 48 bytes, as every design (SharedValue's notes).
 */
final class OptimisticSeqLockValue extends SharedValue {
  private final SeqLock<long[]> lock;

  OptimisticSeqLockValue(int words) {
    super(words);
    this.lock = SeqLock.create(ByteCodecs.ofLongArray(words), new long[words]);
  }

  @Override
  public long read(ThreadSide side) {
    long stamp = lock.tryOptimisticRead();
    long sum = switch (words) { // named fields at constant offsets, as record readers write them
      case 2 -> lock.getLong(stamp, 0) + lock.getLong(stamp, 8);
      case 6 -> lock.getLong(stamp, 0) + lock.getLong(stamp, 8) + lock.getLong(stamp, 16)
          + lock.getLong(stamp, 24) + lock.getLong(stamp, 32) + lock.getLong(stamp, 40);
      default -> sumInLoop(stamp);
    };
    if (lock.validate(stamp)) {
      return sum;
    }
    side.retries++;
    lock.readInto(side.holder);
    return sum(side.holder.bytes(), words);
  }

  /** Larger values: every word in a loop (see SharedValue's notes on loops). */
  private long sumInLoop(long stamp) {
    long sum = 0;
    for (int i = 0; i < words; i++) {
      sum += lock.getLong(stamp, i * Long.BYTES);
    }
    return sum;
  }

  @Override
  public void write(ThreadSide side, long n) {
    lock.writeFrom(fill(side.holder, words, n));
  }
}
