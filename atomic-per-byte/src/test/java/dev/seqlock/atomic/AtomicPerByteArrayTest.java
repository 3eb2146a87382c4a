package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.allBytesOf;
import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static dev.seqlock.atomic.Fixtures.bytesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.Fixtures.Storage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicPerByteArrayTest {
  /** Twelve bytes, so each element has four bytes of padding in its second word. */
  private static final ByteCodec<int[]> CODEC = ByteCodecs.ofIntArray(3);

  private static final int LENGTH = 4;

  /** A twelve-byte record: an element size that is not a multiple of 8. */
  record Triple(int a, int b, int c) {}

  /** The value {@link #holdingDistinct} puts at element {@code index}. */
  private static int[] initial(int index) {
    return new int[] {index * 10 + 1, index * 10 + 2, index * 10 + 3};
  }

  /** A value no element holds initially. */
  private static int[] replacement(int index) {
    return new int[] {-index - 1, 0x7F00_0000 + index, 0x55};
  }

  private static byte[] littleEndian(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      buffer.putInt(value);
    }
    return buffer.array();
  }

  /** An array of {@link #LENGTH} elements in {@code storage}, element i holding {@code initial(i)}. */
  private static AtomicPerByteArray<int[]> holdingDistinct(Storage storage) {
    AtomicPerByteArray<int[]> array = storage.array(CODEC, LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      array.store(i, initial(i), MemoryOrder.RELAXED);
    }
    return array;
  }

  /** The bytes of every element of an array from {@link #holdingDistinct}. */
  private static byte[][] initialBytes() {
    byte[][] rows = new byte[LENGTH][];
    for (int i = 0; i < LENGTH; i++) {
      rows[i] = littleEndian(initial(i));
    }
    return rows;
  }

  /** A holder of {@link #CODEC}'s size filled with a recognisable pattern. */
  private static MaybeTorn<int[]> patternHolder(int seed) {
    MaybeTorn<int[]> holder = MaybeTorn.allocate(CODEC);
    holder.bytes().putBytes(0, Fixtures.pattern(12, seed), 0, 12);
    return holder;
  }

  private static List<MaybeTorn<int[]>> patternHolders(int count) {
    List<MaybeTorn<int[]>> holders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      holders.add(patternHolder(i));
    }
    return holders;
  }

  private static void assertPatternHolders(List<MaybeTorn<int[]>> holders) {
    for (int i = 0; i < holders.size(); i++) {
      assertArrayEquals(
          patternHolder(i).bytes().toByteArray(), holders.get(i).bytes().toByteArray(), "holder " + i);
    }
  }

  static Stream<Arguments> storagesAndAllowedOrders() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage ->
                Stream.of(MemoryOrder.RELAXED, MemoryOrder.RELEASE)
                    .flatMap(
                        store ->
                            Stream.of(MemoryOrder.RELAXED, MemoryOrder.ACQUIRE)
                                .map(load -> Arguments.of(storage, store, load))));
  }

  static Stream<Arguments> storagesAndLoadRejectedOrders() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage ->
                Stream.of(MemoryOrder.RELEASE, MemoryOrder.ACQ_REL, MemoryOrder.SEQ_CST)
                    .map(order -> Arguments.of(storage, order)));
  }

  static Stream<Arguments> storagesAndStoreRejectedOrders() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage ->
                Stream.of(MemoryOrder.ACQUIRE, MemoryOrder.ACQ_REL, MemoryOrder.SEQ_CST)
                    .map(order -> Arguments.of(storage, order)));
  }

  // ---- create, uninit, storageSize, accessors ----

  @Test
  void shouldCreateEveryElementHoldingTheInitialValue() {
    AtomicPerByteArray<int[]> array = AtomicPerByteArray.create(CODEC, 3, new int[] {7, 8, 9});

    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new int[] {7, 8, 9}, array.load(i, MemoryOrder.ACQUIRE).assumeUntorn());
    }
  }

  @Test
  void shouldCreateAnEmptyArray() {
    AtomicPerByteArray<int[]> array = AtomicPerByteArray.create(CODEC, 0, new int[3]);

    assertEquals(0, array.length());
    assertThrows(IndexOutOfBoundsException.class, () -> array.load(0, MemoryOrder.RELAXED));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectCreateWithANullCodecNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> AtomicPerByteArray.create(null, 2, new int[3]));

    assertEquals("codec", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectCreateWithANullInitialValueNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AtomicPerByteArray.create(CODEC, 2, null));

    assertEquals("initialValue", e.getMessage());
  }

  @Test
  void shouldRejectCreateWithANegativeLength() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.create(CODEC, -1, new int[3]),
        "-1");
  }

  @Test
  void shouldRejectCreateWithAnInitialValueTheCodecCannotEncode() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.create(CODEC, 2, new int[4]),
        "length 4");
  }

  @Test
  void shouldStartAllZeroWhenUninitialised() {
    AtomicPerByteArray<int[]> array = AtomicPerByteArray.uninit(CODEC, 3);

    assertArrayEquals(new byte[3][12], allBytesOf(array));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectUninitWithANullCodecNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AtomicPerByteArray.uninit(null, 1));

    assertEquals("codec", e.getMessage());
  }

  @Test
  void shouldRejectUninitWithANegativeLength() {
    assertThrowsMentioning(
        IllegalArgumentException.class, () -> AtomicPerByteArray.uninit(CODEC, -5), "-5");
  }

  @Test
  void shouldRejectUninitWithALengthTooLargeForOneArray() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.uninit(CODEC, Integer.MAX_VALUE),
        "too large");
  }

  static Stream<Arguments> storageSizes() {
    return Stream.of(
        Arguments.of(ByteCodecs.ofIntArray(3), 5, 80),
        Arguments.of(ByteCodecs.ofLong(), 3, 24),
        Arguments.of(ByteCodecs.ofByte(), 3, 24),
        Arguments.of(ByteCodecs.ofLongArray(2), 2, 32),
        Arguments.of(ByteCodecs.ofByteArray(0), 7, 0),
        Arguments.of(ByteCodecs.ofInt(), 0, 0));
  }

  @ParameterizedTest(name = "{1} x {0} need {2} bytes")
  @MethodSource("storageSizes")
  void shouldRoundEachElementUpToWholeWords(ByteCodec<?> codec, int length, int expected) {
    assertEquals(expected, AtomicPerByteArray.storageSize(codec, length));
  }

  @Test
  void shouldRejectAStorageSizeOverIntegerMaxValue() {
    int length = Integer.MAX_VALUE / 16 + 1; // 2 words each: 2^31 bytes

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.storageSize(ByteCodecs.ofLongArray(2), length),
        String.valueOf(length));
  }

  @Test
  void shouldRejectAStorageSizeForANegativeLength() {
    assertThrows(
        IllegalArgumentException.class, () -> AtomicPerByteArray.storageSize(CODEC, -1));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectAStorageSizeForANullCodecNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AtomicPerByteArray.storageSize(null, 1));

    assertEquals("codec", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldReportItsLengthElementSizeAndCodec(Storage storage) {
    AtomicPerByteArray<int[]> array = storage.array(CODEC, LENGTH);

    assertEquals(LENGTH, array.length());
    assertEquals(12, array.byteSize());
    assertSame(CODEC, array.codec());
  }

  // ---- per-element operations ----

  @ParameterizedTest(name = "{0}: store {1}, load {2}")
  @MethodSource("storagesAndAllowedOrders")
  void shouldLoadWhatWasStoredAtEveryIndex(
      Storage storage, MemoryOrder storeOrder, MemoryOrder loadOrder) {
    AtomicPerByteArray<int[]> array = storage.array(CODEC, LENGTH);

    for (int i = 0; i < LENGTH; i++) {
      array.store(i, replacement(i), storeOrder);
    }

    for (int i = 0; i < LENGTH; i++) {
      MaybeTorn<int[]> loaded = array.load(i, loadOrder);
      assertArrayEquals(replacement(i), loaded.assumeUntorn());
      assertArrayEquals(littleEndian(replacement(i)), loaded.bytes().toByteArray());
    }
  }

  @ParameterizedTest(name = "{0}: storeFrom {1}, loadInto {2}")
  @MethodSource("storagesAndAllowedOrders")
  void shouldLoadIntoAHolderWhatWasStoredFromAHolderAtEveryIndex(
      Storage storage, MemoryOrder storeOrder, MemoryOrder loadOrder) {
    AtomicPerByteArray<int[]> array = storage.array(CODEC, LENGTH);

    for (int i = 0; i < LENGTH; i++) {
      array.storeFrom(i, MaybeTorn.of(CODEC, replacement(i)), storeOrder);
    }

    for (int i = 0; i < LENGTH; i++) {
      MaybeTorn<int[]> destination = patternHolder(i);
      array.loadInto(i, destination, loadOrder);
      assertArrayEquals(replacement(i), destination.assumeUntorn());
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldNeverOverwriteANeighbourOfAStoredElement(Storage storage) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);

    array.store(1, replacement(1), MemoryOrder.RELEASE);
    array.storeFrom(2, MaybeTorn.of(CODEC, replacement(2)), MemoryOrder.RELAXED);

    byte[][] expected = initialBytes();
    expected[1] = littleEndian(replacement(1));
    expected[2] = littleEndian(replacement(2));
    assertArrayEquals(expected, allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldNeverOverwriteANeighbourOfAStoredTwelveByteRecord(Storage storage) {
    AtomicPerByteArray<Triple> array = storage.array(ByteCodecs.ofRecord(Triple.class), 3);
    array.store(0, new Triple(1, 2, 3), MemoryOrder.RELAXED);
    array.store(2, new Triple(7, 8, 9), MemoryOrder.RELAXED);

    array.store(1, new Triple(-1, -1, -1), MemoryOrder.RELEASE);

    assertEquals(new Triple(1, 2, 3), array.load(0, MemoryOrder.ACQUIRE).assumeUntorn());
    assertEquals(new Triple(-1, -1, -1), array.load(1, MemoryOrder.ACQUIRE).assumeUntorn());
    assertEquals(new Triple(7, 8, 9), array.load(2, MemoryOrder.ACQUIRE).assumeUntorn());
  }

  @Test
  void shouldStoreAnElementIntoItsOwnWordsOfTheBufferOnly() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(8 + 4 * 16 + 8);
    for (int i = 0; i < buffer.capacity(); i++) {
      buffer.put(i, (byte) 0x5A);
    }
    AtomicPerByteArray<int[]> array = AtomicPerByteArray.wrap(buffer, 8, CODEC, LENGTH);

    array.store(2, replacement(2), MemoryOrder.RELEASE);

    for (int i = 0; i < buffer.capacity(); i++) {
      byte expected;
      if (i >= 8 + 32 && i < 8 + 32 + 12) {
        expected = littleEndian(replacement(2))[i - 40];
      } else if (i >= 8 + 32 + 12 && i < 8 + 48) {
        expected = 0; // the padding of element 2's last word
      } else {
        expected = 0x5A;
      }
      assertEquals(expected, buffer.get(i), "buffer byte " + i);
    }
  }

  @Test
  void shouldLoadAnElementEqualToTheStoredOneWhateverTheWrappedPaddingHolds() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(32);
    for (int i = 0; i < buffer.capacity(); i++) {
      buffer.put(i, (byte) 0x5A);
    }
    buffer.put(16, littleEndian(replacement(1))); // element 1; bytes 28 to 31 stay 0x5A
    AtomicPerByteArray<int[]> array = AtomicPerByteArray.wrap(buffer, 0, CODEC, 2);

    MaybeTorn<int[]> loaded = array.load(1, MemoryOrder.ACQUIRE);

    assertTrue(loaded.bytes().contentEquals(MaybeTorn.of(CODEC, replacement(1)).bytes()));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH, Integer.MAX_VALUE})
  void shouldRejectLoadingAnIndexOutOfRange(int index) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    assertThrows(IndexOutOfBoundsException.class, () -> array.load(index, MemoryOrder.ACQUIRE));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH})
  void shouldRejectLoadingIntoFromAnIndexOutOfRangeLeavingTheDestination(int index) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> destination = patternHolder(0);

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.loadInto(index, destination, MemoryOrder.ACQUIRE));

    assertArrayEquals(patternHolder(0).bytes().toByteArray(), destination.bytes().toByteArray());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH})
  void shouldRejectStoringAtAnIndexOutOfRangeWritingNothing(int index) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.store(index, replacement(0), MemoryOrder.RELEASE));

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH})
  void shouldRejectStoringFromAHolderAtAnIndexOutOfRangeWritingNothing(int index) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> source = MaybeTorn.of(CODEC, replacement(0));

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.storeFrom(index, source, MemoryOrder.RELEASE));

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  // ---- rejected orders ----

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndLoadRejectedOrders")
  void shouldRejectLoadWithAnOrderNotAllowedForLoads(Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> array.load(0, order), "load", order.name());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndLoadRejectedOrders")
  void shouldRejectLoadIntoWithAnOrderNotAllowedForLoadsLeavingTheDestination(
      Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    MaybeTorn<int[]> destination = patternHolder(0);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.loadInto(1, destination, order),
        "loadInto",
        order.name());

    assertArrayEquals(patternHolder(0).bytes().toByteArray(), destination.bytes().toByteArray());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndLoadRejectedOrders")
  void shouldRejectLoadRangeWithAnOrderNotAllowedForLoadsLeavingTheDestinations(
      Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<MaybeTorn<int[]>> destinations = patternHolders(2);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.loadRange(1, destinations, order),
        "loadRange",
        order.name());

    assertPatternHolders(destinations);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndStoreRejectedOrders")
  void shouldRejectStoreWithAnOrderNotAllowedForStoresWritingNothing(
      Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.store(1, replacement(1), order),
        "store",
        order.name());

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndStoreRejectedOrders")
  void shouldRejectStoreFromWithAnOrderNotAllowedForStoresWritingNothing(
      Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    MaybeTorn<int[]> source = MaybeTorn.of(CODEC, replacement(1));

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.storeFrom(1, source, order),
        "storeFrom",
        order.name());

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndStoreRejectedOrders")
  void shouldRejectStoreRangeWithAnOrderNotAllowedForStoresWritingNothing(
      Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<int[]> values = List.of(replacement(1), replacement(2));

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.storeRange(1, values, order),
        "storeRange",
        order.name());

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndStoreRejectedOrders")
  void shouldRejectStoreRangeFromWithAnOrderNotAllowedForStoresWritingNothing(
      Storage storage, MemoryOrder order) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<MaybeTorn<int[]>> sources =
        List.of(MaybeTorn.of(CODEC, replacement(1)), MaybeTorn.of(CODEC, replacement(2)));

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.storeRangeFrom(1, sources, order),
        "storeRangeFrom",
        order.name());

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  // ---- rejected nulls ----

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadWithANullOrderNamingIt() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e = assertThrows(NullPointerException.class, () -> array.load(0, null));

    assertEquals("order", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadIntoANullDestinationNamingIt() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.loadInto(0, null, MemoryOrder.ACQUIRE));

    assertEquals("destination", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadIntoWithANullOrderLeavingTheDestination() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> destination = patternHolder(0);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.loadInto(0, destination, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(patternHolder(0).bytes().toByteArray(), destination.bytes().toByteArray());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoringANullValueWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.store(0, null, MemoryOrder.RELEASE));

    assertEquals("value", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreWithANullOrderWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.store(0, replacement(0), null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreFromANullSourceWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.storeFrom(0, null, MemoryOrder.RELEASE));

    assertEquals("source", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreFromWithANullOrderWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> source = MaybeTorn.of(CODEC, replacement(0));

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.storeFrom(0, source, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadRangeIntoANullListNamingIt() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.loadRange(0, null, MemoryOrder.ACQUIRE));

    assertEquals("destinations", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadRangeWithANullOrderLeavingTheDestinations() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    List<MaybeTorn<int[]>> destinations = patternHolders(2);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.loadRange(0, destinations, null));

    assertEquals("order", e.getMessage());
    assertPatternHolders(destinations);
  }

  @Test
  @SuppressWarnings("NullAway") // puts null into the list on purpose
  void shouldRejectLoadRangeIntoANullHolderChangingNoHolder() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> first = patternHolder(0);
    MaybeTorn<int[]> last = patternHolder(2);
    List<MaybeTorn<int[]>> destinations = Arrays.asList(first, null, last);

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> array.loadRange(0, destinations, MemoryOrder.ACQUIRE));

    assertEquals("destinations[1]", e.getMessage());
    assertArrayEquals(patternHolder(0).bytes().toByteArray(), first.bytes().toByteArray());
    assertArrayEquals(patternHolder(2).bytes().toByteArray(), last.bytes().toByteArray());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreRangeOfANullListNamingIt() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.storeRange(0, null, MemoryOrder.RELEASE));

    assertEquals("values", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreRangeWithANullOrderWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    List<int[]> values = List.of(replacement(0));

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.storeRange(0, values, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  @SuppressWarnings("NullAway") // puts null into the list on purpose
  void shouldRejectStoreRangeOfANullValueInTheMiddleChangingNoElement(Storage storage) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<int[]> values = Arrays.asList(replacement(0), null, replacement(2));

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.storeRange(0, values, MemoryOrder.RELEASE));

    assertEquals("values[1]", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreRangeFromANullListNamingIt() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.storeRangeFrom(0, null, MemoryOrder.RELEASE));

    assertEquals("sources", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreRangeFromWithANullOrderWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    List<MaybeTorn<int[]>> sources = List.of(MaybeTorn.of(CODEC, replacement(0)));

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.storeRangeFrom(0, sources, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  @SuppressWarnings("NullAway") // puts null into the list on purpose
  void shouldRejectStoreRangeFromANullHolderInTheMiddleChangingNoElement(Storage storage) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<MaybeTorn<int[]>> sources =
        Arrays.asList(MaybeTorn.of(CODEC, replacement(0)), null, MaybeTorn.of(CODEC, replacement(2)));

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> array.storeRangeFrom(0, sources, MemoryOrder.RELEASE));

    assertEquals("sources[1]", e.getMessage());
    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  // ---- rejected sizes and values ----

  @Test
  void shouldRejectLoadIntoAHolderOfAnotherSizeLeavingIt() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> destination = MaybeTorn.of(ByteCodecs.ofIntArray(2), new int[] {9, 9});

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.loadInto(0, destination, MemoryOrder.ACQUIRE),
        "destination",
        "8");

    assertArrayEquals(new int[] {9, 9}, destination.assumeUntorn());
  }

  @Test
  void shouldRejectStoreFromAHolderOfAnotherSizeWritingNothing() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> source = MaybeTorn.of(ByteCodecs.ofIntArray(4), new int[] {9, 9, 9, 9});

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.storeFrom(0, source, MemoryOrder.RELEASE),
        "source",
        "16");

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  void shouldRejectLoadRangeIntoAHolderOfAnotherSizeChangingNoHolder() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    MaybeTorn<int[]> first = patternHolder(0);
    MaybeTorn<int[]> wrongSize = MaybeTorn.of(ByteCodecs.ofIntArray(2), new int[] {9, 9});

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.loadRange(0, List.of(first, wrongSize), MemoryOrder.ACQUIRE),
        "destinations[1]");

    assertArrayEquals(patternHolder(0).bytes().toByteArray(), first.bytes().toByteArray());
    assertArrayEquals(new int[] {9, 9}, wrongSize.assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldRejectStoreRangeFromAHolderOfAnotherSizeChangingNoElement(Storage storage) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<MaybeTorn<int[]>> sources =
        List.of(MaybeTorn.of(CODEC, replacement(0)), MaybeTorn.allocate(ByteCodecs.ofIntArray(2)));

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> array.storeRangeFrom(0, sources, MemoryOrder.RELEASE),
        "sources[1]");

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldWriteNothingWhenTheCodecRejectsAStoredValue(Storage storage) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);

    assertThrows(
        IllegalArgumentException.class, () -> array.store(1, new int[4], MemoryOrder.RELEASE));

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldWriteNothingWhenTheCodecThrowsHalfWayThroughEncodingAnElement(Storage storage) {
    AtomicPerByteArray<long[]> array = storage.array(new Fixtures.HalfWritingCodec(), 2);

    assertThrows(
        IllegalArgumentException.class,
        () -> array.store(1, new long[] {-1, -1}, MemoryOrder.RELEASE));

    assertArrayEquals(new byte[2][16], allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldRejectStoreRangeOfABadValueInTheMiddleChangingNoElement(Storage storage) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<int[]> values = List.of(replacement(0), replacement(1), new int[2], replacement(3));

    assertThrows(
        IllegalArgumentException.class, () -> array.storeRange(0, values, MemoryOrder.RELEASE));

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldRejectStoreRangeOfANonAsciiStringInTheMiddleChangingNoElement(Storage storage) {
    AtomicPerByteArray<String> array = storage.array(ByteCodecs.ofAsciiString(5), 3);
    array.storeRange(0, List.of("a", "b", "c"), MemoryOrder.RELEASE);

    assertThrows(
        IllegalArgumentException.class,
        () -> array.storeRange(0, List.of("x", "\u00FF", "z"), MemoryOrder.RELEASE));

    for (int i = 0; i < 3; i++) {
      assertEquals(
          String.valueOf((char) ('a' + i)), array.load(i, MemoryOrder.ACQUIRE).assumeUntorn());
    }
  }

  // ---- ranges ----

  @ParameterizedTest(name = "{0}: storeRange {1}, loadRange {2}")
  @MethodSource("storagesAndAllowedOrders")
  void shouldLoadARangeThatWasStoredLeavingTheOtherElements(
      Storage storage, MemoryOrder storeOrder, MemoryOrder loadOrder) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<MaybeTorn<int[]>> destinations = patternHolders(2);

    array.storeRange(1, List.of(replacement(1), replacement(2)), storeOrder);
    array.loadRange(1, destinations, loadOrder);

    assertArrayEquals(replacement(1), destinations.get(0).assumeUntorn());
    assertArrayEquals(replacement(2), destinations.get(1).assumeUntorn());
    byte[][] expected = initialBytes();
    expected[1] = littleEndian(replacement(1));
    expected[2] = littleEndian(replacement(2));
    assertArrayEquals(expected, allBytesOf(array));
  }

  @ParameterizedTest(name = "{0}: storeRangeFrom {1}, loadRange {2}")
  @MethodSource("storagesAndAllowedOrders")
  void shouldStoreARangeFromHoldersLeavingTheOtherElements(
      Storage storage, MemoryOrder storeOrder, MemoryOrder loadOrder) {
    AtomicPerByteArray<int[]> array = holdingDistinct(storage);
    List<MaybeTorn<int[]>> destinations = patternHolders(LENGTH);

    array.storeRangeFrom(
        2, List.of(MaybeTorn.of(CODEC, replacement(2)), MaybeTorn.of(CODEC, replacement(3))), storeOrder);
    array.loadRange(0, destinations, loadOrder);

    assertArrayEquals(initial(0), destinations.get(0).assumeUntorn());
    assertArrayEquals(initial(1), destinations.get(1).assumeUntorn());
    assertArrayEquals(replacement(2), destinations.get(2).assumeUntorn());
    assertArrayEquals(replacement(3), destinations.get(3).assumeUntorn());
  }

  @Test
  void shouldAcceptAnEmptyRangeAtTheEnd() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    array.storeRange(LENGTH, List.of(), MemoryOrder.RELEASE);
    array.storeRangeFrom(LENGTH, List.of(), MemoryOrder.RELEASE);
    array.loadRange(LENGTH, List.of(), MemoryOrder.ACQUIRE);

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH - 1, LENGTH})
  void shouldRejectLoadRangeOutOfBoundsChangingNoHolder(int fromIndex) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    List<MaybeTorn<int[]>> destinations = patternHolders(2);

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.loadRange(fromIndex, destinations, MemoryOrder.ACQUIRE));

    assertPatternHolders(destinations);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH - 1, LENGTH})
  void shouldRejectStoreRangeOutOfBoundsChangingNoElement(int fromIndex) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    List<int[]> values = List.of(replacement(0), replacement(1));

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.storeRange(fromIndex, values, MemoryOrder.RELEASE));

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, LENGTH - 1, LENGTH})
  void shouldRejectStoreRangeFromOutOfBoundsChangingNoElement(int fromIndex) {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);
    List<MaybeTorn<int[]>> sources =
        List.of(MaybeTorn.of(CODEC, replacement(0)), MaybeTorn.of(CODEC, replacement(1)));

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.storeRangeFrom(fromIndex, sources, MemoryOrder.RELEASE));

    assertArrayEquals(initialBytes(), allBytesOf(array));
  }

  @Test
  void shouldRejectAnEmptyRangePastTheEnd() {
    AtomicPerByteArray<int[]> array = holdingDistinct(Storage.HEAP);

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> array.storeRange(LENGTH + 1, List.of(), MemoryOrder.RELEASE));
  }

  // ---- toString ----

  @Test
  void shouldDescribeItselfWithoutLoadingOrDecoding() {
    AtomicPerByteArray<Integer> array =
        AtomicPerByteArray.create(new Fixtures.UndecodableCodec(), 2, 5);

    assertEquals(
        "AtomicPerByteArray[codec=undecodable, length=2, byteSize=4, elementStride=8, heap]",
        array.toString());
  }

  @Test
  void shouldDescribeWhereInTheBufferItLives() {
    AtomicPerByteArray<Integer> array =
        AtomicPerByteArray.wrap(ByteBuffer.allocateDirect(40), 8, new Fixtures.UndecodableCodec(), 2);

    assertEquals(
        "AtomicPerByteArray[codec=undecodable, length=2, byteSize=4, elementStride=8,"
            + " buffer at offset 8]",
        array.toString());
  }

  // ---- wrap ----

  @Test
  void shouldWrapTheBytesTheBufferAlreadyHolds() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(48);
    buffer.put(16, littleEndian(replacement(0)));
    buffer.put(32, littleEndian(replacement(1)));

    AtomicPerByteArray<int[]> array = AtomicPerByteArray.wrap(buffer, 16, CODEC, 2);

    assertArrayEquals(replacement(0), array.load(0, MemoryOrder.ACQUIRE).assumeUntorn());
    assertArrayEquals(replacement(1), array.load(1, MemoryOrder.ACQUIRE).assumeUntorn());
  }

  @Test
  void shouldLeaveTheBuffersPositionLimitAndOrderAlone() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(48);
    buffer.position(5).limit(41);

    AtomicPerByteArray<int[]> array = AtomicPerByteArray.wrap(buffer, 8, CODEC, 2);
    array.store(1, replacement(1), MemoryOrder.RELEASE);

    assertEquals(5, buffer.position());
    assertEquals(41, buffer.limit());
    assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectWrappingANullBufferNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> AtomicPerByteArray.wrap(null, 0, CODEC, 1));

    assertEquals("buffer", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectWrappingWithANullCodecNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicPerByteArray.wrap(ByteBuffer.allocateDirect(16), 0, null, 1));

    assertEquals("codec", e.getMessage());
  }

  /** A store of each kind to element 1 of an array of {@link #CODEC}. */
  enum StoreKind {
    STORE,
    STORE_FROM,
    STORE_RANGE,
    LONG_PART,
    INT_PART,
    SHORT_PART,
    BYTE_PART;

    void storeInto(AtomicPerByteArray<int[]> a) {
      int[] value = {7, 8, 9};
      switch (this) {
        case STORE -> a.store(1, value, MemoryOrder.RELEASE);
        case STORE_FROM -> a.storeFrom(1, MaybeTorn.of(CODEC, value), MemoryOrder.RELAXED);
        case STORE_RANGE -> a.storeRange(1, List.of(value), MemoryOrder.RELEASE);
        case LONG_PART -> a.storeLongUnordered(1, 0, 7L);
        case INT_PART -> a.storeIntUnordered(1, 4, 7);
        case SHORT_PART -> a.storeShortUnordered(1, 2, (short) 7);
        case BYTE_PART -> a.storeByteUnordered(1, 1, (byte) 7);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aReadOnlyBufferLoadsAndEveryStoreThrowsWritingNothing(StoreKind kind) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64);
    AtomicPerByteArray.wrap(buffer, 0, CODEC, 2).store(1, new int[] {4, 5, 6}, MemoryOrder.RELEASE);
    byte[] before = new byte[64];
    buffer.get(0, before);
    AtomicPerByteArray<int[]> array = AtomicPerByteArray.wrap(buffer.asReadOnlyBuffer(), 0, CODEC, 2);

    assertArrayEquals(new int[] {4, 5, 6}, array.load(1, MemoryOrder.ACQUIRE).assumeUntorn());
    assertEquals(5, array.loadIntUnordered(1, 4));
    assertThrows(ReadOnlyBufferException.class, () -> kind.storeInto(array));
    byte[] after = new byte[64];
    buffer.get(0, after);
    assertArrayEquals(before, after);
  }

  @Test
  void shouldRejectAHeapBuffer() {
    ByteBuffer heap = ByteBuffer.allocate(64);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(heap, 0, CODEC, 2),
        "not direct");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 9})
  void shouldRejectAnOffsetThatIsNotAMultipleOfEight(int offset) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(buffer, offset, CODEC, 2),
        "offset " + offset,
        "not a multiple of 8");
  }

  @Test
  void shouldRejectAnOffsetWhoseMemoryIsNotWordAligned() {
    ByteBuffer misaligned = ByteBuffer.allocateDirect(64).slice(5, 48);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(misaligned, 8, CODEC, 2),
        "not 8-byte aligned");
  }

  @ParameterizedTest
  @ValueSource(ints = {-8, 40, 64})
  void shouldRejectAnOffsetWhoseElementsDoNotFitTheBuffer(int offset) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64); // 2 elements need 32 bytes: 32 is the last

    assertThrows(
        IndexOutOfBoundsException.class, () -> AtomicPerByteArray.wrap(buffer, offset, CODEC, 2));
  }

  @Test
  void shouldRejectWrappingANegativeLength() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(ByteBuffer.allocateDirect(64), 0, CODEC, -1),
        "-1");
  }

  @Test
  void shouldShareStoresBetweenTwoArraysWrappingTheSameBytes() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64);
    AtomicPerByteArray<int[]> writer = AtomicPerByteArray.wrap(buffer, 0, CODEC, 4);
    AtomicPerByteArray<int[]> reader = AtomicPerByteArray.wrap(buffer, 16, CODEC, 3);

    writer.store(2, replacement(2), MemoryOrder.RELEASE);

    assertArrayEquals(replacement(2), reader.load(1, MemoryOrder.ACQUIRE).assumeUntorn());
    assertArrayEquals(littleEndian(replacement(2)), bytesOf(writer, 2));
  }
}
