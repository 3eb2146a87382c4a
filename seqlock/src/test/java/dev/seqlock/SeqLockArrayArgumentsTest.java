package dev.seqlock;

import static dev.seqlock.Fixtures.assertUnchangedAndFree;
import static dev.seqlock.Fixtures.distinctSlots;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.PaddedLongCodec;
import dev.seqlock.Fixtures.SlotStates;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments to {@link SeqLockArray} are rejected with the documented exception, naming the
 * parameter, and a rejected call changes nothing: every slot keeps its value and version and takes a
 * write from another thread afterwards.
 */
@SuppressWarnings("NullAway") // passes null on purpose
class SeqLockArrayArgumentsTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();
  private static final ByteCodec<long[]> TWO_LONGS = ByteCodecs.ofLongArray(2);
  private static final Backoff BACKOFF = Backoff.defaults();

  /** A value no slot holds, to see whether a holder was written. */
  private static final long SENTINEL = 0x5A5A5A5A5A5A5A5AL;

  /** Lengths of the arrays whose indexed methods are called with bad indices. */
  private static final int[] LENGTHS = {0, 1, 3};

  static Stream<Arguments> factoryCallsWithANullArgument() {
    return Stream.of(
        Arguments.of("create(null, 2, initial)", call(() -> SeqLockArray.create(null, 2, 1L)), "codec"),
        Arguments.of("create(codec, 2, null)", call(() -> SeqLockArray.create(LONG, 2, null)), "initial"),
        Arguments.of(
            "create(null, 2, initial, backoff)",
            call(() -> SeqLockArray.create(null, 2, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "create(codec, 2, null, backoff)",
            call(() -> SeqLockArray.create(LONG, 2, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "create(codec, 2, initial, null)",
            call(() -> SeqLockArray.create(LONG, 2, 1L, null)),
            "backoff"),
        Arguments.of(
            "singleWriter(null, 2, initial)",
            call(() -> SeqLockArray.singleWriter(null, 2, 1L)),
            "codec"),
        Arguments.of(
            "singleWriter(codec, 2, null)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, null)),
            "initial"),
        Arguments.of(
            "singleWriter(null, 2, initial, backoff)",
            call(() -> SeqLockArray.singleWriter(null, 2, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "singleWriter(codec, 2, null, backoff)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "singleWriter(codec, 2, initial, null)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, 1L, null)),
            "backoff"),
        Arguments.of(
            "latched(null, 2, initial)", call(() -> SeqLockArray.latched(null, 2, 1L)), "codec"),
        Arguments.of(
            "latched(codec, 2, null)", call(() -> SeqLockArray.latched(LONG, 2, null)), "initial"),
        Arguments.of(
            "latched(null, 2, initial, backoff)",
            call(() -> SeqLockArray.latched(null, 2, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "latched(codec, 2, null, backoff)",
            call(() -> SeqLockArray.latched(LONG, 2, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "latched(codec, 2, initial, null)",
            call(() -> SeqLockArray.latched(LONG, 2, 1L, null)),
            "backoff"));
  }

  /** Names the lambda's type, so that {@link Arguments#of} gets an {@link Executable}. */
  private static Executable call(Executable executable) {
    return executable;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factoryCallsWithANullArgument")
  void aFactoryRejectsANullArgumentNamingIt(String call, Executable factory, String parameter) {
    NullPointerException e = assertThrows(NullPointerException.class, factory);

    assertEquals(parameter, e.getMessage());
  }

  /** The six factories, each making a {@code SeqLockArray<Long>} of a given length. */
  static Stream<Arguments> factories() {
    return Stream.of(
        factory("create(codec, length, initial)", n -> SeqLockArray.create(LONG, n, 1L)),
        factory("create(codec, length, initial, backoff)", n -> SeqLockArray.create(LONG, n, 1L, BACKOFF)),
        factory("singleWriter(codec, length, initial)", n -> SeqLockArray.singleWriter(LONG, n, 1L)),
        factory(
            "singleWriter(codec, length, initial, backoff)",
            n -> SeqLockArray.singleWriter(LONG, n, 1L, BACKOFF)),
        factory("latched(codec, length, initial)", n -> SeqLockArray.latched(LONG, n, 1L)),
        factory(
            "latched(codec, length, initial, backoff)",
            n -> SeqLockArray.latched(LONG, n, 1L, BACKOFF)));
  }

  private static Arguments factory(String name, IntFunction<SeqLockArray<Long>> factory) {
    return Arguments.of(name, factory);
  }

  static Stream<Arguments> factoriesAndBadLengths() {
    return factories()
        .flatMap(
            f ->
                Stream.of(-1, Integer.MIN_VALUE, WriterRole.MAX_SLOTS + 1, Integer.MAX_VALUE)
                    .map(length -> Arguments.of(f.get()[0], f.get()[1], length)));
  }

  @ParameterizedTest(name = "{0}, length {2}")
  @MethodSource("factoriesAndBadLengths")
  void aFactoryRejectsANegativeOrTooLargeLengthNamingIt(
      String name, IntFunction<SeqLockArray<Long>> factory, int length) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> factory.apply(length));

    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("length "), message);
    assertTrue(message.endsWith(": " + length), message);
  }

  /**
   * 200-byte values (208 with their sequences) are 320 bytes apart in the data array, so 60 million
   * slots need more data than one array holds, although they are fewer than the writers' words' limit:
   * the data array's check rejects them before the writers' words are allocated (alone they would be
   * 7.7 GB, an OutOfMemoryError on most heaps). The public factories' rule: heap storage only.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Variant.class, names = {"CREATE", "SINGLE_WRITER", "LATCHED"})
  void aFactoryRejectsALengthWhoseDataExceedsOneArrayBeforeAllocating(Variant variant) {
    int length = 60_000_000;
    assertTrue(length <= WriterRole.MAX_SLOTS, "below the writers' words' limit");
    long[] initial = new long[25];

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> variant.array(ByteCodecs.ofLongArray(25), length, initial));

    assertEquals(
        "length 60000000 of 320-byte strides is too large for one array", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void aFactoryAcceptsLengthZero(String name, IntFunction<SeqLockArray<Long>> factory) {
    assertEquals(0, factory.apply(0).length());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aFactoryRejectsAnInitialValueTheCodecCannotEncodeWhateverTheLength(Variant variant) {
    for (int length : LENGTHS) {
      assertThrows(
          IllegalArgumentException.class,
          () -> variant.array(TWO_LONGS, length, new long[3]),
          "length " + length);
    }
  }

  /** Every method that takes a slot index, called with valid other arguments. */
  enum IndexedMethod {
    READ {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.read(index);
      }
    },
    READ_INTO {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.readInto(index, MaybeTorn.allocate(LONG));
      }
    },
    TRY_READ {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.tryRead(index);
      }
    },
    TRY_READ_INTO {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.tryReadInto(index, MaybeTorn.allocate(LONG));
      }
    },
    READ_IF_NEWER {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.readIfNewer(index, SeqLock.NOTHING_SEEN, MaybeTorn.allocate(LONG));
      }
    },
    WRITE {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.write(index, 1234L);
      }
    },
    WRITE_FROM {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.writeFrom(index, MaybeTorn.of(LONG, 1234L));
      }
    },
    UPDATE {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.update(
            index,
            v -> {
              throw new AssertionError("the update function of a rejected call ran");
            });
      }
    },
    VERSION {
      @Override
      void call(SeqLockArray<Long> array, int index) {
        array.version(index);
      }
    };

    abstract void call(SeqLockArray<Long> array, int index);
  }

  static Stream<Arguments> variantsAndIndexedMethods() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> Arrays.stream(IndexedMethod.values()).map(m -> Arguments.of(v, m)));
  }

  /**
   * On arrays of 0, 1 and 3 slots: indices -1, length, length + 1 and the int extremes are rejected
   * with an {@link IndexOutOfBoundsException} naming the index, and nothing changes.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndIndexedMethods")
  void everyIndexedMethodRejectsAnIndexOutOfRangeAndChangesNothing(
      Variant variant, IndexedMethod method) {
    for (int length : LENGTHS) {
      SeqLockArray<Long> array = variant.array(LONG, length, 1L);
      SlotStates before = distinctSlots(array);
      for (int index : new int[] {-1, length, length + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
        String where = "length " + length + ", index " + index;

        IndexOutOfBoundsException e =
            assertThrows(IndexOutOfBoundsException.class, () -> method.call(array, index), where);

        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("index"), where + ": " + message);
        assertTrue(message.endsWith(": " + index), where + ": " + message);
      }
      assertUnchangedAndFree(array, before);
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndIndexedMethods")
  void everyIndexedMethodAcceptsTheFirstAndTheLastIndex(Variant variant, IndexedMethod method) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    if (method == IndexedMethod.UPDATE) {
      array.update(0, v -> v + 1);
      array.update(2, v -> v + 1);
    } else {
      method.call(array, 0);
      method.call(array, 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeRejectsANullValueNamingItAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);

    NullPointerException e = assertThrows(NullPointerException.class, () -> array.write(1, null));

    assertEquals("value", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeFromRejectsANullSourceNamingItAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);

    NullPointerException e = assertThrows(NullPointerException.class, () -> array.writeFrom(1, null));

    assertEquals("source", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void updateRejectsANullFunctionNamingItAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);

    NullPointerException e = assertThrows(NullPointerException.class, () -> array.update(1, null));

    assertEquals("function", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIntoRejectsANullDestinationNamingItAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);

    NullPointerException e = assertThrows(NullPointerException.class, () -> array.readInto(1, null));

    assertEquals("destination", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerRejectsANullDestinationNamingItAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> array.readIfNewer(1, SeqLock.NOTHING_SEEN, null));

    assertEquals("destination", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIntoRejectsAHolderOfTheWrongSizeAndLeavesItUntouched(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);
    MaybeTorn<Long> sixteenBytes = MaybeTorn.of(new PaddedLongCodec(), SENTINEL);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> array.readInto(1, sixteenBytes));

    assertEquals("destination holds 16 bytes, the value has 8", e.getMessage());
    assertEquals(SENTINEL, sixteenBytes.assumeUntorn(), "the holder is untouched");
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void tryReadIntoRejectsAHolderOfTheWrongSizeAndLeavesItUntouched(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);
    MaybeTorn<Long> sixteenBytes = MaybeTorn.of(new PaddedLongCodec(), SENTINEL);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> array.tryReadInto(1, sixteenBytes));

    assertEquals("destination holds 16 bytes, the value has 8", e.getMessage());
    assertEquals(SENTINEL, sixteenBytes.assumeUntorn(), "the holder is untouched");
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void tryReadIntoRejectsANullDestinationNamingIt(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.tryReadInto(1, null));

    assertEquals("destination", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerRejectsAHolderOfTheWrongSizeAndLeavesItUntouched(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);
    MaybeTorn<Long> sixteenBytes = MaybeTorn.of(new PaddedLongCodec(), SENTINEL);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> array.readIfNewer(1, SeqLock.NOTHING_SEEN, sixteenBytes));

    assertEquals("destination holds 16 bytes, the value has 8", e.getMessage());
    assertEquals(SENTINEL, sixteenBytes.assumeUntorn(), "the holder is untouched");
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeFromRejectsAHolderOfTheWrongSizeAndWritesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);
    MaybeTorn<Long> sixteenBytes = MaybeTorn.of(new PaddedLongCodec(), SENTINEL);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> array.writeFrom(1, sixteenBytes));

    assertEquals("source holds 16 bytes, the value has 8", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeFromRejectsALongerHolderOfAnotherCodecAndWritesNothing(Variant variant) {
    SeqLockArray<long[]> array = variant.array(TWO_LONGS, 2, new long[] {1, 2});
    MaybeTorn<long[]> threeLongs = MaybeTorn.of(ByteCodecs.ofLongArray(3), new long[] {7, 8, 9});

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> array.writeFrom(0, threeLongs));

    assertEquals("source holds 24 bytes, the value has 16", e.getMessage());
    assertArrayEquals(new long[] {1, 2}, array.read(0));
    assertArrayEquals(new long[] {1, 2}, array.read(1));
    assertArrayEquals(new long[] {0, 0}, SeqLockArrayTest.versions(array));
  }

  static Stream<Arguments> variantsAndInvalidVersions() {
    return Arrays.stream(Variant.values())
        .flatMap(
            variant ->
                LongStream.of(1, 3, 7, Long.MAX_VALUE, -2, -3, Long.MIN_VALUE)
                    .mapToObj(version -> Arguments.of(variant, version)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndInvalidVersions")
  void readIfNewerRejectsAnOddOrNegativeLastSeenVersionOtherThanMinusOne(
      Variant variant, long lastSeen) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 1L);
    SlotStates before = distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.of(LONG, SENTINEL);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> array.readIfNewer(1, lastSeen, destination));

    assertEquals("lastSeenVersion must be an even version or -1: " + lastSeen, e.getMessage());
    assertEquals(SENTINEL, destination.assumeUntorn(), "the destination is untouched");
    assertUnchangedAndFree(array, before);
  }
}
