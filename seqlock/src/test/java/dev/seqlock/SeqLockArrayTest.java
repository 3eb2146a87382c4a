package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.Checked;
import dev.seqlock.Fixtures.Kind;
import dev.seqlock.Fixtures.UndecodableCodec;
import dev.seqlock.WritersTest.WriteMethod;
import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only a {@link SeqLockArray} has: its length (every slot of arrays of several lengths, a single
 * slot packed), slots that a poller of one does not hear about, its {@code toString}, an empty array,
 * and (white box) its data layout. What each slot shares with a {@link SeqLock}, its reads and writes,
 * and that they leave the other slots alone, is tested over both in {@link ReadWriteTest}.
 */
class SeqLockArrayTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** Lengths: one slot (the data array is packed then), two, and an odd number of spaced slots. */
  private static final int[] LENGTHS = {1, 2, 5};

  static Stream<Arguments> variantsAndLengths() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> Arrays.stream(LENGTHS).mapToObj(length -> Arguments.of(v, length)));
  }

  static Stream<Arguments> variantsKindsAndWriteMethods() {
    return Arrays.stream(Variant.values())
        .flatMap(
            v ->
                Stream.of(Fixtures.SIX_LONGS_WITH_CHECKSUM, Fixtures.TWENTY_FIVE_EQUAL_LONGS)
                    .flatMap(
                        kind -> Arrays.stream(WriteMethod.values()).map(m -> Arguments.of(v, kind, m))));
  }

  @ParameterizedTest(name = "{0}, length {1}")
  @MethodSource("variantsAndLengths")
  void everySlotOfANewArrayOfEveryLengthHoldsTheInitialValueAtVersionZero(
      Variant variant, int length) {
    SeqLockArray<Checked> array = variant.array(Fixtures.CHECKED, length, Checked.of(7));

    ReadWriteTest.assertHoldsTheInitialValueAtVersionZero(Subject.everySlot(array), Checked.of(7));
  }

  @ParameterizedTest(name = "{0}, length {1}")
  @MethodSource("variantsAndLengths")
  void lengthAndCodecAreThoseTheArrayWasCreatedWith(Variant variant, int length) {
    SeqLockArray<Checked> array = variant.array(Fixtures.CHECKED, length, Checked.of(0));

    assertEquals(length, array.length());
    assertSame(Fixtures.CHECKED, array.codec());
  }

  /**
   * The one slot of an array of length 1, whose data is packed, takes writes of 48 and 200 bytes by
   * every write method, at version 2 (arrays of three: {@link ReadWriteTest}).
   */
  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("variantsKindsAndWriteMethods")
  void theOneSlotOfAPackedArrayTakesAWriteOfEveryMethod(
      Variant variant, Kind<?> kind, WriteMethod method) {
    writeThePackedSlot(variant, kind, method);
  }

  private static <T> void writeThePackedSlot(Variant variant, Kind<T> kind, WriteMethod method) {
    SeqLockArray<T> array = variant.array(kind.codec(), 1, kind.value(0));

    ReadWriteTest.writeValueByValue(Subject.everySlot(array), kind, method);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writesToOtherSlotsAreNoNewsToAPollerOfOneSlot(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);
    long seen = array.readIfNewer(1, SeqLock.NOTHING_SEEN, destination);
    array.write(0, 10L);
    array.update(2, v -> 20L);
    array.writeFrom(2, MaybeTorn.of(LONG, 30L));
    destination.set(0x5A5A5A5A5A5A5A5AL);

    long version = array.readIfNewer(1, seen, destination);

    assertEquals(seen, version);
    assertEquals(0x5A5A5A5A5A5A5A5AL, destination.assumeUntorn(), "the destination is untouched");
  }

  @Test
  void toStringNamesTheVariantTheCodecAndTheLength() {
    assertEquals(
        "SeqLockArray[create, codec=long, length=3]", SeqLockArray.create(LONG, 3, 0L).toString());
    assertEquals(
        "SeqLockArray[singleWriter, codec=long, length=1]",
        SeqLockArray.singleWriter(LONG, 1, 0L).toString());
    assertEquals(
        "SeqLockArray[latched, codec=long, length=0]", SeqLockArray.latched(LONG, 0, 0L).toString());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void toStringDescribesTheArrayWithoutDecodingAnyValue(Variant variant) {
    SeqLockArray<Long> array = variant.array(new UndecodableCodec(), 2, 1L);
    array.write(1, 2L);

    assertEquals(
        "SeqLockArray[" + variant.description() + ", codec=undecodable long, length=2]",
        array.toString());
  }

  @Test
  void theFactoriesWithoutABackoffMakeArraysOfTheirVariantHoldingTheInitialValue() {
    for (SeqLockArray<Long> array :
        Arrays.asList(
            SeqLockArray.create(LONG, 2, 5L),
            SeqLockArray.singleWriter(LONG, 2, 5L),
            SeqLockArray.latched(LONG, 2, 5L))) {
      array.write(1, 6L);

      assertArrayEquals(new long[] {5, 6}, values(array), array.toString());
      assertArrayEquals(new long[] {0, 2}, versions(array), array.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anEmptyArrayHasNoSlot(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 0, 1L);

    assertEquals(0, array.length());
    assertThrows(IndexOutOfBoundsException.class, () -> array.read(0));
    assertThrows(IndexOutOfBoundsException.class, () -> array.write(0, 2L));
    assertThrows(IndexOutOfBoundsException.class, () -> array.version(0));
    // Every indexed method on empty and non-empty arrays: ArgumentsTest.
  }

  // White-box: the data layout the class comment promises.

  static Stream<Arguments> variantsAndKinds() {
    return Arrays.stream(Variant.values())
        .flatMap(
            v ->
                Stream.of(Fixtures.SIX_LONGS_WITH_CHECKSUM, Fixtures.TWENTY_FIVE_EQUAL_LONGS)
                    .map(kind -> Arguments.of(v, kind)));
  }

  /**
   * On both storages (SlotWordsLayoutTest checks the heap's bytes with JOL), each copy's values are
   * viewed with the slots' stride, copy 1 right after copy 0, and 64 bytes separate the last copy's
   * last word from the next slot's sequence: neighbours never share a line.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndKinds")
  void everyStorageLaysTheSlotsOutWithTheirGaps(Variant variant, Kind<?> kind) {
    checkDataLayout(variant, kind);
  }

  private static <T> void checkDataLayout(Variant variant, Kind<T> kind) {
    int valueBytes = AtomicPerByteArray.storageSize(kind.codec(), 1);
    for (int length : new int[] {1, 3}) {
      SlotWords<?> words = variant.array(kind.codec(), length, kind.value(0)).words;
      int copies = variant.singleCopy() ? 1 : 2;
      assertEquals(copies, words.copies);
      assertEquals(copies == 1, words.values0 == words.values1, "one view per copy");
      int stride = words.strideWords * Long.BYTES;
      assertEquals(copies * valueBytes + 64, stride, "the copies and a gap");
      for (AtomicPerByteArray<?> values : List.of(words.values0, words.values1)) {
        assertEquals(length, values.length());
        assertEquals(stride, values.elementStride());
      }
      for (int slot = 0; slot < length; slot++) {
        int lastRead = words.firstWord(slot) + copies * (valueBytes / Long.BYTES) - 1;
        assertEquals(lastRead + SlotWords.GAP, words.sequenceIndex(slot + 1),
            "the next slot's sequence after a gap");
      }
    }
  }

  /** Every slot's version, slot by slot. */
  static long[] versions(SeqLockArray<?> array) {
    return IntStream.range(0, array.length()).mapToLong(array::version).toArray();
  }

  /** Every slot's value, slot by slot. */
  static long[] values(SeqLockArray<Long> array) {
    return IntStream.range(0, array.length()).mapToLong(array::read).toArray();
  }

}
