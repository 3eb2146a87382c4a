package dev.seqlock.jcstress;

import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import java.util.function.LongBinaryOperator;

/**
 * The fields the optimistic-read tests read from a {@link Patterns} value (24 bytes): the three
 * aligned words, two {@code long}s that cross a word boundary and an {@code int} inside the last
 * word, and the grading of what a reader read. Shared by the test and its negative control.
 */
public final class OptimisticFields {
  /** Offsets of the {@code long} fields: aligned, then crossing words 0/1 and 1/2. */
  private static final int[] LONG_OFFSETS = {0, 8, 16, 4, 12};

  /** Offset of the {@code int} field. */
  private static final int INT_OFFSET = 20;

  /** How many fields {@link #read} reads. */
  public static final int COUNT = LONG_OFFSETS.length + 1;

  private static final long[] OLD = parts(MaybeTorn.of(Patterns.CODEC, Patterns.oldValue()).bytes());
  private static final long[] NEW = parts(Patterns.newHolder().bytes());

  private OptimisticFields() {}

  /**
   * The fields of a whole value, in the order {@link #read} reads them.
   *
   * @param bytes the value's bytes
   * @return its {@link #COUNT} fields
   */
  public static long[] parts(ByteImage bytes) {
    long[] parts = new long[COUNT];
    for (int i = 0; i < LONG_OFFSETS.length; i++) {
      parts[i] = bytes.getLong(LONG_OFFSETS[i]);
    }
    parts[LONG_OFFSETS.length] = bytes.getInt(INT_OFFSET);
    return parts;
  }

  /**
   * Reads the fields into {@code into} through {@code getLong} and {@code getInt}, each given the stamp
   * and an offset.
   *
   * @param stamp the stamp of the optimistic read
   * @param getLong reads a {@code long} field: (stamp, offset) to value
   * @param getInt reads an {@code int} field: (stamp, offset) to value
   * @param into receives the {@link #COUNT} fields
   */
  public static void read(long stamp, LongBinaryOperator getLong, LongBinaryOperator getInt, long[] into) {
    for (int i = 0; i < LONG_OFFSETS.length; i++) {
      into[i] = getLong.applyAsLong(stamp, LONG_OFFSETS[i]);
    }
    into[LONG_OFFSETS.length] = getInt.applyAsLong(stamp, INT_OFFSET);
  }

  /**
   * The grade of fields read under a stamp that validated: {@code T} if they mix the two values,
   * {@code V} if they are one value but not the stamp's version ({@code stamp & ~1}: 0 holds the old
   * value, 2 the new), else {@code O} or {@code N}.
   *
   * @param seen the {@link #COUNT} fields read
   * @param stamp the stamp they were read under
   * @return {@code 'O'}, {@code 'N'}, {@code 'T'} or {@code 'V'}
   */
  public static char gradeValidated(long[] seen, long stamp) {
    char grade = grade(seen);
    if (grade == 'T') {
      return grade;
    }
    long version = stamp & ~1L;
    return version == (grade == 'O' ? 0 : 2) ? grade : 'V';
  }

  /**
   * {@code O} if every field is the old value's, {@code N} if every one is the new value's, else
   * {@code T}: a mix, which a validated read must never be.
   *
   * @param seen the {@link #COUNT} fields read
   * @return {@code 'O'}, {@code 'N'} or {@code 'T'}
   */
  public static char grade(long[] seen) {
    boolean allOld = true;
    boolean allNew = true;
    for (int i = 0; i < seen.length; i++) {
      allOld &= seen[i] == OLD[i];
      allNew &= seen[i] == NEW[i];
    }
    return allOld ? 'O' : allNew ? 'N' : 'T';
  }
}
