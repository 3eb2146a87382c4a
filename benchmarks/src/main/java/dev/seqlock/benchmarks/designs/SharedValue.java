package dev.seqlock.benchmarks.designs;

import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;

/**
 * A value of {@code words} longs shared between one writer and any number of readers by one design.
 * A read takes a consistent snapshot and returns the sum of its words (so every word is touched); a
 * write stores {@code n, n + 1, …} into the words. Each design gets the best case its API allows: the
 * lock-based designs sum the words in place under the lock, the seqlocks copy them into the caller's
 * holder first (their API's only way to a consistent snapshot).
 */
public abstract class SharedValue {
  /** The value's length in longs. */
  final int words;

  SharedValue(int words) {
    this.words = words;
  }

  /**
   * Takes a consistent snapshot and returns the sum of its words.
   *
   * @param side the reading thread's holder, scratch array and retry counter
   * @return the sum of the snapshot's words
   */
  public abstract long read(ThreadSide side);

  /**
   * Replaces the value by {@code n, n + 1, …, n + words - 1}.
   *
   * @param side the writing thread's holder and scratch array
   * @param n the first word of the new value
   */
  public abstract void write(ThreadSide side, long n);

  /** The sum of the first {@code words} longs of {@code bytes}. */
  static long sum(ByteImage bytes, int words) {
    long sum = 0;
    for (int i = 0; i < words; i++) {
      sum += bytes.getLong(i * Long.BYTES);
    }
    return sum;
  }

  /** The sum of {@code words}. */
  static long sum(long[] words) {
    long sum = 0;
    for (long word : words) {
      sum += word;
    }
    return sum;
  }

  /** Fills {@code holder} with {@code n, n + 1, …}, without allocating. */
  static MaybeTorn<long[]> fill(MaybeTorn<long[]> holder, int words, long n) {
    ByteImage bytes = holder.bytes();
    for (int i = 0; i < words; i++) {
      bytes.putLong(i * Long.BYTES, n + i);
    }
    return holder;
  }

  /** Fills {@code words} with {@code n, n + 1, …}. */
  static void fill(long[] words, long n) {
    for (int i = 0; i < words.length; i++) {
      words[i] = n + i;
    }
  }
}
