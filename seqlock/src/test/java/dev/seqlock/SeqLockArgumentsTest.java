package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments are rejected with the documented exception, naming the parameter. */
@SuppressWarnings("NullAway") // passes null on purpose
class SeqLockArgumentsTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();
  private static final ByteCodec<long[]> TWO_LONGS = ByteCodecs.ofLongArray(2);
  private static final Backoff BACKOFF = Backoff.defaults();

  static Stream<Arguments> factoryCallsWithANullArgument() {
    return Stream.of(
        Arguments.of("create(null, initial)", call(() -> SeqLock.create(null, 1L)), "codec"),
        Arguments.of("create(codec, null)", call(() -> SeqLock.create(LONG, null)), "initial"),
        Arguments.of(
            "create(null, initial, backoff)", call(() -> SeqLock.create(null, 1L, BACKOFF)), "codec"),
        Arguments.of(
            "create(codec, null, backoff)", call(() -> SeqLock.create(LONG, null, BACKOFF)), "initial"),
        Arguments.of(
            "create(codec, initial, null)", call(() -> SeqLock.create(LONG, 1L, null)), "backoff"),
        Arguments.of(
            "singleWriter(null, initial)", call(() -> SeqLock.singleWriter(null, 1L)), "codec"),
        Arguments.of(
            "singleWriter(codec, null)", call(() -> SeqLock.singleWriter(LONG, null)), "initial"),
        Arguments.of(
            "singleWriter(null, initial, backoff)",
            call(() -> SeqLock.singleWriter(null, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "singleWriter(codec, null, backoff)",
            call(() -> SeqLock.singleWriter(LONG, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "singleWriter(codec, initial, null)",
            call(() -> SeqLock.singleWriter(LONG, 1L, null)),
            "backoff"),
        Arguments.of("latched(null, initial)", call(() -> SeqLock.latched(null, 1L)), "codec"),
        Arguments.of("latched(codec, null)", call(() -> SeqLock.latched(LONG, null)), "initial"),
        Arguments.of(
            "latched(null, initial, backoff)",
            call(() -> SeqLock.latched(null, 1L, BACKOFF)),
            "codec"),
        Arguments.of(
            "latched(codec, null, backoff)",
            call(() -> SeqLock.latched(LONG, null, BACKOFF)),
            "initial"),
        Arguments.of(
            "latched(codec, initial, null)", call(() -> SeqLock.latched(LONG, 1L, null)), "backoff"));
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
  @EnumSource(Variant.class)
  void aFactoryRejectsAnInitialValueTheCodecCannotEncode(Variant variant) {
    assertThrows(IllegalArgumentException.class, () -> variant.of(TWO_LONGS, new long[3]));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeRejectsANullValueNamingIt(Variant variant) {
    SeqLock<Long> lock = variant.of(LONG, 1L);

    NullPointerException e = assertThrows(NullPointerException.class, () -> lock.write(null));

    assertEquals("value", e.getMessage());
    assertEquals(0, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeFromRejectsANullSourceNamingIt(Variant variant) {
    SeqLock<Long> lock = variant.of(LONG, 1L);

    NullPointerException e = assertThrows(NullPointerException.class, () -> lock.writeFrom(null));

    assertEquals("source", e.getMessage());
    assertEquals(0, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void updateRejectsANullFunctionNamingIt(Variant variant) {
    SeqLock<Long> lock = variant.of(LONG, 1L);

    NullPointerException e = assertThrows(NullPointerException.class, () -> lock.update(null));

    assertEquals("function", e.getMessage());
    assertEquals(0, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIntoRejectsANullDestinationNamingIt(Variant variant) {
    SeqLock<Long> lock = variant.of(LONG, 1L);

    NullPointerException e = assertThrows(NullPointerException.class, () -> lock.readInto(null));

    assertEquals("destination", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void tryReadIntoRejectsANullDestinationNamingIt(Variant variant) {
    SeqLock<Long> lock = variant.of(LONG, 1L);

    NullPointerException e = assertThrows(NullPointerException.class, () -> lock.tryReadInto(null));

    assertEquals("destination", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void tryReadIntoRejectsAHolderOfTheWrongSizeAndLeavesItUntouched(Variant variant) {
    SeqLock<long[]> lock = variant.of(TWO_LONGS, new long[] {1, 2});
    MaybeTorn<long[]> threeLongs = MaybeTorn.of(ByteCodecs.ofLongArray(3), new long[] {7, 8, 9});

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lock.tryReadInto(threeLongs));

    assertEquals("destination holds 24 bytes, the value has 16", e.getMessage());
    assertArrayEquals(new long[] {7, 8, 9}, threeLongs.assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerRejectsANullDestinationNamingIt(Variant variant) {
    SeqLock<Long> lock = variant.of(LONG, 1L);

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> lock.readIfNewer(SeqLock.NOTHING_SEEN, null));

    assertEquals("destination", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIntoRejectsAHolderOfTheWrongSize(Variant variant) {
    SeqLock<long[]> lock = variant.of(TWO_LONGS, new long[2]);
    MaybeTorn<long[]> threeLongs = MaybeTorn.allocate(ByteCodecs.ofLongArray(3));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lock.readInto(threeLongs));

    assertEquals("destination holds 24 bytes, the value has 16", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerRejectsAHolderOfTheWrongSize(Variant variant) {
    SeqLock<long[]> lock = variant.of(TWO_LONGS, new long[2]);
    MaybeTorn<long[]> oneLong = MaybeTorn.allocate(ByteCodecs.ofLongArray(1));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> lock.readIfNewer(SeqLock.NOTHING_SEEN, oneLong));

    assertEquals("destination holds 8 bytes, the value has 16", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeFromRejectsAHolderOfTheWrongSizeAndWritesNothing(Variant variant) {
    SeqLock<long[]> lock = variant.of(TWO_LONGS, new long[] {1, 2});
    MaybeTorn<long[]> threeLongs = MaybeTorn.of(ByteCodecs.ofLongArray(3), new long[] {7, 8, 9});

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lock.writeFrom(threeLongs));

    assertEquals("source holds 24 bytes, the value has 16", e.getMessage());
    assertArrayEquals(new long[] {1, 2}, lock.read());
    assertEquals(0, lock.version());
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
    SeqLock<Long> lock = variant.of(LONG, 1L);
    MaybeTorn<Long> destination = MaybeTorn.of(LONG, 5L);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lock.readIfNewer(lastSeen, destination));

    assertEquals("lastSeenVersion must be an even version or -1: " + lastSeen, e.getMessage());
    assertEquals(5L, destination.assumeUntorn(), "the destination is untouched");
  }
}
