package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlock.atomic.Fixtures.Storage;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AtomicPerByteArray#storeLongUnordered}, {@link AtomicPerByteArray#storeIntUnordered},
 * {@link AtomicPerByteArray#storeShortUnordered} and {@link AtomicPerByteArray#storeByteUnordered}: at
 * every offset, aligned or across a word boundary, they change exactly the bytes {@link ByteImage}'s
 * puts would change, leave the rest of the element and its neighbours alone, for heap and buffer
 * storage; bad offsets and indices are rejected and store nothing.
 */
class PartStoreTest {
  /** 29 bytes: four words, the last one partly padding. */
  private static final ByteCodec<byte[]> CODEC = ByteCodecs.ofByteArray(29);

  private static byte[] randomBytes(long seed) {
    byte[] bytes = new byte[CODEC.byteSize()];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static AtomicPerByteArray<byte[]> filled(Storage storage) {
    return filled(storage.array(CODEC, 3));
  }

  /** Elements 64 bytes apart, the padded stride SeqLockArray uses. */
  private static AtomicPerByteArray<byte[]> filledPadded() {
    return filled(AtomicPerByteArray.create(CODEC, 3, new byte[CODEC.byteSize()], 64));
  }

  private static AtomicPerByteArray<byte[]> filled(AtomicPerByteArray<byte[]> array) {
    for (int i = 0; i < 3; i++) {
      array.store(i, randomBytes(20 + i), MemoryOrder.RELEASE);
    }
    return array;
  }

  /** The element's bytes as a whole load sees them. */
  private static byte[] element(AtomicPerByteArray<byte[]> array, int index) {
    return array.load(index, MemoryOrder.ACQUIRE).assumeUntorn();
  }

  private static byte[] bytesOf(ByteImage image) {
    byte[] bytes = new byte[CODEC.byteSize()];
    image.getBytes(0, bytes, 0, bytes.length);
    return bytes;
  }

  /** A part store of {@code value} at {@code offset}, made both on the array and on an image. */
  private interface PartStore {
    void store(AtomicPerByteArray<byte[]> array, ByteImage image, int offset, long value);
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aPartStoreChangesExactlyItsBytesAtEveryOffset(Storage storage) {
    checkEverySize(() -> filled(storage));
  }

  @Test
  void aPaddedArraysPartStoreChangesExactlyItsBytesAtEveryOffset() {
    checkEverySize(PartStoreTest::filledPadded);
  }

  private static void checkEverySize(Supplier<AtomicPerByteArray<byte[]>> filled) {
    checkEveryOffset(filled, Long.BYTES, (array, image, offset, value) -> {
      array.storeLongUnordered(1, offset, value);
      image.putLong(offset, value);
    });
    checkEveryOffset(filled, Integer.BYTES, (array, image, offset, value) -> {
      array.storeIntUnordered(1, offset, (int) value);
      image.putInt(offset, (int) value);
    });
    checkEveryOffset(filled, Short.BYTES, (array, image, offset, value) -> {
      array.storeShortUnordered(1, offset, (short) value);
      image.putShort(offset, (short) value);
    });
    checkEveryOffset(filled, Byte.BYTES, (array, image, offset, value) -> {
      array.storeByteUnordered(1, offset, (byte) value);
      image.putByte(offset, (byte) value);
    });
  }

  /** Element 1 after a part store of {@code size} bytes at each offset equals the image's put. */
  private static void checkEveryOffset(
      Supplier<AtomicPerByteArray<byte[]>> filled, int size, PartStore store) {
    Random random = new Random(size);
    for (int offset = 0; offset <= CODEC.byteSize() - size; offset++) {
      AtomicPerByteArray<byte[]> array = filled.get();
      ByteImage expected = ByteImage.allocate(CODEC.byteSize());
      expected.putBytes(0, element(array, 1), 0, CODEC.byteSize());

      store.store(array, expected, offset, random.nextLong());

      assertArrayEquals(bytesOf(expected), element(array, 1), size + " bytes at " + offset);
      assertArrayEquals(randomBytes(20), element(array, 0), "the element before");
      assertArrayEquals(randomBytes(22), element(array, 2), "the element after");
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aPartStoreIsReadBackByAPartLoad(Storage storage) {
    AtomicPerByteArray<byte[]> array = filled(storage);
    array.storeLongUnordered(2, 13, 0x0102030405060708L);
    array.storeIntUnordered(2, 6, 0xCAFEBABE);
    array.storeShortUnordered(2, 23, (short) 0xBEEF); // across two words
    array.storeByteUnordered(2, 28, (byte) 0xA5); // the last byte
    assertArrayEquals(new long[] {0x0102030405060708L, 0xCAFEBABEL, 0xBEEFL, 0xA5L},
        new long[] {array.loadLongUnordered(2, 13), array.loadIntUnordered(2, 6) & 0xFFFFFFFFL,
            array.loadShortUnordered(2, 23) & 0xFFFFL, array.loadByteUnordered(2, 28) & 0xFFL});
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void partsOutsideTheValueAreRejectedNamingTheOffsetAndTheRuleAndStoreNothing(Storage storage) {
    AtomicPerByteArray<byte[]> array = filled(storage);

    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeLongUnordered(0, 22, -1L), "offset 22", "8 bytes",
        "within the value's 29 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeIntUnordered(1, 26, -1), "offset 26", "4 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeIntUnordered(1, -4, -1), "offset -4");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeLongUnordered(0, Integer.MAX_VALUE, -1L), "offset 2147483647");
    Executable pastTheEnd = () -> array.storeLongUnordered(3, 0, -1L);
    assertThrows(IndexOutOfBoundsException.class, pastTheEnd);
    assertThrows(IndexOutOfBoundsException.class, () -> array.storeIntUnordered(-1, 0, -1));
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeShortUnordered(1, 28, (short) -1), "offset 28", "2 bytes",
        "within the value's 29 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeShortUnordered(1, -1, (short) -1), "offset -1", "2 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeByteUnordered(2, 29, (byte) -1), "offset 29", "1 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.storeByteUnordered(2, -1, (byte) -1), "offset -1", "1 bytes");
    assertThrows(IndexOutOfBoundsException.class, () -> array.storeShortUnordered(3, 0, (short) 0));
    assertThrows(IndexOutOfBoundsException.class, () -> array.storeByteUnordered(-1, 0, (byte) 0));

    for (int i = 0; i < 3; i++) {
      assertArrayEquals(randomBytes(20 + i), element(array, i), "element " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aValueShorterThanAPartRejectsEveryOffsetForItAndStoresNothing(Storage storage) {
    AtomicPerByteArray<byte[]> four = storage.array(ByteCodecs.ofByteArray(4), 1);
    four.store(0, new byte[] {1, 2, 3, 4}, MemoryOrder.RELEASE);

    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> four.storeLongUnordered(0, 0, -1L),
        "offset 0", "8 bytes", "within the value's 4 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> four.storeIntUnordered(0, Integer.MIN_VALUE, -1), "offset -2147483648");
    assertArrayEquals(new byte[] {1, 2, 3, 4}, four.load(0, MemoryOrder.ACQUIRE).assumeUntorn());

    four.storeIntUnordered(0, 0, 0x08070605);
    assertArrayEquals(new byte[] {5, 6, 7, 8}, four.load(0, MemoryOrder.ACQUIRE).assumeUntorn());
  }
}
