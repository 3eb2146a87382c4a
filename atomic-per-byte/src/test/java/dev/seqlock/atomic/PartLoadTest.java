package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlock.atomic.Fixtures.Storage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code loadLong} and {@code loadInt} of {@link AtomicPerByte} and {@link AtomicPerByteArray}, and the
 * array's unordered forms: at
 * every offset, aligned or across a word boundary, they return what {@link ByteImage} reads from a
 * whole-value load, for heap and buffer storage; bad offsets, indices and orders are rejected.
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
  void aPartLoadReadsWhatAWholeLoadHoldsAtEveryOffset(Storage storage) {
    AtomicPerByte<byte[]> value = storage.value(CODEC);
    value.store(randomBytes(1), MemoryOrder.RELEASE);
    ByteImage whole = value.load(MemoryOrder.ACQUIRE).bytes();

    for (int offset = 0; offset <= CODEC.byteSize() - Long.BYTES; offset++) {
      for (MemoryOrder order : new MemoryOrder[] {MemoryOrder.RELAXED, MemoryOrder.ACQUIRE}) {
        assertEquals(whole.getLong(offset), value.loadLong(offset, order), "long at " + offset);
      }
    }
    for (int offset = 0; offset <= CODEC.byteSize() - Integer.BYTES; offset++) {
      assertEquals(whole.getInt(offset), value.loadInt(offset, MemoryOrder.RELAXED), "int at " + offset);
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void anArrayPartLoadReadsItsOwnElement(Storage storage) {
    AtomicPerByteArray<byte[]> array = storage.array(CODEC, 3);
    for (int i = 0; i < 3; i++) {
      array.store(i, randomBytes(10 + i), MemoryOrder.RELEASE);
    }
    for (int i = 0; i < 3; i++) {
      ByteImage whole = array.load(i, MemoryOrder.ACQUIRE).bytes();
      for (int offset = 0; offset <= CODEC.byteSize() - Long.BYTES; offset++) {
        assertEquals(whole.getLong(offset), array.loadLong(i, offset, MemoryOrder.RELAXED),
            "element " + i + ", long at " + offset);
        assertEquals(whole.getLong(offset), array.loadLongUnordered(i, offset),
            "element " + i + ", unordered long at " + offset);
      }
      for (int offset = 0; offset <= CODEC.byteSize() - Integer.BYTES; offset++) {
        assertEquals(whole.getInt(offset), array.loadInt(i, offset, MemoryOrder.ACQUIRE),
            "element " + i + ", int at " + offset);
        assertEquals(whole.getInt(offset), array.loadIntUnordered(i, offset),
            "element " + i + ", unordered int at " + offset);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void partsOutsideTheValueAreRejectedNamingTheOffsetAndTheRule(Storage storage) {
    AtomicPerByte<byte[]> value = storage.value(CODEC);
    AtomicPerByteArray<byte[]> array = storage.array(CODEC, 2);

    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> value.loadLong(22, MemoryOrder.RELAXED),
        "offset 22", "8 bytes", "within the value's 29 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> value.loadInt(26, MemoryOrder.RELAXED), "offset 26", "4 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> value.loadLong(-1, MemoryOrder.RELAXED), "offset -1");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.loadLong(0, Integer.MAX_VALUE, MemoryOrder.RELAXED), "offset 2147483647");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.loadInt(1, 26, MemoryOrder.RELAXED), "offset 26");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.loadLongUnordered(0, 22), "offset 22", "8 bytes");
    assertThrowsMentioning(IndexOutOfBoundsException.class,
        () -> array.loadIntUnordered(1, -4), "offset -4", "4 bytes");
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadLongUnordered(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadIntUnordered(-1, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadLong(2, 0, MemoryOrder.RELAXED));
    assertThrows(IndexOutOfBoundsException.class, () -> array.loadInt(-1, 0, MemoryOrder.RELAXED));
  }

  @ParameterizedTest
  @EnumSource(
      value = MemoryOrder.class,
      names = {"RELEASE", "ACQ_REL", "SEQ_CST"})
  @SuppressWarnings("NullAway") // passes null on purpose
  void ordersOtherThanRelaxedAndAcquireAreRejected(MemoryOrder order) {
    AtomicPerByte<byte[]> value = Storage.HEAP.value(CODEC);
    AtomicPerByteArray<byte[]> array = Storage.HEAP.array(CODEC, 1);

    assertThrowsMentioning(IllegalArgumentException.class, () -> value.loadLong(0, order),
        "loadLong", order.name());
    assertThrowsMentioning(IllegalArgumentException.class, () -> value.loadInt(0, order), "loadInt");
    assertThrowsMentioning(IllegalArgumentException.class, () -> array.loadLong(0, 0, order),
        "loadLong");
    assertThrowsMentioning(IllegalArgumentException.class, () -> array.loadInt(0, 0, order),
        "loadInt");
    assertThrows(NullPointerException.class, () -> value.loadLong(0, null));
    assertThrows(NullPointerException.class, () -> array.loadInt(0, 0, null));
  }
}
