package dev.seqlock.benchmarks.designs;

import dev.seqlock.Backoff;
import dev.seqlock.SeqLock;
import dev.seqlock.WriterPause;
import dev.seqlock.atomic.ByteCodecs;

/**
 * A {@link SeqLock} used field by field in place, both ways: read through its optimistic field reads
 * (the words summed under a stamp, as StampedLock's "Point" pattern reads its fields; if the stamp does
 * not validate, a retry, then a {@code readInto} into the holder, which waits and falls back as the
 * variant does), and written through its field writes ({@code beginWrite}, one {@code putLong} per
 * word, {@code endWrite}), as StampedLock's writer stores its fields under the write lock. Fields at
 * constant offsets up to 48 bytes, as every design (SharedValue's notes).
 */
final class OptimisticSeqLockValue extends SharedValue {
  private final SeqLock<long[]> lock;

  private OptimisticSeqLockValue(int words, SeqLock<long[]> lock) {
    super(words);
    this.lock = lock;
  }

  static OptimisticSeqLockValue create(int words) {
    return new OptimisticSeqLockValue(
        words, SeqLock.create(ByteCodecs.ofLongArray(words), new long[words]));
  }

  static OptimisticSeqLockValue singleWriter(int words) {
    return new OptimisticSeqLockValue(
        words, SeqLock.singleWriter(ByteCodecs.ofLongArray(words), new long[words]));
  }

  static OptimisticSeqLockValue singleWriterNeverPausing(int words) {
    return new OptimisticSeqLockValue(words, SeqLock.singleWriter(ByteCodecs.ofLongArray(words),
        new long[words], Backoff.defaults(), WriterPause.NEVER));
  }

  static OptimisticSeqLockValue latched(int words) {
    return new OptimisticSeqLockValue(
        words, SeqLock.latched(ByteCodecs.ofLongArray(words), new long[words]));
  }

  static OptimisticSeqLockValue latchedSingleWriter(int words) {
    return new OptimisticSeqLockValue(
        words, SeqLock.latchedSingleWriter(ByteCodecs.ofLongArray(words), new long[words]));
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
    long stamp = lock.beginWrite();
    try {
      switch (words) { // named fields at constant offsets, as record writers write them
        case 2 -> {
          lock.putLong(stamp, 0, n);
          lock.putLong(stamp, 8, n + 1);
        }
        case 6 -> {
          lock.putLong(stamp, 0, n);
          lock.putLong(stamp, 8, n + 1);
          lock.putLong(stamp, 16, n + 2);
          lock.putLong(stamp, 24, n + 3);
          lock.putLong(stamp, 32, n + 4);
          lock.putLong(stamp, 40, n + 5);
        }
        default -> {
          for (int i = 0; i < words; i++) {
            lock.putLong(stamp, i * Long.BYTES, n + i);
          }
        }
      }
    } finally {
      lock.endWrite(stamp);
    }
  }
}
