package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Field reads and writes at every offset, in and around a 28-byte value (not a whole number of
 * words), for a SeqLock and for a middle slot of a SeqLockArray: each returns or changes exactly the
 * bytes ByteImage's accessor of the same size would, whether the part is one word, half a word or
 * spans two, and every offset out of range is rejected with nothing changed. The parts in one word are
 * accessed in place and the others through AtomicPerByteArray (SeqLockSlots' notes), so this pins the
 * two paths to one layout.
 */
class SeqLockFieldOffsetsTest {
  private static final int SIZE = 28;
  private static final ByteCodec<byte[]> CODEC = ByteCodecs.ofByteArray(SIZE);
  private static final int FIRST = -9;
  private static final int LAST = SIZE + 1;

  /** A value whose bytes all differ, different for each seed. */
  private static byte[] pattern(int seed) {
    byte[] bytes = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      bytes[i] = (byte) (seed * 37 + i * 11 + 3);
    }
    return bytes;
  }

  private static ByteImage imageOf(byte[] bytes) {
    ByteImage image = ByteImage.allocate(bytes.length);
    image.putBytes(0, bytes, 0, bytes.length);
    return image;
  }

  private static boolean fits(int offset, int size) {
    return offset >= 0 && offset + size <= SIZE;
  }

  /**
   * Asserts the checked path's rejection, message included: an access that slipped past the offset
   * check would fail differently (an array index exception, or none), even where the array has words.
   */
  private static void assertRejected(int size, int offset, Executable access) {
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, access);
    assertEquals(
        "offset " + offset + ": the " + size + " bytes from it must lie within the value's " + SIZE
            + " bytes",
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readsOfEveryOffsetReturnTheBytesThereOrAreRejected(Variant variant) {
    SeqLock<byte[]> lock = variant.of(CODEC, pattern(0));
    SeqLockArray<byte[]> array = variant.array(CODEC, 3, pattern(0));
    lock.write(pattern(1));
    array.write(0, pattern(2));
    array.write(1, pattern(1));
    array.write(2, pattern(3));
    ByteImage expected = imageOf(pattern(1));

    long stamp = lock.tryOptimisticRead();
    long slotStamp = array.tryOptimisticRead(1);
    for (int offset = FIRST; offset <= LAST; offset++) {
      int at = offset;
      if (fits(at, Long.BYTES)) {
        assertEquals(expected.getLong(at), lock.getLong(stamp, at), "getLong at " + at);
        assertEquals(expected.getLong(at), array.getLong(1, slotStamp, at), "slot getLong at " + at);
      } else {
        assertRejected(Long.BYTES, at, () -> lock.getLong(stamp, at));
        assertRejected(Long.BYTES, at, () -> array.getLong(1, slotStamp, at));
      }
      if (fits(at, Integer.BYTES)) {
        assertEquals(expected.getInt(at), lock.getInt(stamp, at), "getInt at " + at);
        assertEquals(expected.getInt(at), array.getInt(1, slotStamp, at), "slot getInt at " + at);
      } else {
        assertRejected(Integer.BYTES, at, () -> lock.getInt(stamp, at));
        assertRejected(Integer.BYTES, at, () -> array.getInt(1, slotStamp, at));
      }
    }
    assertTrue(lock.validate(stamp));
    assertTrue(array.validate(1, slotStamp));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void floatFieldsAreTheRawBitsOfTheirIntFields(Variant variant) {
    SeqLock<byte[]> lock = variant.of(CODEC, pattern(1));
    SeqLockArray<byte[]> array = variant.array(CODEC, 3, pattern(1));
    ByteImage expected = imageOf(pattern(1));
    float nan = Float.intBitsToFloat(0x7FC0_1234); // a NaN whose payload a conversion would lose

    long stamp = lock.beginWrite();
    long slotStamp = array.beginWrite(1);
    for (int at : new int[] {4, 10, 24}) { // half a word, across two words, the last 4 bytes
      float value = at == 10 ? nan : -at - 0.25f;
      lock.putFloat(stamp, at, value);
      array.putFloat(1, slotStamp, at, value);
      expected.putFloat(at, value);
    }
    assertRejected(Integer.BYTES, 25, () -> lock.putFloat(stamp, 25, 1f));
    assertRejected(Integer.BYTES, -4, () -> array.putFloat(1, slotStamp, -4, 1f));
    lock.endWrite(stamp);
    array.endWrite(1, slotStamp);

    assertArrayEquals(expected.toByteArray(), lock.read());
    assertArrayEquals(expected.toByteArray(), array.read(1));
    long read = lock.tryOptimisticRead();
    long slotRead = array.tryOptimisticRead(1);
    for (int at : new int[] {4, 10, 24}) {
      int bits = Float.floatToRawIntBits(expected.getFloat(at));
      assertEquals(bits, Float.floatToRawIntBits(lock.getFloat(read, at)), "at " + at);
      assertEquals(bits, Float.floatToRawIntBits(array.getFloat(1, slotRead, at)), "slot, at " + at);
    }
    assertRejected(Integer.BYTES, 25, () -> lock.getFloat(read, 25));
    assertRejected(Integer.BYTES, -1, () -> array.getFloat(1, slotRead, -1));
    assertTrue(lock.validate(read));
    assertTrue(array.validate(1, slotRead));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void longWritesOfEveryOffsetChangeTheirBytesOnlyOrAreRejected(Variant variant) {
    checkWrites(variant, Long.BYTES);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void intWritesOfEveryOffsetChangeTheirBytesOnlyOrAreRejected(Variant variant) {
    checkWrites(variant, Integer.BYTES);
  }

  private static void checkWrites(Variant variant, int size) {
    for (int offset = FIRST; offset <= LAST; offset++) {
      int at = offset;
      SeqLock<byte[]> lock = variant.of(CODEC, pattern(1));
      SeqLockArray<byte[]> array = variant.array(CODEC, 3, pattern(1));
      ByteImage expected = imageOf(pattern(1));
      long value = 0x1122_3344_8877_6655L ^ ((long) at << 40); // a negative int in the low half

      long stamp = lock.beginWrite();
      long slotStamp = array.beginWrite(1);
      if (fits(at, size)) {
        if (size == Long.BYTES) {
          lock.putLong(stamp, at, value);
          array.putLong(1, slotStamp, at, value);
          expected.putLong(at, value);
        } else {
          lock.putInt(stamp, at, (int) value);
          array.putInt(1, slotStamp, at, (int) value);
          expected.putInt(at, (int) value);
        }
      } else if (size == Long.BYTES) {
        assertRejected(size, at, () -> lock.putLong(stamp, at, value));
        assertRejected(size, at, () -> array.putLong(1, slotStamp, at, value));
      } else {
        assertRejected(size, at, () -> lock.putInt(stamp, at, (int) value));
        assertRejected(size, at, () -> array.putInt(1, slotStamp, at, (int) value));
      }
      lock.endWrite(stamp);
      array.endWrite(1, slotStamp);

      byte[] bytes = expected.toByteArray();
      assertArrayEquals(bytes, lock.read(), size + " bytes at " + at);
      assertArrayEquals(bytes, array.read(1), "slot, " + size + " bytes at " + at);
      assertArrayEquals(pattern(1), array.read(0), "the slot before, " + size + " bytes at " + at);
      assertArrayEquals(pattern(1), array.read(2), "the slot after, " + size + " bytes at " + at);
      long read = lock.tryOptimisticRead(); // the field reads see the new version too
      for (int word = 0; word + Long.BYTES <= SIZE; word += Long.BYTES) {
        assertEquals(expected.getLong(word), lock.getLong(read, word), "word at " + word);
      }
      assertTrue(lock.validate(read));
    }
  }
}
