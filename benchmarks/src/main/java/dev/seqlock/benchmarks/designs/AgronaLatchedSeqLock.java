package dev.seqlock.benchmarks.designs;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The latched (two-copy) protocol by hand over Agrona's {@link UnsafeBuffer} on a memory-mapped file:
 * what a user who needs {@code SHARED_FILE}'s crash tolerance (a writer killed mid-write leaves every
 * value readable) writes today. Laid out as the library lays out one slot of a file (padding, the
 * sequence, copy 0, copy 1, padding), read by copying the words of the copy the sequence names out,
 * written by storing every field of the other copy. It is the baseline for {@code SHARED_FILE}'s
 * writes: {@link AgronaSeqLock}'s single-copy writer stores one copy and no crash can be survived
 * with it. No writer exclusion, format check, recovery of a half-done write, or field writes that
 * leave the other fields as they were (the writer here always stores all of them). One writer
 * thread only.
 */
final class AgronaLatchedSeqLock extends SharedValue {
  /*
   * Algorithmic notes: the argument is SeqLockEngine's (module dev.seqlock) for the latched protocol,
   * with Agrona's accesses for the modes: getLongVolatile for the Acquire and Opaque reads of the
   * sequence, putLongOrdered for the Release stores. Version v's value is in copy (v >> 1) & 1; the
   * writer of v + 2 stores the copy readers of v do not read, so a read of v (sequence v or v + 1)
   * stays valid until the sequence passes v + 2.
   */

  /** How far the sequence may move past a read's version and the read stay valid. */
  private static final long SLACK = 2;

  private final UnsafeBuffer buffer;

  /** The two copies' byte offsets in {@link #buffer}. */
  private final int copy0;

  private final int copy1;

  AgronaLatchedSeqLock(int words) {
    super(words);
    this.buffer = new UnsafeBuffer(
        AgronaSeqLock.map(AgronaSeqLock.PAD + 2 * words * Long.BYTES + AgronaSeqLock.PAD));
    this.copy0 = AgronaSeqLock.PAD;
    this.copy1 = AgronaSeqLock.PAD + words * Long.BYTES;
  }

  private int copyOf(long version) {
    return (version & 2) == 0 ? copy0 : copy1;
  }

  @Override
  public long read(ThreadSide side) {
    long[] copy = side.scratch;
    UnsafeBuffer buffer = this.buffer;
    for (boolean first = true; ; first = false) {
      // Acquire (and more): the copy stays after it
      long version = buffer.getLongVolatile(AgronaSeqLock.SEQUENCE) & ~1L;
      int at = copyOf(version);
      for (int i = 0; i < copy.length; i++) {
        copy[i] = buffer.getLong(at + i * Long.BYTES);
      }
      VarHandle.acquireFence(); // the copy's reads stay before the validating read
      if (buffer.getLongVolatile(AgronaSeqLock.SEQUENCE) - version <= SLACK) {
        return sum(copy);
      }
      if (first) {
        side.retries++;
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public void write(ThreadSide side, long n) {
    UnsafeBuffer buffer = this.buffer;
    long s = buffer.getLong(AgronaSeqLock.SEQUENCE); // plain: only this writer stores it
    // odd: a reader that sees it keeps reading copy(s), which this write leaves alone
    buffer.putLongOrdered(AgronaSeqLock.SEQUENCE, s + 1);
    VarHandle.releaseFence(); // the odd store stays before the words
    AgronaSeqLock.putFields(buffer, copyOf(s + 2), words, n);
    buffer.putLongOrdered(AgronaSeqLock.SEQUENCE, s + 2); // every word stored before it
  }
}
