package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.allBytesOf;
import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static dev.seqlock.atomic.Fixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The element-stride factories of {@link AtomicPerByteArray} and what a padded stride changes. */
class AtomicPerByteArrayStrideTest {
  private static final int LENGTH = 4;

  /** Bytes of sentinel before and after a wrapped array in its buffer. */
  private static final int MARGIN = 16;

  /** What every byte of a wrapped buffer holds before the test stores anything. */
  private static final byte SENTINEL = (byte) 0xA5;

  /** An element size and a stride that is valid for it. */
  record Layout(int byteSize, int stride) {
    ByteCodec<byte[]> codec() {
      return ByteCodecs.ofByteArray(byteSize);
    }

    /** The element size rounded up to whole words: the bytes a store writes. */
    int rounded() {
      return (byteSize + 7) & ~7;
    }

    /** The value {@link #holdingDistinct} puts at element {@code index}. */
    byte[] initial(int index) {
      return pattern(byteSize, index);
    }

    /** A value no element holds initially. */
    byte[] replacement(int index) {
      return pattern(byteSize, 50 + index);
    }

    MaybeTorn<byte[]> holderOf(byte[] value) {
      return MaybeTorn.of(codec(), value);
    }

    @Override
    public String toString() {
      return byteSize + "-byte elements, stride " + stride;
    }
  }

  /** Where a strided array under test keeps its bytes. */
  enum Kind {
    HEAP,
    DIRECT_BUFFER
  }

  static Stream<Layout> paddedLayouts() {
    return Stream.of(
        new Layout(13, 128), // a cache-line pair per element
        new Layout(48, 64),
        new Layout(48, 128),
        new Layout(20, 40), // not a power of two
        new Layout(13, 16), // the smallest stride allowed: packed
        new Layout(1, 8));
  }

  static Stream<Arguments> kindsAndPaddedLayouts() {
    return Stream.of(Kind.values())
        .flatMap(kind -> paddedLayouts().map(layout -> Arguments.of(kind, layout)));
  }

