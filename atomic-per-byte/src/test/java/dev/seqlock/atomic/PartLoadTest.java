package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlock.atomic.Fixtures.Storage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AtomicPerByteArray#loadLongUnordered}, {@link AtomicPerByteArray#loadIntUnordered},
 * {@link AtomicPerByteArray#loadShortUnordered} and {@link AtomicPerByteArray#loadByteUnordered}: at
 * every offset, aligned or across a word boundary, they return what {@link ByteImage} reads from a
 * whole-element load, for heap and buffer storage; bad offsets and indices are rejected.
 */
class PartLoadTest {
  /** 29 bytes: four words, the last one partly padding. */
  private static final ByteCodec<byte[]> CODEC = ByteCodecs.ofByteArray(29);

  private static byte[] randomBytes(long seed) {
    byte[] bytes = new byte[CODEC.byteSize()];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aPartLoadReadsWhatAWholeLoadOfItsElementHoldsAtEveryOffset(Storage storage) {
    checkEveryOffset(storage.array(CODEC, 3));
  }

  /** Elements 64 bytes apart (the padded stride SeqLockArray uses): each part comes from its own. */
  @Test
  void aPaddedArraysPartLoadsReadTheirOwnElementAtEveryOffset() {
    checkEveryOffset(AtomicPerByteArray.create(CODEC, 3, new byte[CODEC.byteSize()], 64));
  }

  private static void checkEveryOffset(AtomicPerByteArray<byte[]> array) {
    for (int i = 0; i < 3; i++) {
      array.store(i, randomBytes(10 + i), MemoryOrder.RELEASE);
    }
    for (int i = 0; i < 3; i++) {
      ByteImage whole = array.load(i, MemoryOrder.ACQUIRE).bytes();
      for (int offset = 0; offset <= CODEC.byteSize() - Long.BYTES; offset++) {
        assertEquals(whole.getLong(offset), array.loadLongUnordered(i, offset),
            "element " + i + ", long at " + offset);
      }
      for (int offset = 0; offset <= CODEC.byteSize() - Integer.BYTES; offset++) {
        assertEquals(whole.getInt(offset), array.loadIntUnordered(i, offset),
            "element " + i + ", int at " + offset);
      }
      for (int offset = 0; offset <= CODEC.byteSize() - Short.BYTES; offset++) {
        assertEquals(whole.getShort(offset), array.loadShortUnordered(i, offset),
            "element " + i + ", short at " + offset);
      }
      for (int offset = 0; offset < CODEC.byteSize(); offset++) {
        assertEquals(whole.getByte(offset), array.loadByteUnordered(i, offset),
            "element " + i + ", byte at " + offset);
      }
    }
  }

  /** A value shorter than a part has no offset for it; a value of exactly a part's size has one. */
  @ParameterizedTest
  @EnumSource(Storage.class)
  void aValueShorterThanAPartRejectsEveryOffsetForIt(Storage storage) {
    AtomicPerByteArray<byte[]> four = storage.array(ByteCodecs.ofByteArray(4), 1);
    four.store(0, new byte[] {1, 2, 3, 4}, MemoryOrder.RELEASE);
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> four.loadLongUnordered(0, 0),
        "offset 0", "8 bytes", "within the value's 4 bytes");
    assertEquals(0x04030201, four.loadIntUnordered(0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> four.loadIntUnordered(0, 1));

    AtomicPerByteArray<byte[]> two = storage.array(ByteCodecs.ofByteArray(2), 1);
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> two.loadIntUnordered(0, 0),
        "offset 0", "4 bytes", "within the value's 2 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> two.loadLongUnordered(0, Integer.MIN_VALUE), "offset -2147483648");
    two.store(0, new byte[] {(byte) 0x81, (byte) 0xF2}, MemoryOrder.RELEASE);
    assertEquals((short) 0xF281, two.loadShortUnordered(0, 0)); // sign-extended, as ByteImage's
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> two.loadShortUnordered(0, 1),
        "offset 1", "2 bytes", "within the value's 2 bytes");

    AtomicPerByteArray<byte[]> one = storage.array(ByteCodecs.ofByteArray(1), 1);
    one.store(0, new byte[] {(byte) 0x9C}, MemoryOrder.RELEASE);
    assertEquals((byte) 0x9C, one.loadByteUnordered(0, 0));
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> one.loadShortUnordered(0, 0),
        "offset 0", "2 bytes", "within the value's 1 bytes");
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void partsOutsideTheValueAreRejectedNamingTheOffsetAndTheRule(Storage storage) {
    AtomicPerByteArray<byte[]> array = storage.array(CODEC, 2);

    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadLongUnordered(0, 22),
        "offset 22", "8 bytes", "within the value's 29 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadIntUnordered(1, 26),
        "offset 26", "4 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadIntUnordered(1, -4),
        "offset -4");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.loadLongUnordered(0, Integer.MAX_VALUE), "offset 2147483647");
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadLongUnordered(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadIntUnordered(-1, 0));
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadShortUnordered(0, 28),
        "offset 28", "2 bytes", "within the value's 29 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadShortUnordered(0, -1),
        "offset -1", "2 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadByteUnordered(1, 29),
        "offset 29", "1 bytes", "within the value's 29 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class, () -> array.loadByteUnordered(1, -1),
        "offset -1", "1 bytes");
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadShortUnordered(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadByteUnordered(-1, 0));
  }
}
