package dev.seqlock;

import static dev.seqlock.Fixtures.distinctSlots;
import static dev.seqlock.Fixtures.distinctValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.Checked;
import dev.seqlock.Fixtures.Kind;
import dev.seqlock.Fixtures.SlotStates;
import dev.seqlock.Fixtures.UndecodableCodec;
import dev.seqlock.WriterThreads.HeldWriter;
import dev.seqlock.WritersTest.WriteMethod;
import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.lang.reflect.Field;
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
 * Single-threaded behaviour of every variant of {@link SeqLockArray}: each slot behaves as a
 * {@link SeqLock} of its own, and an operation on one slot leaves every other slot's value and version
 * as they were. Also readers and writers of other slots beside a writer held mid-update, and (white
 * box) beside a write in progress.
 */
class SeqLockArrayTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** Lengths: one slot (the data array is packed then), two, and an odd number of spaced slots. */
  private static final int[] LENGTHS = {1, 2, 5};

  static Stream<Arguments> variantsAndLengths() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> Arrays.stream(LENGTHS).mapToObj(length -> Arguments.of(v, length)));
  }

  static Stream<Arguments> variantsLengthsKindsAndWriteMethods() {
    return Arrays.stream(Variant.values())
        .flatMap(
            v ->
                Stream.of(1, 3)
                    .flatMap(
                        length ->
                            Stream.of(
                                    Fixtures.SIX_LONGS_WITH_CHECKSUM,
                                    Fixtures.TWENTY_FIVE_EQUAL_LONGS)
                                .flatMap(
                                    kind ->
                                        Arrays.stream(WriteMethod.values())
                                            .map(m -> Arguments.of(v, length, kind, m)))));
  }

  @ParameterizedTest(name = "{0}, length {1}")
  @MethodSource("variantsAndLengths")
  void everySlotOfANewArrayHoldsTheInitialValueAtVersionZero(Variant variant, int length) {
    SeqLockArray<Checked> array = variant.array(Fixtures.CHECKED, length, Checked.of(7));
    MaybeTorn<Checked> destination = MaybeTorn.allocate(Fixtures.CHECKED);

    for (int slot = 0; slot < length; slot++) {
      assertEquals(Checked.of(7), array.read(slot), "read");
      assertEquals(Checked.of(7), array.tryRead(slot), "tryRead");
      assertEquals(0, array.version(slot), "version");
      assertEquals(0, array.readInto(slot, destination), "readInto's version");
      assertEquals(Checked.of(7), destination.assumeUntorn(), "readInto's value");
    }
  }

  @ParameterizedTest(name = "{0}, length {1}")
  @MethodSource("variantsAndLengths")
  void lengthAndCodecAreThoseTheArrayWasCreatedWith(Variant variant, int length) {
    SeqLockArray<Checked> array = variant.array(Fixtures.CHECKED, length, Checked.of(0));

    assertEquals(length, array.length());
    assertSame(Fixtures.CHECKED, array.codec());
  }

  /**
   * Writes slot 0, then 1, then 2, ... with {@code method}, and after each write checks every slot:
   * the slots written so far hold their value at version 2, the others the initial value at version
   * 0. Values of 48 and 200 bytes, so a write spilling into a neighbour's words shows.
   */
  @ParameterizedTest(name = "{0}, length {1}, {2}, {3}")
  @MethodSource("variantsLengthsKindsAndWriteMethods")
  void aWriteToOneSlotChangesThatSlotsValueAndVersionAndNoOtherSlot(
      Variant variant, int length, Kind<?> kind, WriteMethod method) {
    writeSlotBySlot(variant, length, kind, method);
  }

  private static <T> void writeSlotBySlot(
      Variant variant, int length, Kind<T> kind, WriteMethod method) {
    SeqLockArray<T> array = variant.array(kind.codec(), length, kind.value(0));

    for (int written = 0; written < length; written++) {
      method.write(array, written, kind.value(1_000 + written));

      for (int slot = 0; slot < length; slot++) {
        boolean wasWritten = slot <= written;
        String where = "slot " + slot + " after writing slot " + written;
        assertEquals(wasWritten ? 1_000 + slot : 0, kind.counter(array.read(slot)), where);
        assertEquals(wasWritten ? 2 : 0, array.version(slot), where + ": version");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void versionsGrowByTwoWithEveryWriteWriteFromAndUpdateOfTheirOwnSlotOnly(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);

    array.write(0, 1L);
    long[] afterWrite = versions(array);
    array.writeFrom(0, MaybeTorn.of(LONG, 2L));
    long[] afterWriteFrom = versions(array);
    array.update(0, v -> v + 1);
    long[] afterUpdate = versions(array);
    array.write(2, 5L);
    array.update(1, v -> v + 1);
    array.writeFrom(2, MaybeTorn.of(LONG, 6L));

    assertArrayEquals(new long[] {2, 0, 0}, afterWrite);
    assertArrayEquals(new long[] {4, 0, 0}, afterWriteFrom);
    assertArrayEquals(new long[] {6, 0, 0}, afterUpdate);
    assertArrayEquals(new long[] {6, 2, 4}, versions(array));
    assertArrayEquals(new long[] {3, 1, 6}, values(array));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void updateAppliesTheFunctionToItsSlotsValueAndReturnsTheResult(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);

    Long result = array.update(1, v -> v * 2 + 1);

    assertEquals(distinctValue(1) * 2 + 1, result);
    assertArrayEquals(
        new long[] {distinctValue(0), distinctValue(1) * 2 + 1, distinctValue(2)}, values(array));
    assertArrayEquals(new long[] {2, 6, 6}, versions(array));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anUpdateFunctionMayReadTheArrayAndSeesTheValueItIsGiven(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    long[] readInside = new long[4];

    array.update(
        1,
        v -> {
          readInside[0] = v;
          readInside[1] = array.read(1);
          readInside[2] = array.read(0);
          readInside[3] = array.read(2);
          return v + 1;
        });

    assertArrayEquals(
        new long[] {distinctValue(1), distinctValue(1), distinctValue(0), distinctValue(2)},
        readInside);
    assertEquals(distinctValue(1) + 1, array.read(1));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIntoCopiesTheSlotsValueAndReturnsItsVersion(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 4, 0L);
    distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    for (int slot = 0; slot < 4; slot++) {
      long version = array.readInto(slot, destination);

      assertEquals(2L * (slot + 1), version, "version of slot " + slot);
      assertEquals(distinctValue(slot), destination.assumeUntorn(), "value of slot " + slot);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void tryReadReturnsTheSlotsValueWhenNoWriteIsInProgress(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 4, 0L);
    distinctSlots(array);

    for (int slot = 0; slot < 4; slot++) {
      assertEquals(distinctValue(slot), array.tryRead(slot), "slot " + slot);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readReturnsAFreshValueThatTheCallerMayChange(Variant variant) {
    SeqLockArray<long[]> array = variant.array(ByteCodecs.ofLongArray(2), 2, new long[] {1, 2});

    long[] first = array.read(1);
    first[0] = 99;

    assertNotSame(first, array.read(1));
    assertArrayEquals(new long[] {1, 2}, array.read(1));
    assertArrayEquals(new long[] {1, 2}, array.read(0));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeKeepsTheValueAsItWasWhenWrittenNotTheCallersObject(Variant variant) {
    SeqLockArray<long[]> array = variant.array(ByteCodecs.ofLongArray(2), 2, new long[2]);
    long[] value = {3, 4};

    array.write(1, value);
    value[0] = 99;

    assertArrayEquals(new long[] {3, 4}, array.read(1));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void writeFromKeepsTheBytesNotTheHolder(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 2, 0L);
    MaybeTorn<Long> source = MaybeTorn.of(LONG, 5L);

    array.writeFrom(1, source);
    source.set(6L);
    array.writeFrom(0, source);

    assertArrayEquals(new long[] {6, 5}, values(array));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerCopiesEverySlotsValueWhenNothingWasSeenYet(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 8L);
    array.write(2, 9L);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    long first = array.readIfNewer(0, SeqLock.NOTHING_SEEN, destination);
    long firstValue = destination.assumeUntorn();
    long last = array.readIfNewer(2, SeqLock.NOTHING_SEEN, destination);

    assertEquals(0, first);
    assertEquals(8L, firstValue);
    assertEquals(2, last);
    assertEquals(9L, destination.assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerReturnsLastSeenAndLeavesTheDestinationUntouchedWhenTheSlotIsUnchanged(
      Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.of(LONG, 0x5A5A5A5A5A5A5A5AL); // no slot's value

    for (int slot = 0; slot < 3; slot++) {
      long seen = 2L * (slot + 1);

      long version = array.readIfNewer(slot, seen, destination);

      assertEquals(seen, version, "slot " + slot);
      assertEquals(0x5A5A5A5A5A5A5A5AL, destination.assumeUntorn(), "slot " + slot);
    }
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

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerReturnsAGreaterVersionAndTheNewValueAfterAWriteToItsSlot(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);
    long seen = array.readIfNewer(1, SeqLock.NOTHING_SEEN, destination);
    array.write(1, 8L);

    long version = array.readIfNewer(1, seen, destination);

    assertTrue(version > seen, () -> version + " is not greater than " + seen);
    assertEquals(array.version(1), version);
    assertEquals(2, version);
    assertEquals(8L, destination.assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readIfNewerCopiesWhenTheVersionDiffersEvenIfLastSeenIsGreater(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 2, 3L);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    long version = array.readIfNewer(1, 100, destination); // a version of some other slot

    assertEquals(0, version);
    assertEquals(3L, destination.assumeUntorn());
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
        "SeqLockArray[" + variant.factoryName() + ", codec=undecodable long, length=2]",
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

  @ParameterizedTest
  @EnumSource(Variant.class)
  void readsAndOtherSlotsWritesCompleteWhileAWriterIsInsideItsUpdateFunction(Variant variant)
      throws InterruptedException {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    HeldWriter writer = HeldWriter.enter(array, 1);
    try {
      // Encoding happens before the sequence goes odd: a slow update function blocks no reader, and
      // each slot has its own writer role, so writers of the other slots do not wait for it.
      assertEquals(
          distinctValue(1), assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> array.read(1)));
      assertEquals(distinctValue(1), array.tryRead(1));
      assertEquals(4, array.version(1));
      WriterThreads.writeFromAnotherThread(array, 0, 70L);
      WriterThreads.writeFromAnotherThread(array, 2, 72L);
      assertTimeoutPreemptively(
          WriterThreads.TIMEOUT,
          () -> array.update(2, v -> v + 1),
          "an update of another slot did not complete");
      assertArrayEquals(new long[] {70, distinctValue(1), 73}, values(array));
    } finally {
      writer.finish();
    }
    assertArrayEquals(new long[] {70, distinctValue(1) + 1, 73}, values(array));
    assertArrayEquals(new long[] {4, 6, 10}, versions(array));
  }

  // White-box: a writer preempted between its odd and even sequence stores, simulated by storing an
  // odd sequence directly into slot 1 (no user code runs inside that window).

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aWriteInProgressInOneSlotLeavesItsVersionAndEveryOtherSlotAsTheyWere(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    SlotStates before = distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    // the third write of slot 1 in progress
    array.copy0.storeSequenceRelease(array.copy0.sequenceIndex(1), 5);

    assertArrayEquals(new long[] {2, 4, 6}, versions(array), "the versions before that write");
    assertEquals(
        4,
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT, () -> array.readIfNewer(1, 4, destination)),
        "no news for a poller of slot 1, at once");
    for (int slot : new int[] {0, 2}) {
      assertEquals(before.values().get(slot), array.tryRead(slot), "tryRead of slot " + slot);
      long version =
          assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> array.readInto(slot, destination));
      assertEquals(before.versions().get(slot), version, "readInto's version of slot " + slot);
      assertEquals(before.values().get(slot), destination.assumeUntorn(), "slot " + slot);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      mode = EnumSource.Mode.MATCH_ANY,
      names = {"CREATE.*", "SINGLE_WRITER.*"})
  void tryReadOnASingleCopySlotReturnsNullWhileAWriteIsInProgressInThatSlot(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);

    array.copy0.storeSequenceRelease(array.copy0.sequenceIndex(1), 5);

    assertNull(array.tryRead(1));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void tryReadIntoCopiesTheSlotsValueAndReturnsItsVersionWhenNoWriteIsInProgress(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    for (int slot = 0; slot < 3; slot++) {
      assertEquals(2L * (slot + 1), array.tryReadInto(slot, destination), "version of slot " + slot);
      assertEquals(distinctValue(slot), destination.assumeUntorn(), "slot " + slot);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      mode = EnumSource.Mode.MATCH_ANY,
      names = {"CREATE.*", "SINGLE_WRITER.*"})
  void tryReadIntoOnASingleCopySlotFailsWhileAWriteIsInProgressInThatSlotOnly(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    array.copy0.storeSequenceRelease(array.copy0.sequenceIndex(1), 5);

    assertEquals(-1, array.tryReadInto(1, destination), "slot 1: write in progress");
    assertEquals(6, array.tryReadInto(2, destination), "slot 2 is not being written");
    assertEquals(distinctValue(2), destination.assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.MATCH_ANY, names = "LATCHED.*")
  void tryReadIntoOnALatchedSlotReadsThePreviousValueWhileAWriteIsInProgress(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    array.copy0.storeSequenceRelease(array.copy0.sequenceIndex(1), 5);

    assertEquals(4, array.tryReadInto(1, destination));
    assertEquals(distinctValue(1), destination.assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.MATCH_ANY, names = "LATCHED.*")
  void aLatchedSlotReadsThePreviousValueWithoutWaitingWhileAWriteIsInProgress(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    array.copy0.storeSequenceRelease(array.copy0.sequenceIndex(1), 5);

    assertEquals(distinctValue(1), array.tryRead(1));
    assertEquals(
        4, assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> array.readInto(1, destination)));
    assertEquals(distinctValue(1), destination.assumeUntorn());
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
   * With two or more slots, at least 64 bytes separate one slot's value from the next slot's sequence
   * (the word before its value) in every copy of the data (one cache line: neighbours never share
   * one); a single slot is packed.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndKinds")
  void neighbouringSlotsValuesAreAtLeast64BytesApartAndASingleSlotIsPacked(
      Variant variant, Kind<?> kind) {
    checkDataLayout(variant, kind);
  }

  private static <T> void checkDataLayout(Variant variant, Kind<T> kind) {
    int valueBytes = AtomicPerByteArray.storageSize(kind.codec(), 1);
    List<AtomicPerByteArray<?>> spaced = dataArraysOf(variant.array(kind.codec(), 3, kind.value(0)));
    List<AtomicPerByteArray<?>> single = dataArraysOf(variant.array(kind.codec(), 1, kind.value(0)));

    int copies = !variant.singleCopy() ? 2 : 1;
    assertEquals(copies, spaced.size(), "data arrays");
    assertEquals(copies, single.size(), "data arrays of one slot");
    for (AtomicPerByteArray<?> data : spaced) {
      assertEquals(3, data.length());
      assertTrue(
          data.elementStride() - valueBytes - Long.BYTES >= 64,
          () -> data.elementStride() + "-byte stride for " + valueBytes + "-byte values");
    }
    for (AtomicPerByteArray<?> data : single) {
      assertEquals(1, data.length());
      assertEquals(valueBytes, data.elementStride(), "one slot: packed");
    }
  }

  /** The data arrays of {@code array}'s engine: one per copy. */
  private static List<AtomicPerByteArray<?>> dataArraysOf(SeqLockArray<?> array) {
    List<AtomicPerByteArray<?>> found = new ArrayList<>();
    Engines.copies(array).forEach(copy -> found.add(copy.values));
    return found;
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
