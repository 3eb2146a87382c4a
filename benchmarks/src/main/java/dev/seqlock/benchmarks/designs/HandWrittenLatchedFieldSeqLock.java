package dev.seqlock.benchmarks.designs;

import static dev.seqlock.benchmarks.designs.HandWrittenSeqLock.LONGS;
import static dev.seqlock.benchmarks.designs.HandWrittenSeqLock.PAD;
import static dev.seqlock.benchmarks.designs.HandWrittenSeqLock.SEQUENCE;

import java.lang.invoke.VarHandle;

/**
 * The latched (two-copy) protocol written out by hand on a bare array laid out as the library lays
 * out one latched slot on the heap (padding, the sequence, copy 0, copy 1, padding), read field by
 * field in place in the copy the sequence names, as {@link HandWrittenFieldSeqLock} reads its one
 * copy, and written by storing every field of the other copy. No layers, argument checks, writer
 * lock (one writer thread only), or field writes that leave the other fields as they were. It is the
 * floor for what {@code SeqLock.latched}'s field reads and writes can cost, so that the report can
 * tell the protocol's cost (beside a back-to-back writer above all) from the library's.
 */
final class HandWrittenLatchedFieldSeqLock extends SharedValue {
  /*
   * Algorithmic notes: the argument is SeqLockEngine's (module dev.seqlock) for the latched protocol;
   * the accesses below are the same modes in the same order, commented where they happen. Version v's
   * value is in copy (v >> 1) & 1; the writer of v + 2 stores the copy readers of v do not read, so a
   * read of v (sequence v or v + 1) stays valid until the sequence passes v + 2.
   */

  /** How far the sequence may move past a read's version and the read stay valid. */
  private static final long SLACK = 2;

  /** PAD words (the last is the sequence), copy 0, copy 1, PAD words. */
  private final long[] block;

  HandWrittenLatchedFieldSeqLock(int words) {
    super(words);
    this.block = new long[PAD + 2 * words + PAD];
  }

  private int copyOf(long version) {
    return (version & 2) == 0 ? PAD : PAD + words;
  }

  @Override
  public long read(ThreadSide side) {
    long[] block = this.block;
    for (boolean first = true; ; first = false) {
      // Acquire: the field reads stay after it
      long version = (long) LONGS.getAcquire(block, SEQUENCE) & ~1L;
      long sum = sum(block, copyOf(version), words); // plain, in place: may be torn until validated
      VarHandle.acquireFence(); // the field reads stay before the validating read
      if ((long) LONGS.getOpaque(block, SEQUENCE) - version <= SLACK) { // Opaque: coherent
        return sum;
      }
      if (first) {
        side.retries++;
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public void write(ThreadSide side, long n) {
    long[] block = this.block;
    long s = block[SEQUENCE]; // plain: only this writer stores it
    // odd, Opaque: a reader that sees it keeps reading copy(s), which this write leaves alone
    LONGS.setOpaque(block, SEQUENCE, s + 1);
    VarHandle.releaseFence(); // the odd store stays before the words
    fill(block, copyOf(s + 2), words, n);
    LONGS.setRelease(block, SEQUENCE, s + 2); // every word stored before it
  }
}
