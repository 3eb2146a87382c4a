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
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.Fixtures.SlotStates;
import dev.seqlock.WriterThreads.HeldWriter;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writers of a {@link SeqLockArray}: each slot has its own writer role. Updates of one slot are atomic
 * and updates of different slots independent (no update lost); a write from inside an update function
 * to the same slot fails, to another slot it works; a second concurrent writer of one single-writer
 * slot is caught under {@code -ea}, writers of different single-writer slots never are.
 */
class SeqLockArrayWritersTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** Slots of the arrays written concurrently. */
  private static final int SLOTS = 4;

  /** Increments per thread and slot in the lost-update tests. */
  private static final int INCREMENTS = 20_000;

  /** The three ways to write a slot, each writing {@code value}. */
  enum WriteMethod {
    WRITE {
      @Override
      <T> void write(SeqLockArray<T> array, int slot, T value) {
        array.write(slot, value);
      }
    },
    WRITE_FROM {
      @Override
      <T> void write(SeqLockArray<T> array, int slot, T value) {
        array.writeFrom(slot, MaybeTorn.of(array.codec(), value));
      }
    },
    UPDATE {
      @Override
      <T> void write(SeqLockArray<T> array, int slot, T value) {
        array.update(slot, v -> value);
      }
    };

    abstract <T> void write(SeqLockArray<T> array, int slot, T value);
  }

  static Stream<Arguments> variantsAndWriteMethods() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> Arrays.stream(WriteMethod.values()).map(m -> Arguments.of(v, m)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndWriteMethods")
  void aWriteToTheSameSlotFromInsideAnUpdateFunctionThrowsAndChangesNothing(
      Variant variant, WriteMethod nested) {
    assumeTrue(variant.detectsNestedWrites(), "the single-writer check needs -ea");
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    SlotStates before = distinctSlots(array);

    IllegalStateException e =
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT,
            () ->
                assertThrows(
                    IllegalStateException.class,
                    () ->
                        array.update(
                            1,
                            v -> {
                              nested.write(array, 1, 99L);
                              return v + 1;
                            })),
            "a nested write to the same slot deadlocked");

    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("re-entrant write: this thread"), message);
    assertUnchangedAndFree(array, before);
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

  @ParameterizedTest
  @EnumSource(WriteMethod.class)
  void aSecondWriterOfTheSameSingleWriterSlotGetsIllegalStateExceptionAndChangesNothing(
      WriteMethod second) throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    SeqLockArray<Long> array = SeqLockArray.singleWriter(LONG, 3, 0L);
    distinctSlots(array);
    HeldWriter first = HeldWriter.enter(array, 1);
    try {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> second.write(array, 1, 10L));

      String message = String.valueOf(e.getMessage());
      assertTrue(message.contains("second writer"), message);
      // Had the failed write released the role on its way out, this one would get through.
      assertThrows(IllegalStateException.class, () -> second.write(array, 1, 20L));
      assertEquals(distinctValue(1), array.read(1));
      assertEquals(4, array.version(1));
    } finally {
      first.finish();
    }
    assertEquals(distinctValue(1) + 1, array.read(1), "the first writer's update only");
    assertEquals(6, array.version(1));
    second.write(array, 1, 30L); // the role is free again
    assertEquals(30L, array.read(1));
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

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      mode = EnumSource.Mode.MATCH_ANY,
      names = {"CREATE.*", "LATCHED.*"})
  void aSecondWriterOfTheSameSlotWaitsWhileTheFirstIsInsideItsUpdateFunction(Variant variant)
      throws InterruptedException {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    HeldWriter first = HeldWriter.enter(array, 1);
    Race race = new Race();
    CountDownLatch secondDone = new CountDownLatch(1);
    race.start(
        "second writer",
        () -> {
          array.write(1, 10L);
          secondDone.countDown();
        });

    boolean finishedWhileFirstHeld = secondDone.await(100, TimeUnit.MILLISECONDS);
    first.finish();
    race.join();

    assertFalse(finishedWhileFirstHeld, "the second write completed while the first was in progress");
    assertEquals(10L, array.read(1), "the second write comes after the first");
    assertArrayEquals(new long[] {0, 4, 0}, versions(array));
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
            for (int i = 0; i < INCREMENTS; i++) {
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
    Arrays.fill(expectedValues, INCREMENTS);
    Arrays.fill(expectedVersions, 2L * INCREMENTS);
    assertArrayEquals(expectedValues, values(array));
    assertArrayEquals(expectedVersions, versions(array));
  }

  /**
   * Two threads incrementing every slot with update(), in opposite slot orders, so that they meet on
   * each slot and write different slots at the same time: the count of every slot is exact.
   */
  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      mode = EnumSource.Mode.MATCH_ANY,
      names = {"CREATE.*", "LATCHED.*"})
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
            for (int i = 0; i < INCREMENTS; i++) {
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
    Arrays.fill(expectedValues, 2L * INCREMENTS);
    Arrays.fill(expectedVersions, 4L * INCREMENTS);
    assertArrayEquals(expectedValues, values(array));
    assertArrayEquals(expectedVersions, versions(array));
  }

  @Test
  void aSingleWriterSlotAcceptsWritesFromDifferentThreadsOneAfterAnother()
      throws InterruptedException {
    SeqLockArray<Long> array = SeqLockArray.singleWriter(LONG, 2, 0L);
    for (long value = 1; value <= 3; value++) {
      long v = value;
      Race race = new Race();
      race.start("writer " + v, () -> array.write(1, v));
      race.join();
    }

    assertArrayEquals(new long[] {0, 3}, values(array));
    assertArrayEquals(new long[] {0, 6}, versions(array));
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      if (!latch.await(WriterThreads.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("never started");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
