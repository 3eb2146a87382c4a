package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.UndecodableCodec;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What only a {@link SeqLock} has: its {@code toString}. Its reads and writes, which each slot of a
 * {@link SeqLockArray} shares, are tested over both in {@link ReadWriteTest}.
 */
class SeqLockTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  @ParameterizedTest
  @EnumSource(Variant.class)
  void toStringDescribesTheLockWithoutDecodingTheValue(Variant variant) {
    SeqLock<Long> lock = variant.of(new UndecodableCodec(), 1L);
    lock.write(2L);

    String description = lock.toString();

    assertTrue(description.contains("codec=undecodable long"), description);
    assertTrue(description.contains("version=2"), description);
  }

  @Test
  void toStringNamesTheVariant() {
    assertEquals("SeqLock[create, codec=long, version=0]", SeqLock.create(LONG, 0L).toString());
    assertEquals(
        "SeqLock[singleWriter, codec=long, version=0]", SeqLock.singleWriter(LONG, 0L).toString());
    assertEquals(
        "SeqLock[singleWriter, writer never pauses, codec=long, version=0]",
        SeqLock.singleWriter(LONG, 0L, Backoff.defaults(), WriterPause.NEVER).toString());
    assertEquals("SeqLock[latched, codec=long, version=0]", SeqLock.latched(LONG, 0L).toString());
  }
}
