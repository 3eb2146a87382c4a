package dev.seqlock;

import static dev.seqlock.Fixtures.distinctSlots;
import static dev.seqlock.Fixtures.distinctValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.Checked;
import dev.seqlock.Fixtures.Kind;
import dev.seqlock.Fixtures.SlotStates;
import dev.seqlock.WriterThreads.HeldWriter;
import dev.seqlock.WritersTest.WriteMethod;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads and writes of one value, a {@link SeqLock} or slot 1 of a {@link SeqLockArray} of three
 * ({@link Facade}), of every {@link Variant}, single-threaded: what each read method returns, how each
 * write method changes the value and its version, and that an operation on the value leaves the other
 * values of its array ({@link Subject#neighbours()}) as they were. Also readers, and writers of the
 * other values, beside a writer held mid-update, and (white box) beside a write in progress.
 */
class ReadWriteTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** A value no slot holds, to see whether a holder was written. */
  private static final long SENTINEL = 0x5A5A5A5A5A5A5A5AL;

  static Stream<Arguments> facadesVariantsKindsAndWriteMethods() {
    return Facade.everyFacadeAndVariant()
        .flatMap(
            arguments ->
                Stream.of(Fixtures.SIX_LONGS_WITH_CHECKSUM, Fixtures.TWENTY_FIVE_EQUAL_LONGS)
                    .flatMap(
                        kind ->
                            Stream.of(WriteMethod.values())
                                .map(
                                    method ->
                                        Arguments.of(
                                            arguments.get()[0], arguments.get()[1], kind, method))));
  }

  static Stream<Arguments> singleCopyFacadesAndVariants() {
    return Facade.everyFacadeAndVariantWhere(Variant::singleCopy);
  }

  static Stream<Arguments> latchedFacadesAndVariants() {
    return Facade.everyFacadeAndVariantWhere(variant -> !variant.singleCopy());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aNewValueHoldsTheInitialValueAtVersionZero(Facade facade, Variant variant) {
    Subject<Checked> subject = facade.of(variant, Fixtures.CHECKED, Checked.of(7));

    assertHoldsTheInitialValueAtVersionZero(subject.everyValue(), Checked.of(7));
  }

  /**
   * Checks that every one of {@code values} holds {@code initial} at version 0, by read, tryRead,
   * version and readInto.
   */
  static void assertHoldsTheInitialValueAtVersionZero(List<Subject<Checked>> values, Checked initial) {
    MaybeTorn<Checked> destination = MaybeTorn.allocate(Fixtures.CHECKED);
    for (int slot = 0; slot < values.size(); slot++) {
      Subject<Checked> value = values.get(slot);
      String where = "slot " + slot + ": ";
      assertEquals(initial, value.read(), where + "read");
      assertEquals(initial, value.tryRead(), where + "tryRead");
      assertEquals(0, value.version(), where + "version");
      assertEquals(0, value.readInto(destination), where + "readInto's version");
      assertEquals(initial, destination.assumeUntorn(), where + "readInto's value");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void codecReturnsTheCodecTheLockOrArrayWasCreatedWith(Facade facade, Variant variant) {
    assertSame(Fixtures.CHECKED, facade.of(variant, Fixtures.CHECKED, Checked.of(0)).codec());
  }

  /**
   * Writes every value of the lock or array in turn with {@code method}, and after each write checks
   * every value: those written so far hold their value at version 2, the others the initial value at
   * version 0. Values of 48 and 200 bytes, so a write spilling into a neighbour's words shows.
   */
  @ParameterizedTest(name = "{0}, {1}, {2}, {3}")
  @MethodSource("facadesVariantsKindsAndWriteMethods")
  void aWriteChangesTheValueAndItsVersionAndNoOtherValue(
      Facade facade, Variant variant, Kind<?> kind, WriteMethod method) {
    writeValueByValue(facade, variant, kind, method);
  }

  private static <T> void writeValueByValue(
      Facade facade, Variant variant, Kind<T> kind, WriteMethod method) {
    writeValueByValue(facade.of(variant, kind.codec(), kind.value(0)).everyValue(), kind, method);
  }

  /**
   * Writes {@code values}, all holding counter 0 at version 0, one by one with {@code method}, value
   * {@code i} counter {@code 1_000 + i}, and after each write checks all of them.
   */
  static <T> void writeValueByValue(List<Subject<T>> values, Kind<T> kind, WriteMethod method) {
    for (int written = 0; written < values.size(); written++) {
      method.write(values.get(written), kind.value(1_000 + written));

      for (int slot = 0; slot < values.size(); slot++) {
        boolean wasWritten = slot <= written;
        String where = "slot " + slot + " after writing slot " + written;
        assertEquals(wasWritten ? 1_000 + slot : 0, kind.counter(values.get(slot).read()), where);
        assertEquals(wasWritten ? 2 : 0, values.get(slot).version(), where + ": version");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void versionGrowsByTwoWithEveryWriteWriteFromAndUpdateOfItsOwnValueOnly(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);

    subject.write(1L);
    assertVersions(subject, 2, 0, "after write");
    subject.writeFrom(MaybeTorn.of(LONG, 2L));
    assertVersions(subject, 4, 0, "after writeFrom");
    subject.update(v -> v + 1);
    assertVersions(subject, 6, 0, "after update");
    for (Subject<Long> neighbour : subject.neighbours()) {
      neighbour.write(5L);
      neighbour.update(v -> v + 1);
      neighbour.writeFrom(MaybeTorn.of(LONG, 7L));
    }

    assertVersions(subject, 6, 6, "after writes of the neighbours");
    assertEquals(3L, subject.read());
    for (Subject<Long> neighbour : subject.neighbours()) {
      assertEquals(7L, neighbour.read(), "a neighbour's value");
    }
  }

  /** Checks the version of {@code subject} and of each of its neighbours. */
  private static void assertVersions(
      Subject<Long> subject, long version, long neighboursVersion, String when) {
    assertEquals(version, subject.version(), when);
    for (Subject<Long> neighbour : subject.neighbours()) {
      assertEquals(neighboursVersion, neighbour.version(), "a neighbour's version " + when);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void updateAppliesTheFunctionToTheCurrentValueAndReturnsTheResult(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlots(subject);
    long value = subject.read();
    long version = subject.version();

    Long result = subject.update(v -> v * 2 + 1);

    assertEquals(value * 2 + 1, result);
    assertEquals(value * 2 + 1, subject.read());
    assertEquals(version + 2, subject.version());
    assertNeighboursUnchanged(subject, before);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void anUpdateFunctionMayReadTheLockOrArrayAndSeesTheValueItIsGiven(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlots(subject);
    List<Subject<Long>> values = subject.everyValue();
    long[] readInside = new long[1 + values.size()];

    subject.update(
        v -> {
          readInside[0] = v;
          for (int slot = 0; slot < values.size(); slot++) {
            readInside[1 + slot] = values.get(slot).read();
          }
          return v + 1;
        });

    long value = before.values().get(values.indexOf(subject));
    long[] expected = new long[1 + values.size()];
    expected[0] = value;
    for (int slot = 0; slot < values.size(); slot++) {
      expected[1 + slot] = before.values().get(slot);
    }
    assertArrayEquals(expected, readInside);
    assertEquals(value + 1, subject.read());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readIntoCopiesTheValueAndReturnsItsVersion(Facade facade, Variant variant) {
    List<Subject<Checked>> values = distinctCheckedValues(facade, variant);
    MaybeTorn<Checked> destination = MaybeTorn.allocate(Fixtures.CHECKED);

    for (int slot = 0; slot < values.size(); slot++) {
      long version = values.get(slot).readInto(destination);

      assertEquals(2L * (slot + 1), version, "version of slot " + slot);
      assertEquals(
          Checked.of(distinctValue(slot)), destination.assumeUntorn(), "value of slot " + slot);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void tryReadReturnsTheValueWhenNoWriteIsInProgress(Facade facade, Variant variant) {
    List<Subject<Checked>> values = distinctCheckedValues(facade, variant);

    for (int slot = 0; slot < values.size(); slot++) {
      assertEquals(Checked.of(distinctValue(slot)), values.get(slot).tryRead(), "slot " + slot);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void tryReadIntoCopiesTheValueAndReturnsItsVersionWhenNoWriteIsInProgress(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    distinctSlots(subject);
    List<Subject<Long>> values = subject.everyValue();
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    for (int slot = 0; slot < values.size(); slot++) {
      assertEquals(
          2L * (slot + 1), values.get(slot).tryReadInto(destination), "version of slot " + slot);
      assertEquals(distinctValue(slot), destination.assumeUntorn(), "slot " + slot);
    }
  }

  /**
   * Every value of a new lock or array of {@code Checked}, value {@code i} written {@code i + 1} times,
   * last with {@code Checked.of(distinctValue(i))}, so it is at version {@code 2 * (i + 1)}.
   */
  private static List<Subject<Checked>> distinctCheckedValues(Facade facade, Variant variant) {
    List<Subject<Checked>> values =
        facade.of(variant, Fixtures.CHECKED, Checked.of(0)).everyValue();
    for (int slot = 0; slot < values.size(); slot++) {
      for (int k = slot; k >= 0; k--) {
        values.get(slot).write(Checked.of(distinctValue(slot) - k));
      }
    }
    return values;
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readReturnsAFreshValueThatTheCallerMayChange(Facade facade, Variant variant) {
    Subject<long[]> subject = facade.of(variant, ByteCodecs.ofLongArray(2), new long[] {1, 2});

    long[] first = subject.read();
    first[0] = 99;

    assertNotSame(first, subject.read());
    assertArrayEquals(new long[] {1, 2}, subject.read());
    for (Subject<long[]> neighbour : subject.neighbours()) {
      assertArrayEquals(new long[] {1, 2}, neighbour.read(), "a neighbour's value");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void writeKeepsTheValueAsItWasWhenWrittenNotTheCallersObject(Facade facade, Variant variant) {
    Subject<long[]> subject = facade.of(variant, ByteCodecs.ofLongArray(2), new long[2]);
    long[] value = {3, 4};

    subject.write(value);
    value[0] = 99;

    assertArrayEquals(new long[] {3, 4}, subject.read());
    for (Subject<long[]> neighbour : subject.neighbours()) {
      assertArrayEquals(new long[2], neighbour.read(), "a neighbour's value");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void writeFromKeepsTheBytesNotTheHolder(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    MaybeTorn<Long> source = MaybeTorn.of(LONG, 5L);

    subject.writeFrom(source);
    source.set(6L);
    for (Subject<Long> neighbour : subject.neighbours()) {
      neighbour.writeFrom(source);
    }

    assertEquals(5L, subject.read());
    for (Subject<Long> neighbour : subject.neighbours()) {
      assertEquals(6L, neighbour.read(), "a neighbour's value");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readIfNewerCopiesTheValueWhenNothingWasSeenYet(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 8L);
    List<Subject<Long>> values = subject.everyValue();
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);
    for (int slot = 0; slot < values.size(); slot++) {
      long version = values.get(slot).readIfNewer(SeqLock.NOTHING_SEEN, destination);

      assertEquals(0, version, "initial version of slot " + slot);
      assertEquals(8L, destination.assumeUntorn(), "initial value of slot " + slot);
    }

    distinctSlots(subject);

    for (int slot = 0; slot < values.size(); slot++) {
      long version = values.get(slot).readIfNewer(SeqLock.NOTHING_SEEN, destination);

      assertEquals(2L * (slot + 1), version, "version of slot " + slot);
      assertEquals(distinctValue(slot), destination.assumeUntorn(), "value of slot " + slot);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readIfNewerReturnsLastSeenAndLeavesTheDestinationUntouchedWhenNothingChanged(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    distinctSlots(subject);
    List<Subject<Long>> values = subject.everyValue();
    MaybeTorn<Long> destination = MaybeTorn.of(LONG, SENTINEL);

    for (int slot = 0; slot < values.size(); slot++) {
      long seen = 2L * (slot + 1);

      long version = values.get(slot).readIfNewer(seen, destination);

      assertEquals(seen, version, "slot " + slot);
      assertEquals(SENTINEL, destination.assumeUntorn(), "slot " + slot);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readIfNewerReturnsAGreaterVersionAndTheNewValueAfterAWrite(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);
    long seen = subject.readIfNewer(SeqLock.NOTHING_SEEN, destination);
    subject.write(8L);

    long version = subject.readIfNewer(seen, destination);

    assertTrue(version > seen, () -> version + " is not greater than " + seen);
    assertEquals(subject.version(), version);
    assertEquals(2, version);
    assertEquals(8L, destination.assumeUntorn());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readIfNewerCopiesWhenTheVersionDiffersEvenIfLastSeenIsGreater(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 3L);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    long version = subject.readIfNewer(100, destination); // a version of some other value: it differs

    assertEquals(0, version);
    assertEquals(3L, destination.assumeUntorn());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void readsAndWritesOfOtherValuesCompleteWhileAWriterIsInsideItsUpdateFunction(
      Facade facade, Variant variant) throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlots(subject);
    List<Subject<Long>> values = subject.everyValue();
    long value = subject.read();
    long version = subject.version();
    HeldWriter writer = HeldWriter.enter(subject);
    try {
      // Encoding happens before the sequence goes odd: a slow update function blocks no reader, and
      // each slot of an array has its own writer role, so writers of the other slots do not wait.
      assertEquals(value, assertTimeoutPreemptively(WriterThreads.TIMEOUT, subject::read));
      assertEquals(value, subject.tryRead());
      assertEquals(version, subject.version());
      for (Subject<Long> neighbour : subject.neighbours()) {
        long other = 70L + values.indexOf(neighbour);
        WriterThreads.writeFromAnotherThread(neighbour, other);
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT,
            () -> neighbour.update(v -> v + 1),
            "an update of another slot did not complete");
        assertEquals(other + 1, neighbour.read(), "a neighbour's value");
      }
    } finally {
      writer.finish();
    }
    assertEquals(value + 1, subject.read());
    assertEquals(version + 2, subject.version());
    for (Subject<Long> neighbour : subject.neighbours()) {
      int slot = values.indexOf(neighbour);
      assertEquals(70L + slot + 1, neighbour.read(), "slot " + slot);
      assertEquals(before.versions().get(slot) + 4, neighbour.version(), "version of slot " + slot);
    }
  }

  /** Checks that every neighbour of {@code subject} holds the value and version of {@code before}. */
  private static void assertNeighboursUnchanged(Subject<Long> subject, SlotStates before) {
    List<Subject<Long>> values = subject.everyValue();
    for (Subject<Long> neighbour : subject.neighbours()) {
      int slot = values.indexOf(neighbour);
      assertEquals(before.values().get(slot), neighbour.read(), "value of slot " + slot);
      assertEquals(before.versions().get(slot), neighbour.version(), "version of slot " + slot);
    }
  }

  // White-box: a writer preempted between its odd and even sequence stores, simulated by storing an
  // odd sequence directly into the value's sequence (no user code runs inside that window, so no test
  // hook can hold it there).

  /** Stores {@code sequence} as {@code subject}'s sequence, as a writer does. */
  private static void storeSequence(Subject<?> subject, long sequence) {
    SlotWords<?> words = subject.engine().words;
    words.setWordRelease(words.sequenceIndex(subject.slot()), sequence);
  }

  /**
   * The values of the lock or array of {@code subject}, given distinct values and versions
   * ({@link Fixtures#distinctSlots}), with a write of {@code subject} in progress.
   */
  private static SlotStates distinctSlotsAndAWriteInProgress(Subject<Long> subject) {
    SlotStates before = distinctSlots(subject);
    storeSequence(subject, subject.version() + 1);
    return before;
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aWriteInProgressLeavesItsVersionAndEveryOtherValueAsTheyWere(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlotsAndAWriteInProgress(subject);
    List<Subject<Long>> values = subject.everyValue();
    long version = before.versions().get(values.indexOf(subject));
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    for (int slot = 0; slot < values.size(); slot++) {
      assertEquals(
          before.versions().get(slot),
          values.get(slot).version(),
          "the version before that write, slot " + slot);
    }
    assertEquals(
        version,
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT, () -> subject.readIfNewer(version, destination)),
        "no news for a poller, at once");
    for (Subject<Long> neighbour : subject.neighbours()) {
      int slot = values.indexOf(neighbour);
      assertEquals(before.values().get(slot), neighbour.tryRead(), "tryRead of slot " + slot);
      long neighbourVersion =
          assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> neighbour.readInto(destination));
      assertEquals(
          before.versions().get(slot), neighbourVersion, "readInto's version of slot " + slot);
      assertEquals(before.values().get(slot), destination.assumeUntorn(), "slot " + slot);
    }
  }

  /**
   * A reader that keeps finding a single-copy value's write in progress goes through the starving
   * path, where a locked variant takes the writer lock. That lock does not exclude a writer the engine
   * does not know of (another process writing the same buffer, simulated by an odd sequence with the
   * role free), so the read must still wait for the write to end and return what it published, never
   * the odd sequence or the words under it. The wait before the write ends only gives a wrong read
   * time to return; a slow machine cannot make this test fail.
   */
  @ParameterizedTest
  @MethodSource("singleCopyFacadesAndVariants")
  void aStarvingReadWaitsForAWriteInProgressThatHoldsNoRole(Facade facade, Variant variant)
      throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlotsAndAWriteInProgress(subject);
    long value = before.values().get(subject.everyValue().indexOf(subject));
    long version = subject.version(); // the version before the write in progress
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);
    long[] read = {Long.MIN_VALUE};
    Thread reader = new Thread(() -> read[0] = subject.readInto(destination), "starving reader");
    reader.setDaemon(true);
    reader.start();
    try {
      reader.join(200);
      assertTrue(reader.isAlive(), () -> "the read returned " + read[0] + " during the write");
    } finally {
      storeSequence(subject, version + 2); // the write ends (its value is the old one's words)
      reader.join(WriterThreads.TIMEOUT.toMillis());
    }
    assertFalse(reader.isAlive(), "the read did not return after the write ended");
    assertEquals(version + 2, read[0]);
    assertEquals(value, destination.assumeUntorn());
  }

  @ParameterizedTest
  @MethodSource("singleCopyFacadesAndVariants")
  void tryReadOfASingleCopyValueReturnsNullWhileAWriteIsInProgress(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    distinctSlotsAndAWriteInProgress(subject);

    assertNull(subject.tryRead());
  }

  @ParameterizedTest
  @MethodSource("singleCopyFacadesAndVariants")
  void tryReadIntoOfASingleCopyValueFailsAtOnceWhileAWriteIsInProgressInThatValueOnly(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlotsAndAWriteInProgress(subject);
    List<Subject<Long>> values = subject.everyValue();
    long value = before.values().get(values.indexOf(subject));
    long version = before.versions().get(values.indexOf(subject));
    MaybeTorn<Long> destination = MaybeTorn.of(LONG, 99L);

    assertEquals(
        -1,
        assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> subject.tryReadInto(destination)),
        "a write in progress");
    for (Subject<Long> neighbour : subject.neighbours()) {
      int slot = values.indexOf(neighbour);
      assertEquals(
          before.versions().get(slot),
          neighbour.tryReadInto(destination),
          "slot " + slot + " is not being written");
      assertEquals(before.values().get(slot), destination.assumeUntorn(), "slot " + slot);
    }
    storeSequence(subject, version + 2); // the write ends
    assertEquals(version + 2, subject.tryReadInto(destination));
    assertEquals(value, destination.assumeUntorn());
  }

  @ParameterizedTest
  @MethodSource("latchedFacadesAndVariants")
  void tryReadIntoOfALatchedValueReadsThePreviousValueWhileAWriteIsInProgress(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlotsAndAWriteInProgress(subject);
    int slot = subject.everyValue().indexOf(subject);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    assertEquals(before.versions().get(slot), subject.tryReadInto(destination));
    assertEquals(before.values().get(slot), destination.assumeUntorn());
  }

  @ParameterizedTest
  @MethodSource("latchedFacadesAndVariants")
  void aLatchedValueReadsThePreviousValueWithoutWaitingWhileAWriteIsInProgress(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    SlotStates before = distinctSlotsAndAWriteInProgress(subject);
    int slot = subject.everyValue().indexOf(subject);
    MaybeTorn<Long> destination = MaybeTorn.allocate(LONG);

    assertEquals(before.values().get(slot), subject.tryRead());
    assertEquals(
        before.versions().get(slot),
        assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> subject.readInto(destination)));
    assertEquals(before.values().get(slot), destination.assumeUntorn());
  }
}
