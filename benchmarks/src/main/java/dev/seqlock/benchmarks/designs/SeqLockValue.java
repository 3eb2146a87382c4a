package dev.seqlock.benchmarks.designs;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodecs;

/**
 * One of the library's {@link SeqLock} variants. A read is one {@code tryReadInto} and, only if that
 * attempt failed, a {@code readInto} (which retries, then falls back as the variant does): the same
 * work as a plain {@code readInto}, with the first attempt's failure counted as a retry.
 */
final class SeqLockValue extends SharedValue {
  private final SeqLock<long[]> lock;

  SeqLockValue(int words, SeqLock<long[]> lock) {
    super(words);
    this.lock = lock;
  }

  static SeqLockValue create(int words) {
    return new SeqLockValue(words, SeqLock.create(ByteCodecs.ofLongArray(words), new long[words]));
  }

  static SeqLockValue singleWriter(int words) {
    return new SeqLockValue(
        words, SeqLock.singleWriter(ByteCodecs.ofLongArray(words), new long[words]));
  }

  static SeqLockValue latched(int words) {
    return new SeqLockValue(words, SeqLock.latched(ByteCodecs.ofLongArray(words), new long[words]));
  }

  @Override
  public long read(ThreadSide side) {
    if (lock.tryReadInto(side.holder) < 0) {
      side.retries++;
      lock.readInto(side.holder);
    }
    return sum(side.holder.bytes(), words);
  }

  @Override
  public void write(ThreadSide side, long n) {
    lock.writeFrom(fill(side.holder, words, n));
  }
}
