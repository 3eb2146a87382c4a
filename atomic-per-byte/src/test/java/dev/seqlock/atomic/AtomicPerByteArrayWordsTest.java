package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static dev.seqlock.atomic.Fixtures.bytesOf;
import static dev.seqlock.atomic.Fixtures.imageOf;
import static dev.seqlock.atomic.Fixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AtomicPerByteArray#wrap(long[], ByteCodec, int, int)} and
 * {@link AtomicPerByteArray#wrap(long[], int, ByteCodec, int, int)}: the words the caller keeps are
 * the array's storage, in the documented layout, both ways; the words outside the region and between
 * elements are never touched; and a rejected wrap changes nothing.
 */
class AtomicPerByteArrayWordsTest {
  private static final int LENGTH = 3;

  /** What every word holds before the test stores anything. */
  private static final long SENTINEL = 0xA5A5_A5A5_A5A5_A5A5L;

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(1, 8),
        Arguments.of(13, 16), // packed, not a multiple of 8
        Arguments.of(13, 64), // padded
        Arguments.of(48, 48),
        Arguments.of(48, 128));
  }

  /** Byte k of element i of the region that starts at word firstWord, as the javadoc lays it out. */
  private static byte byteOf(long[] words, int firstWord, int strideBytes, int i, int k) {
    return (byte) (words[firstWord + i * strideBytes / 8 + k / 8] >>> ((k % 8) * 8));
  }

  private static long[] sentinelWords(int strideBytes) {
    long[] words = new long[LENGTH * strideBytes / 8];
    Arrays.fill(words, SENTINEL);
    return words;
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("layouts")
  void storesLandInTheWordsInTheDocumentedLayoutAndNowhereElse(int byteSize, int strideBytes) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    long[] words = sentinelWords(strideBytes);
    AtomicPerByteArray<byte[]> array = AtomicPerByteArray.wrap(words, codec, LENGTH, strideBytes);

    for (int i = 0; i < LENGTH; i++) {
      array.store(i, pattern(byteSize, i), MemoryOrder.RELEASE);
    }

    assertElementsHoldTheirPatterns(words, 0, strideBytes, byteSize);
    int rounded = (byteSize + 7) & ~7;
    for (int i = 0; i < LENGTH; i++) {
      for (int w = (i * strideBytes + rounded) / 8; w < (i + 1) * strideBytes / 8; w++) {
        assertEquals(SENTINEL, words[w], "padding word " + w + " is never written");
      }
    }
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("layouts")
  void loadsReadWhatTheCallerPutInTheWords(int byteSize, int strideBytes) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    long[] words = new long[LENGTH * strideBytes / 8];
    for (int i = 0; i < LENGTH; i++) { // the caller writes the layout itself, before wrapping
      byte[] value = pattern(byteSize, 10 + i);
      for (int k = 0; k < byteSize; k++) {
        words[i * strideBytes / 8 + k / 8] |= (value[k] & 0xFFL) << ((k % 8) * 8);
      }
    }

    AtomicPerByteArray<byte[]> array = AtomicPerByteArray.wrap(words, codec, LENGTH, strideBytes);

    assertLoadsSeeTheCallersWords(array, words, 0, byteSize, strideBytes);
  }

  /**
   * The elements of {@code array} (over {@code words} from {@code firstWord}) are the patterns the
   * caller wrote, and a word the caller writes after wrapping is what the next loads return.
   */
  private static void assertLoadsSeeTheCallersWords(
      AtomicPerByteArray<byte[]> array, long[] words, int firstWord, int byteSize, int strideBytes) {
    for (int i = 0; i < LENGTH; i++) {
      assertArrayEquals(pattern(byteSize, 10 + i), bytesOf(array, i), "element " + i);
    }
    words[firstWord + strideBytes / 8] = 0x1122_3344_5566_7788L; // element 1's first word
    if (byteSize >= 8) {
      assertEquals(0x1122_3344_5566_7788L, array.loadLongUnordered(1, 0));
      assertEquals(0x5566_7788, array.loadIntUnordered(1, 0));
      assertEquals(0x1122_3344, array.loadIntUnordered(1, 4));
    } else {
      assertEquals((byte) 0x88, bytesOf(array, 1)[0]);
    }
  }

  @Test
  void thePackedFormIsTheStrideOfTheRoundedSize() {
    long[] words = new long[LENGTH * 2];
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(words, ByteCodecs.ofByteArray(13), LENGTH);

    array.storeLongUnordered(2, 0, -1L);

    assertEquals(16, array.elementStride());
    assertEquals(-1L, words[4], "element 2 starts at word 2 * 2");
  }

  @Test
  void anEmptyArrayWrapsNoWords() {
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(new long[0], ByteCodecs.ofByteArray(24), 0, 64);

    assertEquals(0, array.length());
  }

  @Test
  void wordsOfAnyOtherLengthAreRejectedNamingTheRule() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13);
    for (int wrong : new int[] {0, 5, 7, 13}) { // 3 elements of 16 bytes: exactly 6 words
      long[] words = new long[wrong];
      Arrays.fill(words, SENTINEL);

      assertThrowsMentioning(
          IllegalArgumentException.class,
          () -> AtomicPerByteArray.wrap(words, codec, LENGTH),
          "words must be exactly 6 words long",
          ": " + wrong);

      long[] untouched = new long[wrong];
      Arrays.fill(untouched, SENTINEL);
      assertArrayEquals(untouched, words, "a rejected wrap changes nothing");
    }
  }

  @Test
  void badStridesAndLengthsAreRejectedAsByTheOtherFactories() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(new long[6], codec, LENGTH, 12),
        "elementStride",
        "12");
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(new long[0], codec, -1),
        "length must not be negative");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsAreRejectedByName() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(8);

    assertEquals(
        "words",
        assertThrows(NullPointerException.class, () -> AtomicPerByteArray.wrap(null, codec, 1))
            .getMessage());
    assertEquals(
        "codec",
        assertThrows(
                NullPointerException.class,
                () -> AtomicPerByteArray.wrap(new long[1], (ByteCodec<byte[]>) null, 1))
            .getMessage());
  }

  // ---- wrap(long[], int firstWord, ...): a region of the caller's words ----

  /** Words before the region in the tests of the region overload. */
  private static final int FIRST = 3;

  /** Words after the region in the tests of the region overload. */
  private static final int TAIL = 2;

  /** Bytes of the elements of the every-kind tests: two words, the second one partly padding. */
  private static final int BYTES = 13;

  /** Their stride: padded, two words of the caller's own between neighbouring elements. */
  private static final int STRIDE = 32;

  /** {@code FIRST} words, then the region, then {@code TAIL} words; every word SENTINEL. */
  private static long[] sentinelWordsAround(int strideBytes) {
    long[] words = new long[FIRST + LENGTH * strideBytes / 8 + TAIL];
    Arrays.fill(words, SENTINEL);
    return words;
  }

  /**
   * Writes {@code bytes} as bytes {@code from} onwards of element {@code i} of the region of
   * {@code words} that starts at word {@code FIRST}, as the javadoc lays it out; the other bytes keep
   * their values.
   */
  private static void putBytes(long[] words, int strideBytes, int i, int from, byte[] bytes) {
    for (int j = 0; j < bytes.length; j++) {
      int k = from + j;
      int w = FIRST + i * strideBytes / 8 + k / 8;
      int shift = (k % 8) * 8;
      words[w] = (words[w] & ~(0xFFL << shift)) | ((bytes[j] & 0xFFL) << shift);
    }
  }

  /** What a store of a whole element does: its value, then zeros to the end of its last word. */
  private static void putElement(long[] words, int strideBytes, int i, byte[] value) {
    putBytes(words, strideBytes, i, 0, Arrays.copyOf(value, (value.length + 7) & ~7));
  }

  /** The {@code size} bytes of {@code bits}, least significant first. */
  private static byte[] littleEndian(long bits, int size) {
    byte[] bytes = new byte[size];
    for (int j = 0; j < size; j++) {
      bytes[j] = (byte) (bits >>> (j * 8));
    }
    return bytes;
  }

  /** Whether word {@code w} holds bytes of an element: one of its first {@code valueWords} words. */
  private static boolean isElementWord(int w, int strideBytes, int valueWords) {
    int r = w - FIRST;
    return r >= 0 && r < LENGTH * strideBytes / 8 && r % (strideBytes / 8) < valueWords;
  }

  /** Asserts that every word before the region, between elements and after it is still SENTINEL. */
  private static void assertOtherWordsUntouched(long[] words, int strideBytes, int byteSize) {
    int valueWords = (byteSize + 7) / 8;
    int others = 0;
    for (int w = 0; w < words.length; w++) {
      if (!isElementWord(w, strideBytes, valueWords)) {
        assertEquals(SENTINEL, words[w], "word " + w + " is not an element's: never touched");
        others++;
      }
    }
    assertEquals(FIRST + TAIL + LENGTH * (strideBytes / 8 - valueWords), others, "words checked");
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("layouts")
  void regionStoresLandInTheDocumentedLayoutAndNowhereElse(int byteSize, int strideBytes) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    long[] words = sentinelWordsAround(strideBytes);
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(words, FIRST, codec, LENGTH, strideBytes);

    for (int i = 0; i < LENGTH; i++) {
      array.store(i, pattern(byteSize, i), MemoryOrder.RELEASE);
    }

    assertElementsHoldTheirPatterns(words, FIRST, strideBytes, byteSize);
    assertOtherWordsUntouched(words, strideBytes, byteSize);
  }

  /**
   * Element i of the words from {@code firstWord} holds {@code pattern(byteSize, i)} in the documented
   * layout, and zeros from the value's end to the end of its last word (a store writes whole words).
   */
  private static void assertElementsHoldTheirPatterns(
      long[] words, int firstWord, int strideBytes, int byteSize) {
    int rounded = (byteSize + 7) & ~7;
    for (int i = 0; i < LENGTH; i++) {
      byte[] expected = pattern(byteSize, i);
      for (int k = 0; k < rounded; k++) {
        assertEquals(
            k < byteSize ? expected[k] : 0,
            byteOf(words, firstWord, strideBytes, i, k),
            "element " + i + ", byte " + k);
      }
    }
  }

  @ParameterizedTest(name = "{0}-byte elements, stride {1}")
  @MethodSource("layouts")
  void regionLoadsReadWhatTheCallerPutInTheRegion(int byteSize, int strideBytes) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    long[] words = sentinelWordsAround(strideBytes); // the caller's own words stay SENTINEL
    for (int i = 0; i < LENGTH; i++) { // the caller writes the layout itself, before wrapping
      byte[] value = pattern(byteSize, 10 + i);
      for (int k = 0; k < byteSize; k++) {
        int w = FIRST + i * strideBytes / 8 + k / 8;
        int shift = (k % 8) * 8;
        words[w] = (words[w] & ~(0xFFL << shift)) | ((value[k] & 0xFFL) << shift);
      }
    }

    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(words, FIRST, codec, LENGTH, strideBytes);

    assertLoadsSeeTheCallersWords(array, words, FIRST, byteSize, strideBytes);
  }

  /** A store of one kind into every element, and what it does to the words as the layout says. */
  @FunctionalInterface
  private interface StoreKind {
    void storeEveryElement(AtomicPerByteArray<byte[]> array, long[] expected);
  }

  static Stream<Arguments> storesOfEveryKind() {
    return Stream.of(
        Arguments.of("store", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            array.store(i, pattern(BYTES, 50 + i), MemoryOrder.RELEASE);
            putElement(expected, STRIDE, i, pattern(BYTES, 50 + i));
          }
        }),
        Arguments.of("storeFrom", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            byte[] value = pattern(BYTES, 60 + i);
            array.storeFrom(i, MaybeTorn.of(array.codec(), value), MemoryOrder.RELAXED);
            putElement(expected, STRIDE, i, value);
          }
        }),
        Arguments.of("storeRange", (StoreKind) (array, expected) -> {
          List<byte[]> values = new ArrayList<>();
          for (int i = 0; i < LENGTH; i++) {
            values.add(pattern(BYTES, 70 + i));
            putElement(expected, STRIDE, i, values.get(i));
          }
          array.storeRange(0, values, MemoryOrder.RELEASE);
        }),
        Arguments.of("storeRangeFrom", (StoreKind) (array, expected) -> {
          List<MaybeTorn<byte[]>> sources = new ArrayList<>();
          for (int i = 0; i < LENGTH; i++) {
            sources.add(MaybeTorn.of(array.codec(), pattern(BYTES, 80 + i)));
            putElement(expected, STRIDE, i, pattern(BYTES, 80 + i));
          }
          array.storeRangeFrom(0, sources, MemoryOrder.RELAXED);
        }),
        Arguments.of("storeLongUnordered at 0 (one whole word)", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            long bits = 0x0102_0304_0506_0708L * (i + 1);
            array.storeLongUnordered(i, 0, bits);
            putBytes(expected, STRIDE, i, 0, littleEndian(bits, 8));
          }
        }),
        Arguments.of("storeLongUnordered at 5 (across two words)", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            long bits = 0x1112_1314_1516_1718L * (i + 1);
            array.storeLongUnordered(i, 5, bits);
            putBytes(expected, STRIDE, i, 5, littleEndian(bits, 8));
          }
        }),
        Arguments.of("storeIntUnordered at 8 (in the last word)", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            int bits = 0x2122_2324 * (i + 1);
            array.storeIntUnordered(i, 8, bits);
            putBytes(expected, STRIDE, i, 8, littleEndian(bits, 4));
          }
        }),
        Arguments.of("storeIntUnordered at 6 (across two words)", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            int bits = 0x3132_3334 * (i + 1);
            array.storeIntUnordered(i, 6, bits);
            putBytes(expected, STRIDE, i, 6, littleEndian(bits, 4));
          }
        }),
        Arguments.of("storeShortUnordered at 7 (across two words)", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            short bits = (short) (0x4142 * (i + 1));
            array.storeShortUnordered(i, 7, bits);
            putBytes(expected, STRIDE, i, 7, littleEndian(bits, 2));
          }
        }),
        Arguments.of("storeByteUnordered at 12 (the last byte)", (StoreKind) (array, expected) -> {
          for (int i = 0; i < LENGTH; i++) {
            byte bits = (byte) (0x51 * (i + 1));
            array.storeByteUnordered(i, 12, bits);
            putBytes(expected, STRIDE, i, 12, littleEndian(bits, 1));
          }
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storesOfEveryKind")
  void storesOfEveryKindWriteOnlyTheirElementsWords(String kind, StoreKind store) {
    long[] words = sentinelWordsAround(STRIDE);
    long[] expected = words.clone();
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(words, FIRST, ByteCodecs.ofByteArray(BYTES), LENGTH, STRIDE);

    store.storeEveryElement(array, expected);

    assertOtherWordsUntouched(words, STRIDE, BYTES);
    assertArrayEquals(expected, words, kind + " writes its bytes where the layout puts them");
  }

  /** A load of one kind from every element, checked against the values the words hold. */
  @FunctionalInterface
  private interface LoadKind {
    void checkEveryElement(AtomicPerByteArray<byte[]> array, byte[][] values);
  }

  static Stream<Arguments> loadsOfEveryKind() {
    return Stream.of(
        Arguments.of("load", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertArrayEquals(
                values[i],
                array.load(i, MemoryOrder.RELAXED).bytes().toByteArray(),
                "element " + i);
          }
        }),
        Arguments.of("loadInto", (LoadKind) (array, values) -> {
          MaybeTorn<byte[]> holder = MaybeTorn.allocate(array.codec());
          for (int i = 0; i < LENGTH; i++) {
            array.loadInto(i, holder, MemoryOrder.ACQUIRE);
            assertArrayEquals(values[i], holder.bytes().toByteArray(), "element " + i);
          }
        }),
        Arguments.of("loadRange", (LoadKind) (array, values) -> {
          List<MaybeTorn<byte[]>> holders = new ArrayList<>();
          for (int i = 0; i < LENGTH; i++) {
            holders.add(MaybeTorn.allocate(array.codec()));
          }
          array.loadRange(0, holders, MemoryOrder.ACQUIRE);
          for (int i = 0; i < LENGTH; i++) {
            assertArrayEquals(values[i], holders.get(i).bytes().toByteArray(), "element " + i);
          }
        }),
        Arguments.of("loadLongUnordered at 0 (one whole word)", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertEquals(imageOf(values[i]).getLong(0), array.loadLongUnordered(i, 0), "element " + i);
          }
        }),
        Arguments.of("loadLongUnordered at 5 (across two words)", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertEquals(imageOf(values[i]).getLong(5), array.loadLongUnordered(i, 5), "element " + i);
          }
        }),
        Arguments.of("loadIntUnordered at 8 (in the last word)", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertEquals(imageOf(values[i]).getInt(8), array.loadIntUnordered(i, 8), "element " + i);
          }
        }),
        Arguments.of("loadIntUnordered at 6 (across two words)", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertEquals(imageOf(values[i]).getInt(6), array.loadIntUnordered(i, 6), "element " + i);
          }
        }),
        Arguments.of("loadShortUnordered at 7 (across two words)", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertEquals(
                imageOf(values[i]).getShort(7), array.loadShortUnordered(i, 7), "element " + i);
          }
        }),
        Arguments.of("loadByteUnordered at 12 (the last byte)", (LoadKind) (array, values) -> {
          for (int i = 0; i < LENGTH; i++) {
            assertEquals(
                imageOf(values[i]).getByte(12), array.loadByteUnordered(i, 12), "element " + i);
          }
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loadsOfEveryKind")
  void loadsOfEveryKindReadOnlyTheirElementsWordsAndWriteNothing(String kind, LoadKind load) {
    long[] words = sentinelWordsAround(STRIDE); // any word read outside an element gives 0xA5 bytes
    byte[][] values = new byte[LENGTH][];
    for (int i = 0; i < LENGTH; i++) {
      values[i] = pattern(BYTES, 90 + i);
      putElement(words, STRIDE, i, values[i]);
    }
    long[] before = words.clone();
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(words, FIRST, ByteCodecs.ofByteArray(BYTES), LENGTH, STRIDE);

    load.checkEveryElement(array, values);

    assertArrayEquals(before, words, kind + " writes nothing");
  }

  @Test
  void aRegionMayEndAnywhereWithinTheWords() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(16); // 3 elements of 16 bytes: 6 words
    for (int[] fit : new int[][] {{0, 6}, {0, 9}, {3, 9}, {3, 12}}) { // {firstWord, words.length}
      int firstWord = fit[0];
      long[] words = new long[fit[1]];

      AtomicPerByteArray<byte[]> array = AtomicPerByteArray.wrap(words, firstWord, codec, LENGTH, 16);
      array.storeLongUnordered(LENGTH - 1, 8, -1L);

      assertEquals(-1L, words[firstWord + 5], "the last element's last word");
    }
  }

  @Test
  void anEmptyRegionMayStartAtTheEndOfTheWords() {
    AtomicPerByteArray<byte[]> array =
        AtomicPerByteArray.wrap(new long[4], 4, ByteCodecs.ofByteArray(24), 0, 64);

    assertEquals(0, array.length());
  }

  @Test
  void theRegionOverloadDescribesItsFirstWord() {
    AtomicPerByteArray<Integer> array =
        AtomicPerByteArray.wrap(new long[7], 3, new Fixtures.UndecodableCodec(), 2, 16);

    assertEquals(
        "AtomicPerByteArray[codec=undecodable, length=2, byteSize=4, elementStride=16, heap from"
            + " word 3]",
        array.toString());
  }

  /** Asserts that {@code words} still holds {@code SENTINEL} in every word. */
  private static void assertUnchanged(long[] words) {
    long[] untouched = new long[words.length];
    Arrays.fill(untouched, SENTINEL);
    assertArrayEquals(untouched, words, "a rejected wrap changes nothing");
  }

  @Test
  void aNegativeFirstWordIsRejectedNamingIt() {
    long[] words = sentinelWordsAround(16);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(words, -1, ByteCodecs.ofByteArray(13), LENGTH, 16),
        "firstWord must not be negative: -1");
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(words, Integer.MIN_VALUE, ByteCodecs.ofByteArray(13), 0, 16),
        "firstWord must not be negative: " + Integer.MIN_VALUE);
    assertUnchanged(words);
  }

  @Test
  void aRegionPastTheEndOfTheWordsIsRejectedNamingTheNeededLength() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13); // 3 elements of 16 bytes: 6 words
    for (int[] misfit : new int[][] {{0, 5}, {3, 8}, {4, 9}, {10, 9}, {1, 0}}) { // as above
      int firstWord = misfit[0];
      long[] words = new long[misfit[1]];
      Arrays.fill(words, SENTINEL);

      assertThrowsMentioning(
          IllegalArgumentException.class,
          () -> AtomicPerByteArray.wrap(words, firstWord, codec, LENGTH, 16),
          "words must hold at least firstWord + 6 = " + (firstWord + 6) + " words",
          "from firstWord " + firstWord + "): " + words.length);
      assertUnchanged(words);
    }
    long[] words = sentinelWordsAround(16);
    assertThrowsMentioning( // an empty region must still start within the words
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(words, words.length + 1, codec, 0, 16),
        "firstWord + 0 = " + (words.length + 1),
        ": " + words.length);
    assertUnchanged(words);
  }

  @Test
  void aFirstWordNearIntegerMaxValueIsRejectedWithoutOverflow() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13); // 3 elements of 16 bytes: 6 words
    long[] words = sentinelWordsAround(16);
    for (int firstWord : new int[] {Integer.MAX_VALUE - 5, Integer.MAX_VALUE - 2, Integer.MAX_VALUE}) {
      assertThrowsMentioning( // in int, firstWord + 6 wraps to a negative end that would pass
          IllegalArgumentException.class,
          () -> AtomicPerByteArray.wrap(words, firstWord, codec, LENGTH, 16),
          "firstWord + 6 = " + ((long) firstWord + 6) + " words",
          "from firstWord " + firstWord + "): " + words.length);
    }
    assertUnchanged(words);
  }

  @Test
  void badStridesAndLengthsOfTheRegionOverloadAreRejectedAsByTheOtherFactories() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13);
    long[] words = sentinelWordsAround(16);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(words, FIRST, codec, LENGTH, 12),
        "elementStride",
        "12");
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(words, FIRST, codec, -1, 16),
        "length must not be negative");
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(words, FIRST, codec, Integer.MAX_VALUE, 16),
        "too large");
    assertUnchanged(words);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsOfTheRegionOverloadAreRejectedByName() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(8);
    long[] words = sentinelWordsAround(8);

    assertEquals(
        "words",
        assertThrows(
                NullPointerException.class,
                () -> AtomicPerByteArray.wrap((long[]) null, FIRST, codec, 1, 8))
            .getMessage());
    assertEquals(
        "codec",
        assertThrows(
                NullPointerException.class,
                () -> AtomicPerByteArray.wrap(words, FIRST, (ByteCodec<byte[]>) null, 1, 8))
            .getMessage());
    assertUnchanged(words);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void theRegionOverloadChecksInTheDocumentedOrder() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(13);
    long[] shortWords = new long[2]; // too short for any region below

    assertEquals( // words before codec
        "words",
        assertThrows(
                NullPointerException.class,
                () -> AtomicPerByteArray.wrap((long[]) null, -1, (ByteCodec<byte[]>) null, -1, 12))
            .getMessage());
    assertEquals( // codec before the stride
        "codec",
        assertThrows(
                NullPointerException.class,
                () -> AtomicPerByteArray.wrap(shortWords, -1, (ByteCodec<byte[]>) null, -1, 12))
            .getMessage());
    assertThrowsMentioning( // the stride before the length
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(shortWords, -1, codec, -1, 12),
        "elementStride");
    assertThrowsMentioning( // the length before firstWord
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(shortWords, -1, codec, -1, 16),
        "length must not be negative");
    assertThrowsMentioning( // firstWord before the region
        IllegalArgumentException.class,
        () -> AtomicPerByteArray.wrap(shortWords, -1, codec, LENGTH, 16),
        "firstWord must not be negative");
  }
}
