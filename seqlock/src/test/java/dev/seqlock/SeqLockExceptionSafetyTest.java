package dev.seqlock;

import static dev.seqlock.Fixtures.assertUnchangedAndFree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.seqlock.Fixtures.PoisonException;
import dev.seqlock.Fixtures.PoisonableCodec;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A codec or update function that throws: the exception reaches the caller, the value and version
 * are as before, and the lock is free (checked by a write from another thread, which would hang on a
 * lock left held and throw on a single-writer role left claimed).
 */
class SeqLockExceptionSafetyTest {
  private static final long POISON = PoisonableCodec.POISON;

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anExceptionFromTheCodecDuringWriteReachesTheCaller(Variant variant) {
    SeqLock<Long> lock = variant.of(new PoisonableCodec(), 1L);

    assertThrows(PoisonException.class, () -> lock.write(POISON));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aWriteWhoseCodecThrowsChangesNothingAndLeavesTheLockFree(Variant variant) {
    SeqLock<Long> lock = variant.of(new PoisonableCodec(), 1L);
    lock.write(2L);

    assertThrows(PoisonException.class, () -> lock.write(POISON));

    assertUnchangedAndFree(lock, 2L, 2);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anUpdateWhoseResultTheCodecCannotEncodeChangesNothingAndLeavesTheLockFree(Variant variant) {
    SeqLock<Long> lock = variant.of(new PoisonableCodec(), 1L);

    assertThrows(PoisonException.class, () -> lock.update(v -> POISON));

    assertUnchangedAndFree(lock, 1L, 0);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void theExceptionOfAnUpdateFunctionReachesTheCallerUnwrapped(Variant variant) {
    SeqLock<Long> lock = variant.of(ByteCodecs.ofLong(), 1L);
    ArithmeticException thrown = new ArithmeticException("from the update function");

    ArithmeticException caught =
        assertThrows(
            ArithmeticException.class,
            () ->
                lock.update(
                    v -> {
                      throw thrown;
                    }));

    assertSame(thrown, caught);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anUpdateFunctionThatThrowsChangesNothingAndLeavesTheLockFree(Variant variant) {
    SeqLock<Long> lock = variant.of(ByteCodecs.ofLong(), 1L);
    lock.write(5L);

    assertThrows(
        ArithmeticException.class,
        () ->
            lock.update(
                v -> {
                  throw new ArithmeticException();
                }));

    assertUnchangedAndFree(lock, 5L, 2);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anUpdateFunctionThatThrowsAnErrorChangesNothingAndLeavesTheLockFree(Variant variant) {
    SeqLock<Long> lock = variant.of(ByteCodecs.ofLong(), 1L);

    assertThrows(
        StackOverflowError.class,
        () ->
            lock.update(
                v -> {
                  throw new StackOverflowError("simulated");
                }));

    assertUnchangedAndFree(lock, 1L, 0);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @SuppressWarnings("NullAway") // the function returns null on purpose
  void anUpdateFunctionReturningNullGetsANullPointerExceptionNamingTheResult(Variant variant) {
    SeqLock<Long> lock = variant.of(ByteCodecs.ofLong(), 1L);

    NullPointerException e = assertThrows(NullPointerException.class, () -> lock.update(v -> null));

    assertEquals("function result", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @SuppressWarnings("NullAway") // the function returns null on purpose
  void anUpdateFunctionReturningNullChangesNothingAndLeavesTheLockFree(Variant variant) {
    SeqLock<Long> lock = variant.of(ByteCodecs.ofLong(), 1L);

    assertThrows(NullPointerException.class, () -> lock.update(v -> null));

    assertUnchangedAndFree(lock, 1L, 0);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aValueTheCodecRejectsGetsIllegalArgumentExceptionAndChangesNothing(Variant variant) {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(2);
    SeqLock<long[]> lock = variant.of(codec, new long[] {1, 2});

    assertThrows(IllegalArgumentException.class, () -> lock.write(new long[] {7, 8, 9}));

    assertArrayEquals(new long[] {1, 2}, lock.read());
    assertEquals(0, lock.version());
    assertTimeoutPreemptively(WriterThreads.TIMEOUT, () -> lock.write(new long[] {3, 4}));
    assertArrayEquals(new long[] {3, 4}, lock.read());
  }
}
