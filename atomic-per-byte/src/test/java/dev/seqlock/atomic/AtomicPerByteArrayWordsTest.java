package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static dev.seqlock.atomic.Fixtures.bytesOf;
import static dev.seqlock.atomic.Fixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AtomicPerByteArray#wrap(long[], ByteCodec, int, int)}: the words the caller keeps are the
 * array's storage, in the documented layout, both ways, and a rejected wrap changes nothing.
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

  /** Byte k of element i, as the javadoc lays it out. */
  private static byte byteOf(long[] words, int strideBytes, int i, int k) {
    return (byte) (words[i * strideBytes / 8 + k / 8] >>> ((k % 8) * 8));
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

    int rounded = (byteSize + 7) & ~7;
    for (int i = 0; i < LENGTH; i++) {
      byte[] expected = pattern(byteSize, i);
      for (int k = 0; k < byteSize; k++) {
        assertEquals(expected[k], byteOf(words, strideBytes, i, k), "element " + i + ", byte " + k);
      }
      for (int k = byteSize; k < rounded; k++) { // a store writes whole words: zero after the value
        assertEquals(0, byteOf(words, strideBytes, i, k), "element " + i + ", byte " + k);
      }
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

    for (int i = 0; i < LENGTH; i++) {
      assertArrayEquals(pattern(byteSize, 10 + i), bytesOf(array, i), "element " + i);
    }
    words[strideBytes / 8] = 0x1122_3344_5566_7788L; // a whole word of element 1, after wrapping
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
}
