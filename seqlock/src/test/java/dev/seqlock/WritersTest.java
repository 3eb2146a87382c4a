package dev.seqlock;

import static dev.seqlock.Fixtures.assertUnchangedAndFree;
import static dev.seqlock.Fixtures.distinctSlots;
import static dev.seqlock.Fixtures.distinctValue;
import static dev.seqlock.SeqLockArrayTest.values;
import static dev.seqlock.SeqLockArrayTest.versions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.Fixtures.SlotStates;
import dev.seqlock.WriterThreads.HeldWriter;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writers, of a {@link SeqLock} and of a slot of a {@link SeqLockArray} ({@link Facade}), of every
 * {@link Variant}: updates are atomic (no update lost), a write from inside an update function to the
 * same value fails instead of deadlocking, and a second concurrent writer of a single-writer value is
 * caught under {@code -ea}. Each slot of an array has its own writer role: a write to another slot
 * from inside an update function works, writers of other slots neither fail nor wait, and writers of
 * different slots, even single-writer ones, never conflict.
 */
class WritersTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** Increments per thread in the lost-update tests of one value. */
  private static final int INCREMENTS = 50_000;

  /** Slots of the arrays whose slots are written concurrently. */
  private static final int SLOTS = 4;

  /** Increments per thread and slot in the lost-update tests of several slots. */
  private static final int INCREMENTS_PER_SLOT = 20_000;

  /** The three ways to write a value, each writing {@code value}. */
  enum WriteMethod {
    WRITE {
      @Override
      <T> void write(Subject<T> subject, T value) {
        subject.write(value);
      }
    },
    WRITE_FROM {
      @Override
      <T> void write(Subject<T> subject, T value) {
        subject.writeFrom(MaybeTorn.of(subject.codec(), value));
      }
    },
    UPDATE {
      @Override
      <T> void write(Subject<T> subject, T value) {
        subject.update(v -> value);
      }
    };

    abstract <T> void write(Subject<T> subject, T value);

    /** Writes {@code value} to slot {@code slot} of {@code array}. */
    final <T> void write(SeqLockArray<T> array, int slot, T value) {
      write(new Subject.OfSlot<>(array, slot), value);
    }
  }

  static Stream<Arguments> lockedFacadesAndVariants() {
    return Facade.everyFacadeAndVariantWhere(Variant::serialisesWriters);
  }

  static Stream<Arguments> singleWriterFacadesAndVariants() {
    return Facade.everyFacadeAndVariantWhere(variant -> !variant.serialisesWriters());
  }

  static Stream<Arguments> facadesVariantsAndWriteMethods() {
    return Facade.everyFacadeVariantAndOther(variant -> true, List.of(WriteMethod.values()));
  }

  static Stream<Arguments> singleWriterFacadesVariantsAndWriteMethods() {
    return Facade.everyFacadeVariantAndOther(
        variant -> !variant.serialisesWriters(), List.of(WriteMethod.values()));
  }

  @ParameterizedTest
  @MethodSource("lockedFacadesAndVariants")
  void updateLosesNoUpdatesBetweenTwoConcurrentWriters(Facade facade, Variant variant)
      throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    CountDownLatch start = new CountDownLatch(1);
    Race race = new Race();
    for (String name : new String[] {"incrementer 1", "incrementer 2"}) {
      race.start(
          name,
          () -> {
            awaitUninterruptibly(start);
            for (int i = 0; i < INCREMENTS; i++) {
              subject.update(v -> v + 1);
            }
          });
    }

    start.countDown();
    race.join();

    assertEquals(2L * INCREMENTS, subject.read());
    assertEquals(4L * INCREMENTS, subject.version());
    for (Subject<Long> neighbour : subject.neighbours()) {
      assertEquals(0, neighbour.version(), "a neighbour's version");
    }
  }

  @ParameterizedTest
  @MethodSource("singleWriterFacadesAndVariants")
  void updateOfASingleWriterValueLosesNothingFromItsOneWriterThread(Facade facade, Variant variant)
      throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    Race race = new Race();
    race.start(
        "incrementer",
        () -> {
          for (int i = 0; i < INCREMENTS; i++) {
            subject.update(v -> v + 1);
          }
        });

    race.join();

    assertEquals((long) INCREMENTS, subject.read());
    assertEquals(2L * INCREMENTS, subject.version());
  }

  @ParameterizedTest
  @MethodSource("lockedFacadesAndVariants")
  void aSecondWriterWaitsWhileTheFirstIsInsideItsUpdateFunction(Facade facade, Variant variant)
      throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    HeldWriter first = HeldWriter.enter(subject);
    Race race = new Race();
    CountDownLatch secondDone = new CountDownLatch(1);
    race.start(
        "second writer",
        () -> {
          subject.write(10L);
          secondDone.countDown();
        });

    boolean finishedWhileFirstHeld = secondDone.await(100, TimeUnit.MILLISECONDS);
    first.finish();
    race.join();

    assertFalse(finishedWhileFirstHeld, "the second write completed while the first was in progress");
    assertEquals(10L, subject.read(), "the second write comes after the first");
    assertEquals(4, subject.version());
    for (Subject<Long> neighbour : subject.neighbours()) {
      assertEquals(0, neighbour.version(), "a neighbour's version");
    }
  }

  @ParameterizedTest
  @MethodSource("facadesVariantsAndWriteMethods")
  void aWriteFromInsideAnUpdateFunctionThrowsIllegalStateExceptionInsteadOfDeadlocking(
      Facade facade, Variant variant, WriteMethod nested) {
    assumeTrue(variant.detectsNestedWrites(), "the single-writer check needs -ea");
    Subject<Long> subject = facade.of(variant, LONG, 1L);

    IllegalStateException e =
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT,
            () ->
                assertThrows(
                    IllegalStateException.class,
                    () ->
                        subject.update(
                            v -> {
                              nested.write(subject, 99L);
                              return v + 1;
                            })),
            "a nested write deadlocked");

    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("re-entrant write: this thread"), message);
  }

  @ParameterizedTest
  @MethodSource("facadesVariantsAndWriteMethods")
  void aRejectedNestedWriteChangesNothingAndLeavesTheValueFree(
      Facade facade, Variant variant, WriteMethod nested) {
    assumeTrue(variant.detectsNestedWrites(), "the single-writer check needs -ea");
    Subject<Long> subject = facade.of(variant, LONG, 1L);
    SlotStates before = distinctSlots(subject);

    assertTimeoutPreemptively(
        WriterThreads.TIMEOUT,
        () -> {
          try {
            subject.update(
                v -> {
                  nested.write(subject, 99L);
                  return v + 1;
                });
          } catch (IllegalStateException expected) {
            // the behaviour of the previous test
          }
        });

    assertUnchangedAndFree(subject, before);
  }

  @ParameterizedTest
  @MethodSource("singleWriterFacadesVariantsAndWriteMethods")
  void aSecondWriterOfASingleWriterValueGetsIllegalStateException(
      Facade facade, Variant variant, WriteMethod second) throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    HeldWriter first = HeldWriter.enter(subject);
    try {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> second.write(subject, 10L));

      String message = String.valueOf(e.getMessage());
      assertTrue(message.contains("second writer"), message);
    } finally {
      first.finish();
    }
  }

  @ParameterizedTest
  @MethodSource("singleWriterFacadesVariantsAndWriteMethods")
  void aRejectedSecondWriterDoesNotTakeTheWriterRoleFromTheFirst(
      Facade facade, Variant variant, WriteMethod second) throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    distinctSlots(subject);
    long value = subject.read();
    long version = subject.version();
    HeldWriter first = HeldWriter.enter(subject);
    try {
      assertThrows(IllegalStateException.class, () -> second.write(subject, 10L));

      // Had the failed write released the role on its way out, this one would get through.
      assertThrows(IllegalStateException.class, () -> second.write(subject, 20L));
      assertEquals(value, subject.read());
      assertEquals(version, subject.version());
    } finally {
      first.finish();
    }
  }

  @ParameterizedTest
  @MethodSource("singleWriterFacadesVariantsAndWriteMethods")
  void writesToASingleWriterValueWorkAgainOnceTheFirstWriterHasFinished(
      Facade facade, Variant variant, WriteMethod second) throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    distinctSlots(subject);
    long value = subject.read();
    long version = subject.version();
    HeldWriter first = HeldWriter.enter(subject);
    try {
      assertThrows(IllegalStateException.class, () -> second.write(subject, 10L));
    } finally {
      first.finish();
    }
    assertEquals(value + 1, subject.read(), "the first writer's update only");
    assertEquals(version + 2, subject.version());

    second.write(subject, 30L);

    assertEquals(30L, subject.read(), "a write after the first writer's");
    assertEquals(version + 4, subject.version());
  }

  @ParameterizedTest
  @MethodSource("singleWriterFacadesAndVariants")
  void aSingleWriterValueAcceptsWritesFromDifferentThreadsOneAfterAnother(
      Facade facade, Variant variant) throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    for (long value = 1; value <= 3; value++) {
      long v = value;
      Race race = new Race();
      race.start("writer " + v, () -> subject.write(v));
      race.join();
    }

    assertEquals(3L, subject.read());
    assertEquals(6, subject.version());
    for (Subject<Long> neighbour : subject.neighbours()) {
      assertEquals(0L, neighbour.read(), "a neighbour's value");
      assertEquals(0, neighbour.version(), "a neighbour's version");
    }
  }

  // ---- the slots of an array: a writer role each ----

  static Stream<Arguments> variantsAndWriteMethods() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> Arrays.stream(WriteMethod.values()).map(m -> Arguments.of(v, m)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndWriteMethods")
  void aWriteToAnotherSlotFromInsideAnUpdateFunctionWorks(Variant variant, WriteMethod nested) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);

    Long result =
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT,
            () ->
                array.update(
                    1,
                    v -> {
                      nested.write(array, 2, 99L);
                      nested.write(array, 0, 98L);
                      return v + 1;
                    }),
            "a nested write to another slot did not complete");

    assertEquals(distinctValue(1) + 1, result);
    assertArrayEquals(new long[] {98, distinctValue(1) + 1, 99}, values(array));
    assertArrayEquals(new long[] {4, 6, 8}, versions(array));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndWriteMethods")
  void writersOfOtherSlotsNeitherFailNorWaitWhileOneSlotsWriterIsInsideItsUpdateFunction(
      Variant variant, WriteMethod other) throws InterruptedException {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    distinctSlots(array);
    HeldWriter first = HeldWriter.enter(array, 1);
    try {
      assertTimeoutPreemptively(
          WriterThreads.TIMEOUT,
          () -> {
            other.write(array, 0, 10L);
            other.write(array, 2, 12L);
          },
          "writes to other slots did not complete while slot 1 was being written");
      assertArrayEquals(new long[] {10, distinctValue(1), 12}, values(array));
    } finally {
      first.finish();
    }
    assertArrayEquals(new long[] {10, distinctValue(1) + 1, 12}, values(array));
    assertArrayEquals(new long[] {4, 6, 8}, versions(array));
  }

  /**
   * Two threads, each writing back to back to slots of its own (thread 0 slots 0 and 2, thread 1
   * slots 1 and 3) with all three write methods, their updates used as counters: on single-writer
   * slots no writer is ever told it has company, and on every variant no update of any slot is lost.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void concurrentWritersOfDifferentSlotsNeverConflictAndLoseNoUpdate(Variant variant)
      throws InterruptedException {
    SeqLockArray<Long> array = variant.array(LONG, SLOTS, 0L);
    CountDownLatch start = new CountDownLatch(1);
    Race race = new Race();
    for (int t = 0; t < 2; t++) {
      int own = t;
      race.start(
          "writer of slots " + own + " and " + (own + 2),
          () -> {
            awaitUninterruptibly(start);
            MaybeTorn<Long> source = MaybeTorn.allocate(LONG);
            for (int i = 0; i < INCREMENTS_PER_SLOT; i++) {
              for (int slot = own; slot < SLOTS; slot += 2) {
                switch (i % 3) {
                  case 0 -> array.update(slot, v -> v + 1);
                  case 1 -> {
                    long next = array.read(slot) + 1; // this thread is the slot's only writer
                    source.set(next);
                    array.writeFrom(slot, source);
                  }
                  default -> array.write(slot, array.read(slot) + 1);
                }
              }
            }
          });
    }

    start.countDown();
    race.join();

    long[] expectedValues = new long[SLOTS];
    long[] expectedVersions = new long[SLOTS];
    Arrays.fill(expectedValues, INCREMENTS_PER_SLOT);
    Arrays.fill(expectedVersions, 2L * INCREMENTS_PER_SLOT);
    assertArrayEquals(expectedValues, values(array));
    assertArrayEquals(expectedVersions, versions(array));
  }

  /**
   * Two threads incrementing every slot with update(), in opposite slot orders, so that they meet on
   * each slot and write different slots at the same time: the count of every slot is exact.
   */
  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#serialisingWriters")
  void updateLosesNoUpdateOfAnySlotBetweenTwoWritersOfAllSlots(Variant variant)
      throws InterruptedException {
    SeqLockArray<Long> array = variant.array(LONG, SLOTS, 0L);
    CountDownLatch start = new CountDownLatch(1);
    Race race = new Race();
    for (int t = 0; t < 2; t++) {
      boolean ascending = t == 0;
      race.start(
          ascending ? "ascending incrementer" : "descending incrementer",
          () -> {
            awaitUninterruptibly(start);
            for (int i = 0; i < INCREMENTS_PER_SLOT; i++) {
              for (int k = 0; k < SLOTS; k++) {
                array.update(ascending ? k : SLOTS - 1 - k, v -> v + 1);
              }
            }
          });
    }

    start.countDown();
    race.join();

    long[] expectedValues = new long[SLOTS];
    long[] expectedVersions = new long[SLOTS];
    Arrays.fill(expectedValues, 2L * INCREMENTS_PER_SLOT);
    Arrays.fill(expectedVersions, 4L * INCREMENTS_PER_SLOT);
    assertArrayEquals(expectedValues, values(array));
    assertArrayEquals(expectedVersions, versions(array));
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      if (!latch.await(WriterThreads.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("never started");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
