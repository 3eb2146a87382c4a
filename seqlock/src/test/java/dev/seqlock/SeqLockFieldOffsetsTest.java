package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Field reads and writes of every size (8, 4, 2 and 1 bytes) at every offset, in and around a 28-byte
 * value (not a whole number of words), for a SeqLock and for a middle slot of a SeqLockArray: each
 * returns or changes exactly the bytes ByteImage's accessor of the same size would, whether the part
 * is one word, lies inside one or spans two, and every offset out of range is rejected with nothing
 * changed. The parts in one word are accessed in place and the others through AtomicPerByteArray
 * (SlotWords' notes), so this pins the two paths to one layout.
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

  /** The part sizes of the field reads and writes, each with its accessors and ByteImage's. */
  private enum Part {
    LONG(Long.BYTES) {
      @Override
      long get(SeqLock<byte[]> lock, long stamp, int at) {
        return lock.getLong(stamp, at);
      }

      @Override
      long get(SeqLockArray<byte[]> array, int index, long stamp, int at) {
        return array.getLong(index, stamp, at);
      }

      @Override
      long get(ByteImage image, int at) {
        return image.getLong(at);
      }

      @Override
      void put(SeqLock<byte[]> lock, long stamp, int at, long value) {
        lock.putLong(stamp, at, value);
      }

      @Override
      void put(SeqLockArray<byte[]> array, int index, long stamp, int at, long value) {
        array.putLong(index, stamp, at, value);
      }

      @Override
      void put(ByteImage image, int at, long value) {
        image.putLong(at, value);
      }
    },
    INT(Integer.BYTES) {
      @Override
      long get(SeqLock<byte[]> lock, long stamp, int at) {
        return lock.getInt(stamp, at);
      }

      @Override
      long get(SeqLockArray<byte[]> array, int index, long stamp, int at) {
        return array.getInt(index, stamp, at);
      }

      @Override
      long get(ByteImage image, int at) {
        return image.getInt(at);
      }

      @Override
      void put(SeqLock<byte[]> lock, long stamp, int at, long value) {
        lock.putInt(stamp, at, (int) value);
      }

      @Override
      void put(SeqLockArray<byte[]> array, int index, long stamp, int at, long value) {
        array.putInt(index, stamp, at, (int) value);
      }

      @Override
      void put(ByteImage image, int at, long value) {
        image.putInt(at, (int) value);
      }
    },
    SHORT(Short.BYTES) {
      @Override
      long get(SeqLock<byte[]> lock, long stamp, int at) {
        return lock.getShort(stamp, at);
      }

      @Override
      long get(SeqLockArray<byte[]> array, int index, long stamp, int at) {
        return array.getShort(index, stamp, at);
      }

      @Override
      long get(ByteImage image, int at) {
        return image.getShort(at);
      }

      @Override
      void put(SeqLock<byte[]> lock, long stamp, int at, long value) {
        lock.putShort(stamp, at, (short) value);
      }

      @Override
      void put(SeqLockArray<byte[]> array, int index, long stamp, int at, long value) {
        array.putShort(index, stamp, at, (short) value);
      }

      @Override
      void put(ByteImage image, int at, long value) {
        image.putShort(at, (short) value);
      }
    },
    BYTE(Byte.BYTES) {
      @Override
      long get(SeqLock<byte[]> lock, long stamp, int at) {
        return lock.getByte(stamp, at);
      }

      @Override
      long get(SeqLockArray<byte[]> array, int index, long stamp, int at) {
        return array.getByte(index, stamp, at);
      }

      @Override
      long get(ByteImage image, int at) {
        return image.getByte(at);
      }

      @Override
      void put(SeqLock<byte[]> lock, long stamp, int at, long value) {
        lock.putByte(stamp, at, (byte) value);
      }

      @Override
      void put(SeqLockArray<byte[]> array, int index, long stamp, int at, long value) {
        array.putByte(index, stamp, at, (byte) value);
      }

      @Override
      void put(ByteImage image, int at, long value) {
        image.putByte(at, (byte) value);
      }
    };

    final int size;

    Part(int size) {
      this.size = size;
    }

    abstract long get(SeqLock<byte[]> lock, long stamp, int at);

    abstract long get(SeqLockArray<byte[]> array, int index, long stamp, int at);

    abstract long get(ByteImage image, int at);

    abstract void put(SeqLock<byte[]> lock, long stamp, int at, long value);

    abstract void put(SeqLockArray<byte[]> array, int index, long stamp, int at, long value);

    abstract void put(ByteImage image, int at, long value);
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
    for (Part part : Part.values()) {
      for (int offset = FIRST; offset <= LAST; offset++) {
        int at = offset;
        String what = part + " at " + at;
        if (fits(at, part.size)) {
          assertEquals(part.get(expected, at), part.get(lock, stamp, at), what);
          assertEquals(part.get(expected, at), part.get(array, 1, slotStamp, at), "slot, " + what);
        } else {
          assertRejected(part.size, at, () -> part.get(lock, stamp, at));
          assertRejected(part.size, at, () -> part.get(array, 1, slotStamp, at));
        }
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
  void charAndBooleanFieldsAreTheBitsOfTheirShortAndByteFields(Variant variant) {
    SeqLock<byte[]> lock = variant.of(CODEC, pattern(1));
    SeqLockArray<byte[]> array = variant.array(CODEC, 3, pattern(1));
    ByteImage expected = imageOf(pattern(1));

    long stamp = lock.beginWrite();
    long slotStamp = array.beginWrite(1);
    for (int at : new int[] {2, 7, 26}) { // in a word, across two words, the last 2 bytes
      char value = (char) (0xFFFE - at); // above Short.MAX_VALUE: a sign-extending read would differ
      lock.putChar(stamp, at, value);
      array.putChar(1, slotStamp, at, value);
      expected.putChar(at, value);
    }
    for (int at : new int[] {0, 12, 27}) {
      boolean value = at != 12;
      lock.putBoolean(stamp, at, value);
      array.putBoolean(1, slotStamp, at, value);
      expected.putBoolean(at, value);
    }
    assertRejected(Short.BYTES, 27, () -> lock.putChar(stamp, 27, 'x'));
    assertRejected(Byte.BYTES, 28, () -> array.putBoolean(1, slotStamp, 28, true));
    lock.endWrite(stamp);
    array.endWrite(1, slotStamp);

    assertArrayEquals(expected.toByteArray(), lock.read());
    assertArrayEquals(expected.toByteArray(), array.read(1));
    long read = lock.tryOptimisticRead();
    long slotRead = array.tryOptimisticRead(1);
    for (int at = 0; at + Short.BYTES <= SIZE; at++) {
      assertEquals(expected.getChar(at), lock.getChar(read, at), "char at " + at);
      assertEquals(expected.getChar(at), array.getChar(1, slotRead, at), "slot, char at " + at);
    }
    for (int at = 0; at < SIZE; at++) { // the pattern's bytes are non-zero but for the false ones
      assertEquals(expected.getBoolean(at), lock.getBoolean(read, at), "boolean at " + at);
      assertEquals(expected.getBoolean(at), array.getBoolean(1, slotRead, at), "slot, at " + at);
    }
    assertFalse(lock.getBoolean(read, 12));
    assertTrue(lock.getBoolean(read, 27));
    assertRejected(Short.BYTES, -1, () -> lock.getChar(read, -1));
    assertRejected(Byte.BYTES, SIZE, () -> array.getBoolean(1, slotRead, SIZE));
    assertTrue(lock.validate(read));
    assertTrue(array.validate(1, slotRead));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writesOfEveryOffsetChangeTheirBytesOnlyOrAreRejected(Variant variant) {
    for (Part part : Part.values()) {
      checkWrites(variant, part);
    }
  }

  private static void checkWrites(Variant variant, Part part) {
    int size = part.size;
    for (int offset = FIRST; offset <= LAST; offset++) {
      int at = offset;
      SeqLock<byte[]> lock = variant.of(CODEC, pattern(1));
      SeqLockArray<byte[]> array = variant.array(CODEC, 3, pattern(1));
      ByteImage expected = imageOf(pattern(1));
      // each part's top bit is set, so a read that did not sign-extend as ByteImage's would differ
      long value = 0x9122_B344_8877_E6D5L ^ ((long) at << 40);

      long stamp = lock.beginWrite();
      long slotStamp = array.beginWrite(1);
      if (fits(at, size)) {
        part.put(lock, stamp, at, value);
        part.put(array, 1, slotStamp, at, value);
        part.put(expected, at, value);
      } else {
        assertRejected(size, at, () -> part.put(lock, stamp, at, value));
        assertRejected(size, at, () -> part.put(array, 1, slotStamp, at, value));
      }
      lock.endWrite(stamp);
      array.endWrite(1, slotStamp);

      byte[] bytes = expected.toByteArray();
      assertArrayEquals(bytes, lock.read(), part + " at " + at);
      assertArrayEquals(bytes, array.read(1), "slot, " + part + " at " + at);
      assertArrayEquals(pattern(1), array.read(0), "the slot before, " + part + " at " + at);
      assertArrayEquals(pattern(1), array.read(2), "the slot after, " + part + " at " + at);
      long read = lock.tryOptimisticRead(); // the field reads see the new version too
      for (int word = 0; word + Long.BYTES <= SIZE; word += Long.BYTES) {
        assertEquals(expected.getLong(word), lock.getLong(read, word), "word at " + word);
      }
      assertTrue(lock.validate(read));
    }
  }
}