  /** A direct buffer of {@code capacity} bytes, every one {@link #SENTINEL}. */
  private static ByteBuffer sentinelBuffer(int capacity) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
    for (int i = 0; i < capacity; i++) {
      buffer.put(i, SENTINEL);
    }
    return buffer;
  }

  /** A sentinel buffer with room for {@link #LENGTH} elements of {@code layout} between margins. */
  private static ByteBuffer sentinelBufferFor(Layout layout) {
    return sentinelBuffer(MARGIN + LENGTH * layout.stride() + MARGIN);
  }

  private static AtomicPerByteArray<byte[]> wrapped(ByteBuffer buffer, Layout layout) {
    return AtomicPerByteArray.wrap(buffer, MARGIN, layout.codec(), LENGTH, layout.stride());
  }

  /** An array of {@link #LENGTH} elements of {@code kind}, element i holding {@code initial(i)}. */
  private static AtomicPerByteArray<byte[]> holdingDistinct(Kind kind, Layout layout) {
    AtomicPerByteArray<byte[]> array =
        kind == Kind.HEAP
            ? AtomicPerByteArray.create(
                layout.codec(), LENGTH, layout.replacement(9), layout.stride())
            : wrapped(sentinelBufferFor(layout), layout);
    for (int i = 0; i < LENGTH; i++) {
      array.store(i, layout.initial(i), MemoryOrder.RELAXED);
    }
    return array;
  }

  /** The bytes of every element of an array from {@link #holdingDistinct}. */
  private static byte[][] initialBytes(Layout layout) {
    byte[][] rows = new byte[LENGTH][];
    for (int i = 0; i < LENGTH; i++) {
      rows[i] = layout.initial(i);
    }
    return rows;
  }

  private static List<MaybeTorn<byte[]>> patternHolders(Layout layout, int count) {
    List<MaybeTorn<byte[]>> holders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      holders.add(layout.holderOf(pattern(layout.byteSize(), 100 + i)));
    }
    return holders;
  }

  /**
   * Asserts every byte of a buffer from {@link #sentinelBufferFor}: element i's bytes at
   * {@code MARGIN + i * stride} for every i in {@code elements}, then zero up to the next whole word
   * (the padding of a stored image), and the sentinel everywhere else: in the margins, in the words
   * between elements and in every element not in {@code elements}.
   */
  private static void assertBufferHolds(
      ByteBuffer buffer, Layout layout, Map<Integer, byte[]> elements) {
    for (int p = 0; p < buffer.capacity(); p++) {
      int relative = p - MARGIN;
      byte expected = SENTINEL;
      String where = "margin";
      if (relative >= 0 && relative < LENGTH * layout.stride()) {
        int index = relative / layout.stride();
        int within = relative % layout.stride();
        where = "element " + index + " + " + within;
        byte[] element = elements.get(index);
        if (element != null && within < layout.rounded()) {
          expected = within < layout.byteSize() ? element[within] : 0;
        }
      }
      assertEquals(expected, buffer.get(p), "buffer byte " + p + " (" + where + ")");
    }
  }

  /** Writes {@code value} and zero padding at element {@code index}'s absolute offset. */
  private static void putElement(ByteBuffer buffer, Layout layout, int index, byte[] value) {
    int start = MARGIN + index * layout.stride();
    buffer.put(start, value);
    for (int i = layout.byteSize(); i < layout.rounded(); i++) {
      buffer.put(start + i, (byte) 0);
    }
  }

  // ---- elementStride(), storageSize ----

  static Stream<Arguments> packedStrides() {
    return Stream.of(
        Arguments.of(0, 0),
        Arguments.of(1, 8),
        Arguments.of(8, 8),
        Arguments.of(12, 16),
        Arguments.of(13, 16),
        Arguments.of(48, 48),
        Arguments.of(49, 56));
  }

  @ParameterizedTest(name = "{0}-byte elements: {1}")
  @MethodSource("packedStrides")
  void shouldReportTheRoundedElementSizeAsTheStrideOfPackedArrays(int byteSize, int expected) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    ByteBuffer buffer = ByteBuffer.allocateDirect(3 * 56 + 8);

    assertEquals(expected, AtomicPerByteArray.create(codec, 3, new byte[byteSize]).elementStride());
    assertEquals(expected, AtomicPerByteArray.uninit(codec, 3).elementStride());
    assertEquals(expected, AtomicPerByteArray.wrap(buffer, 8, codec, 3).elementStride());
    assertEquals(
        AtomicPerByteArray.storageSize(codec, 3),
        AtomicPerByteArray.storageSize(codec, 3, expected));
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldReportTheStrideItWasGiven(Layout layout) {
    AtomicPerByteArray<byte[]> created =
        AtomicPerByteArray.create(layout.codec(), LENGTH, layout.initial(0), layout.stride());
    AtomicPerByteArray<byte[]> wrapped = wrapped(sentinelBufferFor(layout), layout);

    assertEquals(layout.stride(), created.elementStride());
    assertEquals(layout.stride(), wrapped.elementStride());
    assertEquals(LENGTH, created.length());
    assertEquals(LENGTH, wrapped.length());
    assertEquals(layout.byteSize(), created.byteSize());
    assertEquals(layout.byteSize(), wrapped.byteSize());
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldNeedLengthTimesStrideBytes(Layout layout) {
    for (int length : new int[] {0, 1, LENGTH, 1000}) {
      assertEquals(
          length * layout.stride(),
          AtomicPerByteArray.storageSize(layout.codec(), length, layout.stride()),
          "length " + length);
    }
  }

  @Test
  void shouldAcceptTheLargestStrideForOneElement() {
    int stride = Integer.MAX_VALUE & ~7;

    assertEquals(stride, AtomicPerByteArray.storageSize(ByteCodecs.ofLong(), 1, stride));
  }

  @Test
  void shouldRejectAStridedStorageSizeOverIntegerMaxValue() {
    int length = Integer.MAX_VALUE / 128 + 1; // 128 bytes each: 2^31 bytes

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.storageSize(ByteCodecs.ofLong(), length, 128),
        String.valueOf(length));
  }

  @Test
  void shouldRejectCreatingAStridedArrayTooLargeForOneArray() {
    int length = Integer.MAX_VALUE / 16 + 1; // 16 words each

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.create(ByteCodecs.ofLong(), length, 1L, 128),
        "too large");
  }

  @Test
  void shouldCreateAnEmptyStridedArray() {
    AtomicPerByteArray<Long> array = AtomicPerByteArray.create(ByteCodecs.ofLong(), 0, 1L, 128);

    assertEquals(0, array.length());
    assertEquals(128, array.elementStride());
    assertEquals(0, AtomicPerByteArray.storageSize(ByteCodecs.ofLong(), 0, 128));
    assertThrows(IndexOutOfBoundsException.class, () -> array.load(0, MemoryOrder.RELAXED));
  }

  @Test
  void shouldAcceptAnyMultipleOfEightAsTheStrideOfEmptyElements() {
    ByteCodec<byte[]> empty = ByteCodecs.ofByteArray(0);

    assertEquals(0, AtomicPerByteArray.create(empty, 3, new byte[0], 0).elementStride());
    assertEquals(24, AtomicPerByteArray.storageSize(empty, 3, 8));
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.storageSize(empty, 3, -8),
        "elementStride");
  }

  // ---- rejected strides ----

  static Stream<Arguments> invalidStrides() {
    return Stream.of(
        Arguments.of(13, 1), // odd
        Arguments.of(13, 13),
        Arguments.of(13, 17),
        Arguments.of(13, Integer.MAX_VALUE),
        Arguments.of(13, 20), // even, not a multiple of 8
        Arguments.of(13, 36),
        Arguments.of(13, 132),
        Arguments.of(13, 8), // a multiple of 8 below the rounded size (16)
        Arguments.of(48, 40),
        Arguments.of(48, 44),
        Arguments.of(13, 0),
        Arguments.of(1, 0),
        Arguments.of(13, -1), // negative
        Arguments.of(13, -8),
        Arguments.of(13, -16),
        Arguments.of(13, -128),
        Arguments.of(13, Integer.MIN_VALUE));
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("invalidStrides")
  void shouldRejectCreateWithAnInvalidStrideNamingIt(int byteSize, int stride) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);

    for (int length : new int[] {0, LENGTH}) {
      assertThrowsMentioning(
          IllegalArgumentException.class,
          () -> AtomicPerByteArray.create(codec, length, new byte[byteSize], stride),
          "elementStride",
          String.valueOf(stride));
    }
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("invalidStrides")
  void shouldRejectWrapWithAnInvalidStrideLeavingTheBuffer(int byteSize, int stride) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    Layout untouched = new Layout(byteSize, 128);
    ByteBuffer buffer = sentinelBufferFor(untouched);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(buffer, MARGIN, codec, LENGTH, stride),
        "elementStride",
        String.valueOf(stride));

    assertBufferHolds(buffer, untouched, Map.of());
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("invalidStrides")
  void shouldRejectStorageSizeWithAnInvalidStrideNamingIt(int byteSize, int stride) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.storageSize(codec, LENGTH, stride),
        "elementStride",
        String.valueOf(stride));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectNullArgumentsOfTheStridedFactoriesNamingThem() {
    ByteCodec<Long> codec = ByteCodecs.ofLong();
    ByteBuffer buffer = ByteBuffer.allocateDirect(256);

    assertEquals(
        "codec",
        assertThrows(
                NullPointerException.class, () -> AtomicPerByteArray.create(null, 1, 1L, 128))
            .getMessage());
    assertEquals(
        "initialValue",
        assertThrows(
                NullPointerException.class, () -> AtomicPerByteArray.create(codec, 1, null, 128))
            .getMessage());
    assertEquals(
        "buffer",
        assertThrows(
                NullPointerException.class,
                // the cast picks the buffer overload: wrap(long[], int, ...) has the same shape
                () -> AtomicPerByteArray.wrap((ByteBuffer) null, 0, codec, 1, 128))
            .getMessage());
    assertEquals(
        "codec",
        assertThrows(
                NullPointerException.class, () -> AtomicPerByteArray.wrap(buffer, 0, null, 1, 128))
            .getMessage());
    assertEquals(
        "codec",
        assertThrows(
                NullPointerException.class, () -> AtomicPerByteArray.storageSize(null, 1, 128))
            .getMessage());
  }

  // ---- wrap: the room it needs ----

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldWrapABufferOfExactlyLengthTimesStrideBytes(Layout layout) {
    ByteBuffer buffer = sentinelBuffer(LENGTH * layout.stride());

    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(buffer, 0, layout.codec(), LENGTH, layout.stride());
    array.store(LENGTH - 1, layout.replacement(0), MemoryOrder.RELEASE);

    assertArrayEquals(
        layout.replacement(0), array.load(LENGTH - 1, MemoryOrder.ACQUIRE).bytes().toByteArray());
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldRejectWrappingABufferTooSmallForLengthTimesStrideBytesLeavingIt(Layout layout) {
    int needed = LENGTH * layout.stride();
    // the last element's own words fit, but not the stride after it (when the stride is padded)
    ByteBuffer lastElementFits = sentinelBuffer((LENGTH - 1) * layout.stride() + layout.rounded());
    ByteBuffer oneWordShort = sentinelBuffer(needed - 8);
    ByteBuffer shortFromOffset = sentinelBuffer(needed);
    ByteBuffer limited = sentinelBuffer(needed + 64);
    limited.limit(needed - 1);

    if (layout.stride() > layout.rounded()) {
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> AtomicPerByteArray.wrap(lastElementFits, 0, layout.codec(), LENGTH, layout.stride()));
    }
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> AtomicPerByteArray.wrap(oneWordShort, 0, layout.codec(), LENGTH, layout.stride()));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> AtomicPerByteArray.wrap(shortFromOffset, 8, layout.codec(), LENGTH, layout.stride()));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> AtomicPerByteArray.wrap(limited, 0, layout.codec(), LENGTH, layout.stride()));

    limited.limit(limited.capacity()); // check the bytes past the limit too
    for (ByteBuffer buffer : List.of(lastElementFits, oneWordShort, shortFromOffset, limited)) {
      for (int p = 0; p < buffer.capacity(); p++) {
        assertEquals(SENTINEL, buffer.get(p), "buffer byte " + p);
      }
    }
  }

  // ---- every operation hits its own element (heap and buffer) ----

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldCreateEveryElementHoldingTheInitialValue(Layout layout) {
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.create(layout.codec(), LENGTH, layout.initial(7), layout.stride());

    for (int i = 0; i < LENGTH; i++) {
      assertArrayEquals(
          layout.initial(7), array.load(i, MemoryOrder.ACQUIRE).assumeUntorn(), "element " + i);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("kindsAndPaddedLayouts")
  void shouldStoreAndLoadEachElementLeavingItsNeighbours(Kind kind, Layout layout) {
    AtomicPerByteArray<byte[]> array = holdingDistinct(kind, layout);
    byte[][] expected = initialBytes(layout);

    for (int i = 0; i < LENGTH; i++) {
      if (i % 2 == 0) {
        array.store(i, layout.replacement(i), MemoryOrder.RELEASE);
      } else {
        array.storeFrom(i, layout.holderOf(layout.replacement(i)), MemoryOrder.RELAXED);
      }
      expected[i] = layout.replacement(i);

      assertArrayEquals(expected, allBytesOf(array), "after storing element " + i);
      MaybeTorn<byte[]> destination = layout.holderOf(pattern(layout.byteSize(), 99));
      array.loadInto(i, destination, MemoryOrder.RELAXED);
      assertArrayEquals(layout.replacement(i), destination.assumeUntorn());
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("kindsAndPaddedLayouts")
  void shouldStoreARangeLeavingTheOtherElements(Kind kind, Layout layout) {
    AtomicPerByteArray<byte[]> array = holdingDistinct(kind, layout);

    array.storeRange(1, List.of(layout.replacement(1), layout.replacement(2)), MemoryOrder.RELEASE);

    byte[][] expected = initialBytes(layout);
    expected[1] = layout.replacement(1);
    expected[2] = layout.replacement(2);
    assertArrayEquals(expected, allBytesOf(array));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("kindsAndPaddedLayouts")
  void shouldStoreARangeFromHoldersLeavingTheOtherElements(Kind kind, Layout layout) {
    AtomicPerByteArray<byte[]> array = holdingDistinct(kind, layout);

    array.storeRangeFrom(
        2,
        List.of(layout.holderOf(layout.replacement(2)), layout.holderOf(layout.replacement(3))),
        MemoryOrder.RELAXED);

    byte[][] expected = initialBytes(layout);
    expected[2] = layout.replacement(2);
    expected[3] = layout.replacement(3);
    assertArrayEquals(expected, allBytesOf(array));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("kindsAndPaddedLayouts")
  void shouldLoadARangeOfTheRightElements(Kind kind, Layout layout) {
    AtomicPerByteArray<byte[]> array = holdingDistinct(kind, layout);
    List<MaybeTorn<byte[]>> all = patternHolders(layout, LENGTH);
    List<MaybeTorn<byte[]>> middle = patternHolders(layout, 2);

    array.loadRange(0, all, MemoryOrder.ACQUIRE);
    array.loadRange(1, middle, MemoryOrder.RELAXED);

    for (int i = 0; i < LENGTH; i++) {
      assertArrayEquals(layout.initial(i), all.get(i).assumeUntorn(), "element " + i);
    }
    assertArrayEquals(layout.initial(1), middle.get(0).assumeUntorn());
    assertArrayEquals(layout.initial(2), middle.get(1).assumeUntorn());
  }

  static IntStream sizesAcrossTheShortCopyLimit() {
    return IntStream.rangeClosed(1, 80);
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("sizesAcrossTheShortCopyLimit")
  void shouldRoundTripAnElementOfEverySizeWithAPaddedStride(int byteSize) {
    Layout layout = new Layout(byteSize, ((byteSize + 7) & ~7) + 16);
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.create(layout.codec(), 3, layout.initial(0), layout.stride());
    MaybeTorn<byte[]> destination = layout.holderOf(layout.initial(2));

    array.storeFrom(1, layout.holderOf(layout.replacement(1)), MemoryOrder.RELEASE);
    array.loadInto(1, destination, MemoryOrder.ACQUIRE);

    assertArrayEquals(layout.replacement(1), destination.bytes().toByteArray());
    assertArrayEquals(
        new byte[][] {layout.initial(0), layout.replacement(1), layout.initial(0)},
        allBytesOf(array));
  }

  // ---- a wrapped buffer: elements at i * stride, padding never written ----

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldLeaveTheBufferAloneWhenWrappingAndLoading(Layout layout) {
    ByteBuffer buffer = sentinelBufferFor(layout);
    Map<Integer, byte[]> elements = new HashMap<>();
    for (int i = 0; i < LENGTH; i++) {
      putElement(buffer, layout, i, layout.initial(i));
      elements.put(i, layout.initial(i));
    }

    AtomicPerByteArray<byte[]> array = wrapped(buffer, layout);
    for (int i = 0; i < LENGTH; i++) {
      assertArrayEquals(layout.initial(i), array.load(i, MemoryOrder.ACQUIRE).assumeUntorn());
      MaybeTorn<byte[]> destination = layout.holderOf(layout.replacement(0));
      array.loadInto(i, destination, MemoryOrder.RELAXED);
      assertArrayEquals(layout.initial(i), destination.assumeUntorn());
    }
    List<MaybeTorn<byte[]>> destinations = patternHolders(layout, LENGTH - 1);
    array.loadRange(1, destinations, MemoryOrder.ACQUIRE);
    for (int i = 0; i < LENGTH - 1; i++) {
      assertArrayEquals(layout.initial(i + 1), destinations.get(i).assumeUntorn());
    }

    assertBufferHolds(buffer, layout, elements);
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldStoreEachElementAtItsStrideWritingNoPadding(Layout layout) {
    ByteBuffer buffer = sentinelBufferFor(layout);
    AtomicPerByteArray<byte[]> array = wrapped(buffer, layout);
    Map<Integer, byte[]> elements = new HashMap<>();

    array.store(2, layout.replacement(2), MemoryOrder.RELEASE);
    elements.put(2, layout.replacement(2));
    assertBufferHolds(buffer, layout, elements);

    array.store(0, layout.replacement(0), MemoryOrder.RELAXED);
    elements.put(0, layout.replacement(0));
    assertBufferHolds(buffer, layout, elements);

    array.store(LENGTH - 1, layout.replacement(3), MemoryOrder.RELEASE);
    elements.put(LENGTH - 1, layout.replacement(3));
    assertBufferHolds(buffer, layout, elements);
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldStoreEachElementFromAHolderAtItsStrideWritingNoPadding(Layout layout) {
    ByteBuffer buffer = sentinelBufferFor(layout);
    AtomicPerByteArray<byte[]> array = wrapped(buffer, layout);
    Map<Integer, byte[]> elements = new HashMap<>();

    array.storeFrom(1, layout.holderOf(layout.replacement(1)), MemoryOrder.RELEASE);
    elements.put(1, layout.replacement(1));
    assertBufferHolds(buffer, layout, elements);

    array.storeFrom(LENGTH - 1, layout.holderOf(layout.replacement(3)), MemoryOrder.RELAXED);
    elements.put(LENGTH - 1, layout.replacement(3));
    assertBufferHolds(buffer, layout, elements);
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldStoreARangeAtItsStridesWritingNoPadding(Layout layout) {
    ByteBuffer buffer = sentinelBufferFor(layout);
    AtomicPerByteArray<byte[]> array = wrapped(buffer, layout);

    array.storeRange(1, List.of(layout.replacement(1), layout.replacement(2)), MemoryOrder.RELEASE);
    assertBufferHolds(buffer, layout, Map.of(1, layout.replacement(1), 2, layout.replacement(2)));

    List<byte[]> all = new ArrayList<>();
    Map<Integer, byte[]> elements = new HashMap<>();
    for (int i = 0; i < LENGTH; i++) {
      all.add(layout.initial(i));
      elements.put(i, layout.initial(i));
    }
    array.storeRange(0, all, MemoryOrder.RELAXED);
    assertBufferHolds(buffer, layout, elements);
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldStoreARangeFromHoldersAtItsStridesWritingNoPadding(Layout layout) {
    ByteBuffer buffer = sentinelBufferFor(layout);
    AtomicPerByteArray<byte[]> array = wrapped(buffer, layout);

    array.storeRangeFrom(
        2,
        List.of(layout.holderOf(layout.replacement(2)), layout.holderOf(layout.replacement(3))),
        MemoryOrder.RELEASE);
    assertBufferHolds(buffer, layout, Map.of(2, layout.replacement(2), 3, layout.replacement(3)));

    List<MaybeTorn<byte[]>> all = new ArrayList<>();
    Map<Integer, byte[]> elements = new HashMap<>();
    for (int i = 0; i < LENGTH; i++) {
      all.add(layout.holderOf(layout.initial(i)));
      elements.put(i, layout.initial(i));
    }
    array.storeRangeFrom(0, all, MemoryOrder.RELAXED);
    assertBufferHolds(buffer, layout, elements);
  }

  @ParameterizedTest
  @MethodSource("paddedLayouts")
  void shouldWriteNothingWhenARangeStoreIsRejected(Layout layout) {
    ByteBuffer buffer = sentinelBufferFor(layout);
    AtomicPerByteArray<byte[]> array = wrapped(buffer, layout);
    List<byte[]> badInTheMiddle =
        List.of(layout.replacement(0), new byte[layout.byteSize() + 1], layout.replacement(2));

    assertThrows(
        IllegalArgumentException.class,
        () -> array.storeRange(0, badInTheMiddle, MemoryOrder.RELEASE));
    assertThrows(
        IndexOutOfBoundsException.class,
        () ->
            array.storeRange(
                LENGTH - 1,
                List.of(layout.replacement(0), layout.replacement(1)),
                MemoryOrder.RELEASE));

    assertBufferHolds(buffer, layout, Map.of());
  }

  @Test
  void shouldPlaceAStridedElementWhereAPackedViewOfTheSameBytesSeesIt() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(LENGTH * 128);
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13);
    AtomicPerByteArray<byte[]> strided = AtomicPerByteArray.wrap(buffer, 0, codec, LENGTH, 128);
    AtomicPerByteArray<byte[]> packed = AtomicPerByteArray.wrap(buffer, 0, codec, LENGTH * 8);

    strided.store(3, pattern(13, 3), MemoryOrder.RELEASE);
    packed.store(8, pattern(13, 1), MemoryOrder.RELEASE); // element 1 of the strided view

    assertArrayEquals(pattern(13, 3), packed.load(3 * 8, MemoryOrder.ACQUIRE).assumeUntorn());
    assertArrayEquals(pattern(13, 1), strided.load(1, MemoryOrder.ACQUIRE).assumeUntorn());
  }

  // ---- toString ----

  @Test
  void shouldDescribeAStridedHeapArray() {
    AtomicPerByteArray<Integer> array =
        AtomicPerByteArray.create(new Fixtures.UndecodableCodec(), 2, 5, 128);

    assertEquals(
        "AtomicPerByteArray[codec=undecodable, length=2, byteSize=4, elementStride=128, heap]",
        array.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 64})
  void shouldDescribeAStridedWrappedArray(int stride) {
    AtomicPerByteArray<Integer> array =
        AtomicPerByteArray.wrap(
            ByteBuffer.allocateDirect(8 + 2 * stride), 8, new Fixtures.UndecodableCodec(), 2, stride);

    assertEquals(
        "AtomicPerByteArray[codec=undecodable, length=2, byteSize=4, elementStride="
            + stride
            + ", buffer at offset 8]",
        array.toString());
  }
}
