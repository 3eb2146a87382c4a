package dev.seqlock.benchmarks.designs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The single-copy seqlock protocol written out by hand on a bare array laid out as the library lays
 * out one slot (padding, the sequence in the word before the value's words, padding): the
 * library's ordering (Acquire sequence, word copy, acquire fence, Opaque sequence; Opaque odd
 * store, release fence, words, Release even store) without its layers, argument checks, writer
 * lock, backoff or starvation protection. It is the floor for what a copying read can cost, and
 * beside a back-to-back writer it shows the naive seqlock's failure: a reader that only retries can
 * starve. One writer thread only. Its writer is also {@link HandWrittenFieldSeqLock}'s, which reads
 * the words in place instead of copying them.
 */
class HandWrittenSeqLock extends SharedValue {
  /*
   * Algorithmic notes: the argument is SeqLockEngine's (module dev.seqlock) for its single-copy protocol;
   * the accesses below are the same modes in the same order, commented where they happen.
   */

  static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Words before the value (the last is the sequence) and after it, as in the library's data words. */
  static final int PAD = 16;

  /** PAD words (the last is the sequence), the value, PAD words: the library's layout of one slot. */
  final long[] block;

  /** The index of the sequence in {@link #block}: the word before the value. */
  static final int SEQUENCE = PAD - 1;

  HandWrittenSeqLock(int words) {
    super(words);
    this.block = new long[PAD + words + PAD];
  }

  @Override
  public long read(ThreadSide side) {
    long[] copy = side.scratch;
    for (boolean first = true; ; first = false) {
      long s1 = (long) LONGS.getAcquire(block, SEQUENCE); // Acquire: the copy's reads stay after it
      if ((s1 & 1) == 0) {
        System.arraycopy(block, PAD, copy, 0, copy.length);
        VarHandle.acquireFence(); // the copy's reads stay before the validating read
        if ((long) LONGS.getOpaque(block, SEQUENCE) == s1) { // Opaque: coherent with s1
          return sum(copy);
        }
      }
      if (first) {
        side.retries++;
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public final void write(ThreadSide side, long n) {
    long[] block = this.block;
    long s = block[SEQUENCE]; // plain: only this writer stores it
    LONGS.setOpaque(block, SEQUENCE, s + 1); // odd; kept before the data by the release fence
    VarHandle.releaseFence(); // the odd store and earlier stores stay before the words
    fill(block, PAD, words, n);
    LONGS.setRelease(block, SEQUENCE, s + 2); // even; every word stored before it
  }
}
