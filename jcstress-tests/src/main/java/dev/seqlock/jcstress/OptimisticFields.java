package dev.seqlock.jcstress;

import dev.seqlock.SeqLock;
import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;

/**
 * The fields the optimistic-read tests read from a {@link Patterns} value (24 bytes): the three
 * aligned words, two {@code long}s that cross a word boundary, an {@code int} inside the last word,
 * a {@code short} across words 0/1 and one inside word 2, and two bytes; and the grading of what a
 * reader read. So every part size, in one word and across two, is read in place or through the
 * checked path while a writer writes. Shared by the test and its negative control.
 */
public final class OptimisticFields {
  /** Offsets of the {@code long} fields: aligned, then crossing words 0/1 and 1/2. */
  private static final int[] LONG_OFFSETS = {0, 8, 16, 4, 12};

  /** Offset of the {@code int} field. */
  private static final int INT_OFFSET = 20;

  /** Offsets of the {@code short} fields: crossing words 0/1, then inside word 2. */
  private static final int[] SHORT_OFFSETS = {7, 18};

  /** Offsets of the byte fields: the last of word 1, the last of the value. */
  private static final int[] BYTE_OFFSETS = {15, 23};

  /** How many fields {@link #read} reads. */
  public static final int COUNT =
      LONG_OFFSETS.length + 1 + SHORT_OFFSETS.length + BYTE_OFFSETS.length;

  /** The field reads of one subject, under a stamp of its own. */
  public interface Reads {
    /**
     * Reads a {@code long} field.
     *
     * @param stamp the stamp
     * @param offset the field's offset
     * @return the field
     */
    long getLong(long stamp, int offset);

    /**
     * Reads an {@code int} field.
     *
     * @param stamp the stamp
     * @param offset the field's offset
     * @return the field
     */
    int getInt(long stamp, int offset);

    /**
     * Reads a {@code short} field.
     *
     * @param stamp the stamp
     * @param offset the field's offset
     * @return the field
     */
    short getShort(long stamp, int offset);

    /**
     * Reads a byte field.
     *
     * @param stamp the stamp
     * @param offset the field's offset
     * @return the field
     */
    byte getByte(long stamp, int offset);
  }

  /**
   * The field reads of {@code lock}.
   *
   * @param lock the lock
   * @return its getLong, getInt, getShort and getByte
   */
  public static Reads of(SeqLock<?> lock) {
    return new Reads() {
      @Override
      public long getLong(long stamp, int offset) {
        return lock.getLong(stamp, offset);
      }

      @Override
      public int getInt(long stamp, int offset) {
        return lock.getInt(stamp, offset);
      }

      @Override
      public short getShort(long stamp, int offset) {
        return lock.getShort(stamp, offset);
      }

      @Override
      public byte getByte(long stamp, int offset) {
        return lock.getByte(stamp, offset);
      }
    };
  }

  /**
   * The field reads of slot {@code slot} of {@code array}.
   *
   * @param array the array
   * @param slot the slot
   * @return its getLong, getInt, getShort and getByte for that slot
   */
  public static Reads of(SeqLockArray<?> array, int slot) {
    return new Reads() {
      @Override
      public long getLong(long stamp, int offset) {
        return array.getLong(slot, stamp, offset);
      }

      @Override
      public int getInt(long stamp, int offset) {
        return array.getInt(slot, stamp, offset);
      }

      @Override
      public short getShort(long stamp, int offset) {
        return array.getShort(slot, stamp, offset);
      }

      @Override
      public byte getByte(long stamp, int offset) {
        return array.getByte(slot, stamp, offset);
      }
    };
  }

  private static final long[] OLD = parts(MaybeTorn.of(Patterns.CODEC, Patterns.oldValue()).bytes());
  private static final long[] MIDDLE =
      parts(MaybeTorn.of(Patterns.CODEC, Patterns.middleValue()).bytes());
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
    int next = LONG_OFFSETS.length;
    parts[next++] = bytes.getInt(INT_OFFSET);
    for (int offset : SHORT_OFFSETS) {
      parts[next++] = bytes.getShort(offset);
    }
    for (int offset : BYTE_OFFSETS) {
      parts[next++] = bytes.getByte(offset);
    }
    return parts;
  }

  /**
   * Reads the fields into {@code into} through {@code reads}, each under {@code stamp}.
   *
   * @param stamp the stamp of the optimistic read
   * @param reads the subject's field reads
   * @param into receives the {@link #COUNT} fields
   */
  public static void read(long stamp, Reads reads, long[] into) {
    for (int i = 0; i < LONG_OFFSETS.length; i++) {
      into[i] = reads.getLong(stamp, LONG_OFFSETS[i]);
    }
    int next = LONG_OFFSETS.length;
    into[next++] = reads.getInt(stamp, INT_OFFSET);
    for (int offset : SHORT_OFFSETS) {
      into[next++] = reads.getShort(stamp, offset);
    }
    for (int offset : BYTE_OFFSETS) {
      into[next++] = reads.getByte(stamp, offset);
    }
  }

  /**
   * The grade of fields read under a stamp that validated: {@code T} if they mix values, {@code V} if
   * they are one value but not the stamp's version (the stamp is the version its reads belong to: the
   * old value is version 0, the middle value version {@code middleVersion}, the new value version
   * {@code newVersion}), else {@code O}, {@code M} or {@code N}.
   *
   * @param seen the {@link #COUNT} fields read
   * @param stamp the stamp they were read under
   * @param middleVersion the version that holds the middle value, or -1 where it is never written
   * @param newVersion the version that holds the new value
   * @return {@code 'O'}, {@code 'M'}, {@code 'N'}, {@code 'T'} or {@code 'V'}
   */
  public static char gradeValidated(long[] seen, long stamp, long middleVersion, long newVersion) {
    char grade = grade(seen);
    if (grade == 'T') {
      return grade;
    }
    long version = grade == 'O' ? 0 : grade == 'M' ? middleVersion : newVersion;
    return stamp == version ? grade : 'V';
  }

  /**
   * {@code O} if every field is the old value's, {@code M} if every one is the middle value's
   * ({@link Patterns#middleValue}), {@code N} if every one is the new value's, else {@code T}: a mix,
   * which a validated read must never be.
   *
   * @param seen the {@link #COUNT} fields read
   * @return {@code 'O'}, {@code 'M'}, {@code 'N'} or {@code 'T'}
   */
  public static char grade(long[] seen) {
    boolean allOld = true;
    boolean allMiddle = true;
    boolean allNew = true;
    for (int i = 0; i < seen.length; i++) {
      allOld &= seen[i] == OLD[i];
      allMiddle &= seen[i] == MIDDLE[i];
      allNew &= seen[i] == NEW[i];
    }
    return allOld ? 'O' : allMiddle ? 'M' : allNew ? 'N' : 'T';
  }
}
