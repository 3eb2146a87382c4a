package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlock.atomic.Fixtures.Storage;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The straight-line copy of short runs and the switch from it to {@code System.arraycopy}. */
class SharedWordsTest {
  private static final int ARRAY_WORDS = 16;

  /** Words that differ from each other and from those of {@link #destination}. */
  private static long[] source() {
    long[] words = new long[ARRAY_WORDS];
    for (int i = 0; i < ARRAY_WORDS; i++) {
      words[i] = (0x0101_0101_0101_0101L * (i + 1)) ^ 0x8000_0000_0000_0000L;
    }
    return words;
  }

  private static long[] destination() {
    long[] words = new long[ARRAY_WORDS];
    for (int i = 0; i < ARRAY_WORDS; i++) {
      words[i] = -1L - i;
    }
    return words;
  }

  static Stream<Arguments> countsAndOffsets() {
    return IntStream.rangeClosed(0, SharedWords.SHORT_COPY_WORDS)
        .boxed()
        .flatMap(
            count ->
                Stream.of(
                    Arguments.of(count, 0, 0),
                    Arguments.of(count, 1, 0),
                    Arguments.of(count, 0, 3),
                    Arguments.of(count, 5, 2),
                    Arguments.of(count, ARRAY_WORDS - count, ARRAY_WORDS - count)));
  }

  @ParameterizedTest(name = "{0} words from {1} to {2}")
  @MethodSource("countsAndOffsets")
  void shouldCopyExactlyTheRequestedWords(int count, int fromIndex, int toIndex) {
    long[] from = source();
    long[] to = destination();

    SharedWords.copyShort(from, fromIndex, to, toIndex, count);

    long[] expected = destination();
    System.arraycopy(source(), fromIndex, expected, toIndex, count);
    assertArrayEquals(expected, to);
    assertArrayEquals(source(), from);
  }

  @ParameterizedTest(name = "{0} words")
  @MethodSource("countsUpToTheLimit")
  void shouldCopyBetweenArraysOfExactlyTheCount(int count) {
    long[] from = Arrays.copyOf(source(), count);
    long[] to = new long[count];

    SharedWords.copyShort(from, 0, to, 0, count);

    assertArrayEquals(from, to);
  }

  static IntStream countsUpToTheLimit() {
    return IntStream.rangeClosed(0, SharedWords.SHORT_COPY_WORDS);
  }

  static Stream<Arguments> rangesOutOfBounds() {
    return Stream.of(
        Arguments.of(-1, 0, 1),
        Arguments.of(0, -1, 1),
        Arguments.of(Integer.MIN_VALUE, 0, 1),
        Arguments.of(ARRAY_WORDS - 1, 0, 2), // source too short
        Arguments.of(0, ARRAY_WORDS - 1, 2), // destination too short
        Arguments.of(ARRAY_WORDS - 7, 0, 8),
        Arguments.of(0, ARRAY_WORDS - 3, 8),
        Arguments.of(ARRAY_WORDS + 1, 0, 0), // empty, but past the end
        Arguments.of(0, ARRAY_WORDS + 1, 0),
        Arguments.of(0, 0, -1), // negative count
        Arguments.of(Integer.MAX_VALUE, Integer.MAX_VALUE, 8));
  }

  @ParameterizedTest(name = "from {0} to {1}, {2} words")
  @MethodSource("rangesOutOfBounds")
  void shouldRejectARangeOutOfBoundsChangingNothing(int fromIndex, int toIndex, int count) {
    long[] from = source();
    long[] to = destination();

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> SharedWords.copyShort(from, fromIndex, to, toIndex, count));

    assertArrayEquals(destination(), to);
    assertArrayEquals(source(), from);
  }

  // ---- through AtomicPerByte: both sides of the 8-word limit ----

  static Stream<Arguments> storagesAndSizes() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage -> IntStream.rangeClosed(1, 80).mapToObj(size -> Arguments.of(storage, size)));
  }

  @ParameterizedTest(name = "{0}: {1} bytes")
  @MethodSource("storagesAndSizes")
  void shouldLoadIntoExactlyWhatWasStoredFromAHolder(Storage storage, int byteSize) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(byteSize);
    AtomicPerByte<byte[]> value = storage.value(codec);
    value.store(pattern(byteSize, 1), MemoryOrder.RELAXED);
    MaybeTorn<byte[]> destination = MaybeTorn.of(codec, pattern(byteSize, 3));

    value.storeFrom(MaybeTorn.of(codec, pattern(byteSize, 2)), MemoryOrder.RELEASE);
    value.loadInto(destination, MemoryOrder.ACQUIRE);

    assertArrayEquals(pattern(byteSize, 2), destination.bytes().toByteArray());
    assertArrayEquals(pattern(byteSize, 2), value.load(MemoryOrder.RELAXED).assumeUntorn());
  }
}
