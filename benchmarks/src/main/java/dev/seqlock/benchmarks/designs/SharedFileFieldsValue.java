package dev.seqlock.benchmarks.designs;

import dev.seqlock.shared.SharedSeqLockArray;

/**
 * Slot 0 of a {@link SharedSeqLockArray} in a memory-mapped file, used field by field in place both
 * ways, as {@link OptimisticSeqLockValue} uses a lock: to set beside {@code SEQLOCK_LATCHED_FIELDS}.
 */
final class SharedFileFieldsValue extends SharedValue {
  private final SharedSeqLockArray.Writer<long[]> array;

  SharedFileFieldsValue(int words) {
    super(words);
    this.array = SharedFileValue.openFile(words);
  }

  @Override
  public long read(ThreadSide side) {
    long stamp = array.tryOptimisticRead(0);
    long sum = switch (words) { // named fields at constant offsets, as record readers write them
      case 2 -> array.getLong(0, stamp, 0) + array.getLong(0, stamp, 8);
      case 6 -> array.getLong(0, stamp, 0) + array.getLong(0, stamp, 8)
          + array.getLong(0, stamp, 16) + array.getLong(0, stamp, 24)
          + array.getLong(0, stamp, 32) + array.getLong(0, stamp, 40);
      default -> sumInLoop(stamp);
    };
    if (array.validate(0, stamp)) {
      return sum;
    }
    side.retries++;
    array.readInto(0, side.holder);
    return sum(side.holder.bytes(), words);
  }

  private long sumInLoop(long stamp) {
    long sum = 0;
    for (int i = 0; i < words; i++) {
      sum += array.getLong(0, stamp, i * Long.BYTES);
    }
    return sum;
  }

  @Override
  public void write(ThreadSide side, long n) {
    long stamp = array.beginWrite(0);
    try {
      switch (words) { // named fields at constant offsets, as record writers write them
        case 2 -> {
          array.putLong(0, stamp, 0, n);
          array.putLong(0, stamp, 8, n + 1);
        }
        case 6 -> {
          array.putLong(0, stamp, 0, n);
          array.putLong(0, stamp, 8, n + 1);
          array.putLong(0, stamp, 16, n + 2);
          array.putLong(0, stamp, 24, n + 3);
          array.putLong(0, stamp, 32, n + 4);
          array.putLong(0, stamp, 40, n + 5);
        }
        default -> {
          for (int i = 0; i < words; i++) {
            array.putLong(0, stamp, i * Long.BYTES, n + i);
          }
        }
      }
    } finally {
      array.endWrite(0, stamp);
    }
  }
}
