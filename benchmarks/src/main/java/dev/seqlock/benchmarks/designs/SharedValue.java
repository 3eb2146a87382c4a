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

  /*
   * Every design reads and writes the 16- and 48-byte values as named fields at constant offsets, as
   * code handling a record's fields does, and larger values in a loop. The same for all designs: a loop
   * of ByteImage calls at variable offsets costs more than the constant-offset reads (each call keeps
   * its offset check and alignment test), which would have charged the seqlocks for the harness.
   */

  /** The sum of the first {@code words} longs of {@code bytes}. */
  static long sum(ByteImage bytes, int words) {
    return switch (words) {
      case 2 -> bytes.getLong(0) + bytes.getLong(8);
      case 6 -> bytes.getLong(0) + bytes.getLong(8) + bytes.getLong(16) + bytes.getLong(24)
          + bytes.getLong(32) + bytes.getLong(40);
      default -> {
        long sum = 0;
        for (int i = 0; i < words; i++) {
          sum += bytes.getLong(i * Long.BYTES);
        }
        yield sum;
      }
    };
  }

  /** The sum of {@code words}. */
  static long sum(long[] words) {
    return sum(words, 0, words.length);
  }

  /** The sum of the {@code count} words of {@code words} from index {@code from}. */
  static long sum(long[] words, int from, int count) {
    return switch (count) {
      case 2 -> words[from] + words[from + 1];
      case 6 -> words[from] + words[from + 1] + words[from + 2] + words[from + 3] + words[from + 4]
          + words[from + 5];
      default -> {
        long sum = 0;
        for (int i = from; i < from + count; i++) {
          sum += words[i];
        }
        yield sum;
      }
    };
  }

  /** Fills {@code holder} with {@code n, n + 1, …}, without allocating. */
  static MaybeTorn<long[]> fill(MaybeTorn<long[]> holder, int words, long n) {
    ByteImage bytes = holder.bytes();
    switch (words) {
      case 2 -> {
        bytes.putLong(0, n);
        bytes.putLong(8, n + 1);
      }
      case 6 -> {
        bytes.putLong(0, n);
        bytes.putLong(8, n + 1);
        bytes.putLong(16, n + 2);
        bytes.putLong(24, n + 3);
        bytes.putLong(32, n + 4);
        bytes.putLong(40, n + 5);
      }
      default -> {
        for (int i = 0; i < words; i++) {
          bytes.putLong(i * Long.BYTES, n + i);
        }
      }
    }
    return holder;
  }

  /** Fills {@code words} with {@code n, n + 1, …}. */
  static void fill(long[] words, long n) {
    fill(words, 0, words.length, n);
  }

  /** Fills the {@code count} words of {@code words} from {@code from} with {@code n, n + 1, …}. */
  static void fill(long[] words, int from, int count, long n) {
    switch (count) {
      case 2 -> {
        words[from] = n;
        words[from + 1] = n + 1;
      }
      case 6 -> {
        words[from] = n;
        words[from + 1] = n + 1;
        words[from + 2] = n + 2;
        words[from + 3] = n + 3;
        words[from + 4] = n + 4;
        words[from + 5] = n + 5;
      }
      default -> {
        for (int i = 0; i < count; i++) {
          words[from + i] = n + i;
        }
      }
    }
  }
}
