package dev.seqlock;

import static dev.seqlock.Fixtures.assertUnchangedAndFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/** Writers: updates are atomic, nested writes fail, a second single writer is caught under -ea. */
class SeqLockWritersTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** Increments per thread in the lost-update tests. */
  private static final int INCREMENTS = 50_000;

  /** The three ways to write, each writing {@code value}. */
  enum WriteMethod {
    WRITE {
      @Override
      void write(SeqLock<Long> lock, long value) {
        lock.write(value);
      }
    },
    WRITE_FROM {
      @Override
      void write(SeqLock<Long> lock, long value) {
        lock.writeFrom(MaybeTorn.of(LONG, value));
      }
    },
    UPDATE {
      @Override
      void write(SeqLock<Long> lock, long value) {
        lock.update(v -> value);
      }
    };

    abstract void write(SeqLock<Long> lock, long value);
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      mode = EnumSource.Mode.MATCH_ANY,
      names = {"CREATE.*", "LATCHED.*"})
  void updateLosesNoUpdatesBetweenTwoConcurrentWriters(Variant variant) throws InterruptedException {
    SeqLock<Long> lock = variant.of(LONG, 0L);
    CountDownLatch start = new CountDownLatch(1);
    Race race = new Race();
    for (String name : new String[] {"incrementer 1", "incrementer 2"}) {
      race.start(
          name,
          () -> {
            awaitUninterruptibly(start);
            for (int i = 0; i < INCREMENTS; i++) {
              lock.update(v -> v + 1);
            }
          });
    }

    start.countDown();
    race.join();

    assertEquals(2L * INCREMENTS, lock.read());
    assertEquals(4L * INCREMENTS, lock.version());
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.MATCH_ANY, names = "SINGLE_WRITER.*")
  void updateOnASingleWriterLockLosesNothingFromItsOneWriterThread(Variant variant) throws InterruptedException {
    SeqLock<Long> lock = variant.of(LONG, 0L);
    Race race = new Race();
    race.start(
        "incrementer",
        () -> {
          for (int i = 0; i < INCREMENTS; i++) {
            lock.update(v -> v + 1);
          }
        });

    race.join();

    assertEquals((long) INCREMENTS, lock.read());
    assertEquals(2L * INCREMENTS, lock.version());
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      mode = EnumSource.Mode.MATCH_ANY,
      names = {"CREATE.*", "LATCHED.*"})
  void aSecondWriterWaitsWhileTheFirstIsInsideItsUpdateFunction(Variant variant)
      throws InterruptedException {
    SeqLock<Long> lock = variant.of(LONG, 0L);
    HeldWriter first = HeldWriter.enter(lock);
    Race race = new Race();
    CountDownLatch secondDone = new CountDownLatch(1);
    race.start(
        "second writer",
        () -> {
          lock.write(10L);
          secondDone.countDown();
        });

    boolean finishedWhileFirstHeld = secondDone.await(100, TimeUnit.MILLISECONDS);
    first.finish();
    race.join();

    assertFalse(finishedWhileFirstHeld, "the second write completed while the first was in progress");
    assertEquals(10L, lock.read(), "the second write comes after the first");
    assertEquals(4, lock.version());
  }

  static Stream<Arguments> variantsAndWriteMethods() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> Arrays.stream(WriteMethod.values()).map(m -> Arguments.of(v, m)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndWriteMethods")
  void aWriteFromInsideAnUpdateFunctionThrowsIllegalStateExceptionInsteadOfDeadlocking(
      Variant variant, WriteMethod nested) {
    assumeTrue(variant.detectsNestedWrites(), "the single-writer check needs -ea");
    SeqLock<Long> lock = variant.of(LONG, 1L);

    IllegalStateException e =
        assertTimeoutPreemptively(
            WriterThreads.TIMEOUT,
            () ->
                assertThrows(
                    IllegalStateException.class,
                    () ->
                        lock.update(
                            v -> {
                              nested.write(lock, 99L);
                              return v + 1;
                            })));

    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("re-entrant write: this thread"), message);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndWriteMethods")
  void aRejectedNestedWriteChangesNothingAndLeavesTheLockFree(Variant variant, WriteMethod nested) {
    assumeTrue(variant.detectsNestedWrites(), "the single-writer check needs -ea");
    SeqLock<Long> lock = variant.of(LONG, 1L);

    assertTimeoutPreemptively(
        WriterThreads.TIMEOUT,
        () -> {
          try {
            lock.update(
                v -> {
                  nested.write(lock, 99L);
                  return v + 1;
                });
          } catch (IllegalStateException expected) {
            // the behaviour of the previous test
          }
        });

    assertUnchangedAndFree(lock, 1L, 0);
  }

  @ParameterizedTest
  @EnumSource(WriteMethod.class)
  void aSecondWriterOnASingleWriterLockGetsIllegalStateException(WriteMethod second)
      throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    SeqLock<Long> lock = SeqLock.singleWriter(LONG, 0L);
    HeldWriter first = HeldWriter.enter(lock);
    try {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> second.write(lock, 10L));

      String message = String.valueOf(e.getMessage());
      assertTrue(message.contains("second writer"), message);
    } finally {
      first.finish();
    }
  }

  @Test
  void aRejectedSecondWriterDoesNotTakeTheWriterRoleFromTheFirst() throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    SeqLock<Long> lock = SeqLock.singleWriter(LONG, 0L);
    HeldWriter first = HeldWriter.enter(lock);
    try {
      assertThrows(IllegalStateException.class, () -> lock.write(10L));

      // Had the failed write released the role on its way out, this one would get through.
      assertThrows(IllegalStateException.class, () -> lock.write(20L));
      assertEquals(0L, lock.read());
      assertEquals(0, lock.version());
    } finally {
      first.finish();
    }
  }

  @Test
  void writesToASingleWriterLockWorkAgainOnceTheFirstWriterHasFinished()
      throws InterruptedException {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check needs -ea");
    SeqLock<Long> lock = SeqLock.singleWriter(LONG, 0L);
    HeldWriter first = HeldWriter.enter(lock);
    assertThrows(IllegalStateException.class, () -> lock.write(10L));

    first.finish();
    lock.write(lock.read() + 10);

    assertEquals(11L, lock.read(), "the first writer's update, then this write");
    assertEquals(4, lock.version());
  }

  @Test
  void aSingleWriterLockAcceptsWritesFromDifferentThreadsOneAfterAnother()
      throws InterruptedException {
    SeqLock<Long> lock = SeqLock.singleWriter(LONG, 0L);
    for (long value = 1; value <= 3; value++) {
      long v = value;
      Race race = new Race();
      race.start("writer " + v, () -> lock.write(v));
      race.join();
    }

    assertEquals(3L, lock.read());
    assertEquals(6, lock.version());
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
