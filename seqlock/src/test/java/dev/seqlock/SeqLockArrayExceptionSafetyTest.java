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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A codec or update function that throws while slot 1 of three is written: the exception reaches the
 * caller, every slot's value and version are as before, and every slot is free (checked by writes
 * from another thread, which would hang on a lock left held and throw on a single-writer role left
 * claimed).
 */
class SeqLockArrayExceptionSafetyTest {
  private static final long POISON = PoisonableCodec.POISON;

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aWriteWhoseCodecThrowsReachesTheCallerChangesNothingAndLeavesTheSlotFree(Variant variant) {
    SeqLockArray<Long> array = variant.array(new PoisonableCodec(), 3, 1L);
    SlotStates before = distinctSlots(array);

    assertThrows(PoisonException.class, () -> array.write(1, POISON));

    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anUpdateWhoseResultTheCodecCannotEncodeChangesNothingAndLeavesTheSlotFree(Variant variant) {
    SeqLockArray<Long> array = variant.array(new PoisonableCodec(), 3, 1L);
    SlotStates before = distinctSlots(array);

    assertThrows(PoisonException.class, () -> array.update(1, v -> POISON));

    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void theExceptionOfAnUpdateFunctionReachesTheCallerUnwrappedAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(ByteCodecs.ofLong(), 3, 1L);
    SlotStates before = distinctSlots(array);
    ArithmeticException thrown = new ArithmeticException("from the update function");

    ArithmeticException caught =
        assertThrows(
            ArithmeticException.class,
            () ->
                array.update(
                    1,
                    v -> {
                      throw thrown;
                    }));

    assertSame(thrown, caught);
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anUpdateFunctionThatThrowsAnErrorChangesNothingAndLeavesTheSlotFree(Variant variant) {
    SeqLockArray<Long> array = variant.array(ByteCodecs.ofLong(), 3, 1L);
    SlotStates before = distinctSlots(array);

    assertThrows(
        StackOverflowError.class,
        () ->
            array.update(
                1,
                v -> {
                  throw new StackOverflowError("simulated");
                }));

    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @SuppressWarnings("NullAway") // the function returns null on purpose
  void anUpdateFunctionReturningNullGetsANullPointerExceptionAndChangesNothing(Variant variant) {
    SeqLockArray<Long> array = variant.array(ByteCodecs.ofLong(), 3, 1L);
    SlotStates before = distinctSlots(array);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> array.update(1, v -> null));

    assertEquals("function result", e.getMessage());
    assertUnchangedAndFree(array, before);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aValueTheCodecRejectsGetsIllegalArgumentExceptionAndChangesNothing(Variant variant) {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(2);
    SeqLockArray<long[]> array = variant.array(codec, 3, new long[] {1, 2});
    array.write(0, new long[] {3, 4});

    assertThrows(IllegalArgumentException.class, () -> array.write(1, new long[] {7, 8, 9}));
    assertThrows(IllegalArgumentException.class, () -> array.update(2, v -> new long[1]));

    assertArrayEquals(new long[] {3, 4}, array.read(0));
    assertArrayEquals(new long[] {1, 2}, array.read(1));
    assertArrayEquals(new long[] {1, 2}, array.read(2));
    assertArrayEquals(new long[] {2, 0, 0}, SeqLockArrayTest.versions(array));
    assertTimeoutPreemptively(
        WriterThreads.TIMEOUT,
        () -> {
          array.write(1, new long[] {5, 6});
          array.write(2, new long[] {7, 8});
        });
    assertArrayEquals(new long[] {5, 6}, array.read(1));
    assertArrayEquals(new long[] {7, 8}, array.read(2));
    assertArrayEquals(new long[] {2, 2, 2}, SeqLockArrayTest.versions(array));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aFailedWriteOfOneSlotLeavesTheNextWriteOfThatSlotCorrect(Variant variant) {
    // The slot's staging holder was scribbled on by the failing codec: the next write must not
    // publish any of that.
    SeqLockArray<Long> array = variant.array(new PoisonableCodec(), 3, 1L);
    distinctSlots(array);
    assertThrows(PoisonException.class, () -> array.write(1, POISON));
    assertThrows(PoisonException.class, () -> array.update(1, v -> POISON));

    Long updated = array.update(1, v -> v + 1);

    assertEquals(Fixtures.distinctValue(1) + 1, updated);
    assertEquals(Fixtures.distinctValue(1) + 1, array.read(1));
    assertEquals(6, array.version(1));
  }
}
