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
 * {@link AtomicPerByteArray#loadLongUnordered} and {@link AtomicPerByteArray#loadIntUnordered}: at
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
  }
}
