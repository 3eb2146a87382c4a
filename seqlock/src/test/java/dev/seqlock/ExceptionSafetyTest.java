package dev.seqlock;

import static dev.seqlock.Fixtures.assertUnchangedAndFree;
import static dev.seqlock.Fixtures.distinctSlots;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.seqlock.Fixtures.PoisonException;
import dev.seqlock.Fixtures.PoisonableCodec;
import dev.seqlock.Fixtures.SlotStates;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A codec or update function that throws while a value is written, a {@link SeqLock} or slot 1 of a
 * {@link SeqLockArray} of three ({@link Facade}), of every {@link Variant}: the exception reaches the
 * caller, the value and version, and those of the slots beside it, are as before, and every value is
 * free (checked by writes from another thread, which would hang on a lock left held and throw on a
 * single-writer role left claimed).
 */
class ExceptionSafetyTest {
  private static final long POISON = PoisonableCodec.POISON;

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void anExceptionFromTheCodecDuringWriteReachesTheCaller(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, new PoisonableCodec(), 1L);

    assertThrows(PoisonException.class, () -> subject.write(POISON));
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aWriteWhoseCodecThrowsChangesNothingAndLeavesTheValueFree(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, new PoisonableCodec(), 1L);
    SlotStates before = distinctSlots(subject);

    assertThrows(PoisonException.class, () -> subject.write(POISON));

    assertUnchangedAndFree(subject, before);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void anUpdateWhoseResultTheCodecCannotEncodeChangesNothingAndLeavesTheValueFree(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, new PoisonableCodec(), 1L);
    SlotStates before = distinctSlots(subject);

    assertThrows(PoisonException.class, () -> subject.update(v -> POISON));

    assertUnchangedAndFree(subject, before);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void theExceptionOfAnUpdateFunctionReachesTheCallerUnwrapped(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, ByteCodecs.ofLong(), 1L);
    ArithmeticException thrown = new ArithmeticException("from the update function");

    ArithmeticException caught =
        assertThrows(
            ArithmeticException.class,
            () ->
                subject.update(
                    v -> {
                      throw thrown;
                    }));

    assertSame(thrown, caught);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void anUpdateFunctionThatThrowsChangesNothingAndLeavesTheValueFree(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, ByteCodecs.ofLong(), 1L);
    SlotStates before = distinctSlots(subject);

    assertThrows(
        ArithmeticException.class,
        () ->
            subject.update(
                v -> {
                  throw new ArithmeticException();
                }));

    assertUnchangedAndFree(subject, before);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void anUpdateFunctionThatThrowsAnErrorChangesNothingAndLeavesTheValueFree(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, ByteCodecs.ofLong(), 1L);
    SlotStates before = distinctSlots(subject);

    assertThrows(
        StackOverflowError.class,
        () ->
            subject.update(
                v -> {
                  throw new StackOverflowError("simulated");
                }));

    assertUnchangedAndFree(subject, before);
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  @SuppressWarnings("NullAway") // the function returns null on purpose
  void anUpdateFunctionReturningNullGetsANullPointerExceptionNamingTheResult(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, ByteCodecs.ofLong(), 1L);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> subject.update(v -> null));

    assertEquals("function result", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  @SuppressWarnings("NullAway") // the function returns null on purpose
  void anUpdateFunctionReturningNullChangesNothingAndLeavesTheValueFree(
      Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, ByteCodecs.ofLong(), 1L);
    SlotStates before = distinctSlots(subject);

    assertThrows(NullPointerException.class, () -> subject.update(v -> null));

    assertUnchangedAndFree(subject, before);
  }

  /**
   * A value of the wrong length, given to write or returned by an update function, is rejected before
   * anything is written: the value (left at its initial version), and the neighbours (written once, to
   * differ from it), keep their values and versions, and the value takes a write afterwards.
   */
  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aValueTheCodecRejectsGetsIllegalArgumentExceptionAndChangesNothing(
      Facade facade, Variant variant) {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(2);
    Subject<long[]> subject = facade.of(variant, codec, new long[] {1, 2});
    for (Subject<long[]> neighbour : subject.neighbours()) {
      neighbour.write(new long[] {3, 4});
    }

    assertThrows(IllegalArgumentException.class, () -> subject.write(new long[] {7, 8, 9}));
    assertThrows(IllegalArgumentException.class, () -> subject.update(v -> new long[1]));

    assertArrayEquals(new long[] {1, 2}, subject.read());
    assertEquals(0, subject.version());
    for (Subject<long[]> neighbour : subject.neighbours()) {
      assertArrayEquals(new long[] {3, 4}, neighbour.read(), "a neighbour's value");
      assertEquals(2, neighbour.version(), "a neighbour's version");
    }
    assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> subject.write(new long[] {5, 6}));
    assertArrayEquals(new long[] {5, 6}, subject.read());
    assertEquals(2, subject.version());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aFailedWriteLeavesTheNextWriteOfThatValueCorrect(Facade facade, Variant variant) {
    // The staging holder was scribbled on by the failing codec: the next write must not publish any
    // of that.
    Subject<Long> subject = facade.of(variant, new PoisonableCodec(), 1L);
    distinctSlots(subject);
    long value = subject.read();
    long version = subject.version();
    assertThrows(PoisonException.class, () -> subject.write(POISON));
    assertThrows(PoisonException.class, () -> subject.update(v -> POISON));

    Long updated = subject.update(v -> v + 1);

    assertEquals(value + 1, updated);
    assertEquals(value + 1, subject.read());
    assertEquals(version + 2, subject.version());
  }
}
