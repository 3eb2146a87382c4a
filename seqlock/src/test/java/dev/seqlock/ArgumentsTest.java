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
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments are rejected with the documented exception, naming the parameter, and a rejected call
 * changes nothing: on a {@link SeqLock} and on slot 1 of a {@link SeqLockArray} of three
 * ({@link Facade}), of every {@link Variant}, the value and the slots beside it keep their values and
 * versions and take a write from another thread afterwards. The factories of both reject null
 * arguments and initial values the codec cannot encode; those of arrays also bad lengths, and the
 * methods of arrays indices out of range.
 */
@SuppressWarnings("NullAway") // passes null on purpose
class ArgumentsTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();
  private static final ByteCodec<long[]> TWO_LONGS = ByteCodecs.ofLongArray(2);
  private static final Backoff BACKOFF = Backoff.defaults();

  /** A value no slot holds, to see whether a holder was written. */
  private static final long SENTINEL = 0x5A5A5A5A5A5A5A5AL;

  /** Lengths of the arrays whose factories and indexed methods are given bad arguments. */
  private static final int[] LENGTHS = {0, 1, 3};

  // ---- factories ----

  static Stream<Arguments> factoryCallsWithANullArgument() {
    return Stream.of(
        Arguments.of("SeqLock.create(null, initial)", call(() -> SeqLock.create(null, 1L)), "codec"),
        Arguments.of(
            "SeqLock.create(codec, null)", call(() -> SeqLock.create(LONG, null)), "initial"),
        Arguments.of(
            "SeqLock.create(null, initial, backoff)",
            call(() -> SeqLock.create(null, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "SeqLock.create(codec, null, backoff)",
            call(() -> SeqLock.create(LONG, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "SeqLock.create(codec, initial, null)",
            call(() -> SeqLock.create(LONG, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLock.singleWriter(null, initial)",
            call(() -> SeqLock.singleWriter(null, 1L)),
            "codec"),
        Arguments.of(
            "SeqLock.singleWriter(codec, null)",
            call(() -> SeqLock.singleWriter(LONG, null)),
            "initial"),
        Arguments.of(
            "SeqLock.singleWriter(null, initial, backoff)",
            call(() -> SeqLock.singleWriter(null, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "SeqLock.singleWriter(codec, null, backoff)",
            call(() -> SeqLock.singleWriter(LONG, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "SeqLock.singleWriter(codec, initial, null)",
            call(() -> SeqLock.singleWriter(LONG, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLock.singleWriter(null, initial, backoff, pause)",
            call(() -> SeqLock.singleWriter(null, 1L, BACKOFF, WriterPause.NEVER)),
            "codec"),
        Arguments.of(
            "SeqLock.singleWriter(codec, null, backoff, pause)",
            call(() -> SeqLock.singleWriter(LONG, null, BACKOFF, WriterPause.NEVER)),
            "initial"),
        Arguments.of(
            "SeqLock.singleWriter(codec, initial, null, pause)",
            call(() -> SeqLock.singleWriter(LONG, 1L, null, WriterPause.NEVER)),
            "backoff"),
        Arguments.of(
            "SeqLock.singleWriter(codec, initial, backoff, null)",
            call(() -> SeqLock.singleWriter(LONG, 1L, BACKOFF, null)),
            "pause"),
        Arguments.of(
            "SeqLock.latched(null, initial)", call(() -> SeqLock.latched(null, 1L)), "codec"),
        Arguments.of(
            "SeqLock.latched(codec, null)", call(() -> SeqLock.latched(LONG, null)), "initial"),
        Arguments.of(
            "SeqLock.latched(null, initial, backoff)",
            call(() -> SeqLock.latched(null, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "SeqLock.latched(codec, null, backoff)",
            call(() -> SeqLock.latched(LONG, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "SeqLock.latched(codec, initial, null)",
            call(() -> SeqLock.latched(LONG, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLock.latchedSingleWriter(null, initial)",
            call(() -> SeqLock.latchedSingleWriter(null, 1L)),
            "codec"),
        Arguments.of(
            "SeqLock.latchedSingleWriter(codec, null)",
            call(() -> SeqLock.latchedSingleWriter(LONG, null)),
            "initial"),
        Arguments.of(
            "SeqLock.latchedSingleWriter(codec, initial, null)",
            call(() -> SeqLock.latchedSingleWriter(LONG, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLockArray.create(null, 2, initial)",
            call(() -> SeqLockArray.create(null, 2, 1L)),
            "codec"),
        Arguments.of(
            "SeqLockArray.create(codec, 2, null)",
            call(() -> SeqLockArray.create(LONG, 2, null)),
            "initial"),
        Arguments.of(
            "SeqLockArray.create(null, 2, initial, backoff)",
            call(() -> SeqLockArray.create(null, 2, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "SeqLockArray.create(codec, 2, null, backoff)",
            call(() -> SeqLockArray.create(LONG, 2, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "SeqLockArray.create(codec, 2, initial, null)",
            call(() -> SeqLockArray.create(LONG, 2, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLockArray.singleWriter(null, 2, initial)",
            call(() -> SeqLockArray.singleWriter(null, 2, 1L)),
            "codec"),
        Arguments.of(
            "SeqLockArray.singleWriter(codec, 2, null)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, null)),
            "initial"),
        Arguments.of(
            "SeqLockArray.singleWriter(null, 2, initial, backoff)",
            call(() -> SeqLockArray.singleWriter(null, 2, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "SeqLockArray.singleWriter(codec, 2, null, backoff)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "SeqLockArray.singleWriter(codec, 2, initial, null)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLockArray.singleWriter(null, 2, initial, backoff, pause)",
            call(() -> SeqLockArray.singleWriter(null, 2, 1L, BACKOFF, WriterPause.NEVER)),
            "codec"),
        Arguments.of(
            "SeqLockArray.singleWriter(codec, 2, null, backoff, pause)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, null, BACKOFF, WriterPause.NEVER)),
            "initial"),
        Arguments.of(
            "SeqLockArray.singleWriter(codec, 2, initial, null, pause)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, 1L, null, WriterPause.NEVER)),
            "backoff"),
        Arguments.of(
            "SeqLockArray.singleWriter(codec, 2, initial, backoff, null)",
            call(() -> SeqLockArray.singleWriter(LONG, 2, 1L, BACKOFF, null)),
            "pause"),
        Arguments.of(
            "SeqLockArray.latched(null, 2, initial)",
            call(() -> SeqLockArray.latched(null, 2, 1L)),
            "codec"),
        Arguments.of(
            "SeqLockArray.latched(codec, 2, null)",
            call(() -> SeqLockArray.latched(LONG, 2, null)),
            "initial"),
        Arguments.of(
            "SeqLockArray.latched(null, 2, initial, backoff)",
            call(() -> SeqLockArray.latched(null, 2, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "SeqLockArray.latched(codec, 2, null, backoff)",
            call(() -> SeqLockArray.latched(LONG, 2, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "SeqLockArray.latched(codec, 2, initial, null)",
            call(() -> SeqLockArray.latched(LONG, 2, 1L, null)),
            "backoff"),
        Arguments.of(
            "SeqLockArray.latchedSingleWriter(null, 2, initial)",
            call(() -> SeqLockArray.latchedSingleWriter(null, 2, 1L)),
            "codec"),
        Arguments.of(
            "SeqLockArray.latchedSingleWriter(codec, 2, null)",
            call(() -> SeqLockArray.latchedSingleWriter(LONG, 2, null)),
            "initial"),
        Arguments.of(
            "SeqLockArray.latchedSingleWriter(codec, 2, initial, null)",
            call(() -> SeqLockArray.latchedSingleWriter(LONG, 2, 1L, null)),
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

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aFactoryRejectsAnInitialValueTheCodecCannotEncode(Facade facade, Variant variant) {
    assertThrows(IllegalArgumentException.class, () -> facade.of(variant, TWO_LONGS, new long[3]));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anArrayFactoryRejectsAnInitialValueTheCodecCannotEncodeWhateverTheLength(Variant variant) {
    for (int length : LENGTHS) {
      assertThrows(
          IllegalArgumentException.class,
          () -> variant.array(TWO_LONGS, length, new long[3]),
          "length " + length);
    }
  }

  /** The six array factories, each making a {@code SeqLockArray<Long>} of a given length. */
  static Stream<Arguments> arrayFactories() {
    return Stream.of(
        factory("create(codec, length, initial)", n -> SeqLockArray.create(LONG, n, 1L)),
        factory(
            "create(codec, length, initial, backoff)",
            n -> SeqLockArray.create(LONG, n, 1L, BACKOFF)),
        factory("singleWriter(codec, length, initial)", n -> SeqLockArray.singleWriter(LONG, n, 1L)),
        factory(
            "singleWriter(codec, length, initial, backoff)",
            n -> SeqLockArray.singleWriter(LONG, n, 1L, BACKOFF)),
        factory(
            "singleWriter(codec, length, initial, backoff, pause)",
            n -> SeqLockArray.singleWriter(LONG, n, 1L, BACKOFF, WriterPause.NEVER)),
        factory("latched(codec, length, initial)", n -> SeqLockArray.latched(LONG, n, 1L)),
        factory(
            "latched(codec, length, initial, backoff)",
            n -> SeqLockArray.latched(LONG, n, 1L, BACKOFF)),
        factory("latchedSingleWriter(codec, length, initial)",
            n -> SeqLockArray.latchedSingleWriter(LONG, n, 1L)),
        factory(
            "latchedSingleWriter(codec, length, initial, backoff)",
            n -> SeqLockArray.latchedSingleWriter(LONG, n, 1L, BACKOFF)));
  }

  static Stream<Arguments> latchedArrayFactories() {
    return arrayFactories().filter(f -> String.valueOf(f.get()[0]).startsWith("latched"));
  }

  private static Arguments factory(String name, IntFunction<SeqLockArray<Long>> factory) {
    return Arguments.of(name, factory);
  }

  static Stream<Arguments> arrayFactoriesAndBadLengths() {
    return arrayFactories()
        .flatMap(
            f ->
                Stream.of(-1, Integer.MIN_VALUE, WriterRole.MAX_SLOTS + 1, Integer.MAX_VALUE)
                    .map(length -> Arguments.of(f.get()[0], f.get()[1], length)));
  }

  @ParameterizedTest(name = "{0}, length {2}")
  @MethodSource("arrayFactoriesAndBadLengths")
  void anArrayFactoryRejectsANegativeOrTooLargeLengthNamingIt(
      String name, IntFunction<SeqLockArray<Long>> factory, int length) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> factory.apply(length));

    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("length "), message);
    assertTrue(message.endsWith(": " + length), message);
  }

  /**
   * A latched array keeps a record of the words a field write puts per slot in an array of its own,
   * which holds fewer slots than the writer words' array: its factories refuse more, naming the
   * bound.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("latchedArrayFactories")
  void aLatchedArrayRejectsMoreSlotsThanItsRecordOfWordsPutHolds(
      String name, IntFunction<SeqLockArray<Long>> factory) {
    int length = WriterRole.MAX_TWO_COPY_SLOTS + 1;
    assertTrue(length <= WriterRole.MAX_SLOTS, "a length the other factories take");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> factory.apply(length));

    assertEquals("length must be between 0 and " + WriterRole.MAX_TWO_COPY_SLOTS + ": " + length,
        e.getMessage());
  }

  /**
   * 200-byte values are 264 bytes apart in the data array (464 latched: two copies), with their
   * sequences, so 70 million slots need more data than one array holds, although they are fewer than
   * the writers' words' limit: the data array's check rejects them before the writers' words are
   * allocated (alone they would be 5.6 GB, an OutOfMemoryError on most heaps). The public factories'
   * rule: heap storage only.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.seqlock.Variant#factories")
  void anArrayFactoryRejectsALengthWhoseDataExceedsOneArrayBeforeAllocating(Variant variant) {
    int length = 70_000_000;
    assertTrue(length <= WriterRole.MAX_SLOTS, "below the writers' words' limit");
    long[] initial = new long[25];

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> variant.array(ByteCodecs.ofLongArray(25), length, initial));

    int stride = variant.singleCopy() ? 264 : 464;
    assertEquals(
        "length 70000000 of " + stride + "-byte strides is too large for one array", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrayFactories")
  void anArrayFactoryAcceptsLengthZero(String name, IntFunction<SeqLockArray<Long>> factory) {
    assertEquals(0, factory.apply(0).length());
  }

  // ---- the methods of one value ----

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void writeRejectsANullValueNamingItAndChangesNothing(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 1L);
    SlotStates before = distinctSlots(subject);

    NullPointerException e = assertThrows(NullPointerException.class, () -> subject.write(null));

    assertEquals("value", e.getMessage());
    assertUnchangedAndFree(subject, before);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void updateRejectsANullFunctionNamingItAndChangesNothing(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 1L);
    SlotStates before = distinctSlots(subject);

    NullPointerException e = assertThrows(NullPointerException.class, () -> subject.update(null));

    assertEquals("function", e.getMessage());
    assertUnchangedAndFree(subject, before);
  }

  /** Every method that takes a holder, and the name of that parameter. */
  enum HolderMethod {
    READ_INTO("destination") {
      @Override
      <T> void call(Subject<T> subject, MaybeTorn<T> holder) {
        subject.readInto(holder);
      }
    },
    TRY_READ_INTO("destination") {
      @Override
      <T> void call(Subject<T> subject, MaybeTorn<T> holder) {
        subject.tryReadInto(holder);
      }
    },
    READ_IF_NEWER("destination") {
      @Override
      <T> void call(Subject<T> subject, MaybeTorn<T> holder) {
        subject.readIfNewer(SeqLock.NOTHING_SEEN, holder);
      }
    },
    WRITE_FROM("source") {
      @Override
      <T> void call(Subject<T> subject, MaybeTorn<T> holder) {
        subject.writeFrom(holder);
      }
    };

    /** The name of the holder parameter, as exception messages give it. */
    final String parameter;

    HolderMethod(String parameter) {
      this.parameter = parameter;
    }

    abstract <T> void call(Subject<T> subject, MaybeTorn<T> holder);
  }

  static Stream<Arguments> facadesVariantsAndHolderMethods() {
    return Facade.everyFacadeVariantAndOther(variant -> true, List.of(HolderMethod.values()));
  }

  @ParameterizedTest
  @MethodSource("facadesVariantsAndHolderMethods")
  void everyHolderMethodRejectsANullHolderNamingItAndChangesNothing(
      Facade facade, Variant variant, HolderMethod method) {
    Subject<Long> subject = facade.of(variant, LONG, 1L);
    SlotStates before = distinctSlots(subject);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> method.call(subject, null));

    assertEquals(method.parameter, e.getMessage());
    assertUnchangedAndFree(subject, before);
  }

  /**
   * A {@code MaybeTorn<Long>} of another codec, 16 bytes for an 8-byte value, is rejected with a
   * message naming the parameter and both sizes; the holder is untouched and nothing changes.
   */
  @ParameterizedTest
  @MethodSource("facadesVariantsAndHolderMethods")
  void everyHolderMethodRejectsAHolderOfTheWrongSizeAndChangesNothing(
      Facade facade, Variant variant, HolderMethod method) {
    Subject<Long> subject = facade.of(variant, LONG, 1L);
    SlotStates before = distinctSlots(subject);
    MaybeTorn<Long> sixteenBytes = MaybeTorn.of(new PaddedLongCodec(), SENTINEL);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> method.call(subject, sixteenBytes));

    assertEquals(method.parameter + " holds 16 bytes, the value has 8", e.getMessage());
    assertEquals(SENTINEL, sixteenBytes.assumeUntorn(), "the holder is untouched");
    assertUnchangedAndFree(subject, before);
  }

  /**
   * Holders of three longs and of one, for a value of two, are both rejected naming both sizes:
   * neither holder nor any value of the lock or array changes.
   */
  @ParameterizedTest
  @MethodSource("facadesVariantsAndHolderMethods")
  void everyHolderMethodRejectsALargerAndASmallerHolder(
      Facade facade, Variant variant, HolderMethod method) {
    Subject<long[]> subject = facade.of(variant, TWO_LONGS, new long[] {1, 2});
    MaybeTorn<long[]> threeLongs = MaybeTorn.of(ByteCodecs.ofLongArray(3), new long[] {7, 8, 9});
    MaybeTorn<long[]> oneLong = MaybeTorn.of(ByteCodecs.ofLongArray(1), new long[] {7});

    IllegalArgumentException larger =
        assertThrows(IllegalArgumentException.class, () -> method.call(subject, threeLongs));
    IllegalArgumentException smaller =
        assertThrows(IllegalArgumentException.class, () -> method.call(subject, oneLong));

    assertEquals(method.parameter + " holds 24 bytes, the value has 16", larger.getMessage());
    assertEquals(method.parameter + " holds 8 bytes, the value has 16", smaller.getMessage());
    assertArrayEquals(new long[] {7, 8, 9}, threeLongs.assumeUntorn(), "the larger holder");
    assertArrayEquals(new long[] {7}, oneLong.assumeUntorn(), "the smaller holder");
    for (Subject<long[]> value : subject.everyValue()) {
      assertArrayEquals(new long[] {1, 2}, value.read(), "a value of the lock or array");
      assertEquals(0, value.version(), "a version of the lock or array");
    }
  }

  static Stream<Arguments> facadesVariantsAndInvalidVersions() {
    return Facade.everyFacadeVariantAndOther(
        variant -> true, List.of(1L, 3L, 7L, Long.MAX_VALUE, -2L, -3L, Long.MIN_VALUE));
  }

  @ParameterizedTest
  @MethodSource("facadesVariantsAndInvalidVersions")
  void readIfNewerRejectsAnOddOrNegativeLastSeenVersionOtherThanMinusOne(
      Facade facade, Variant variant, long lastSeen) {
    Subject<Long> subject = facade.of(variant, LONG, 1L);
    SlotStates before = distinctSlots(subject);
    MaybeTorn<Long> destination = MaybeTorn.of(LONG, SENTINEL);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> subject.readIfNewer(lastSeen, destination));

    assertEquals("lastSeenVersion must be an even version or -1: " + lastSeen, e.getMessage());
    assertEquals(SENTINEL, destination.assumeUntorn(), "the destination is untouched");
    assertUnchangedAndFree(subject, before);
  }

  // ---- the indices of an array ----

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
}
