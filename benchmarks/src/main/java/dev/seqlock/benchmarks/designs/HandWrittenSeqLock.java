package dev.seqlock.benchmarks.designs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The single-copy seqlock protocol written out by hand on bare arrays: the library's ordering (Acquire
 * sequence, word copy, acquire fence, Opaque sequence; Opaque odd store, release fence, words, Release
 * even store) without its layers, argument checks, writer lock, backoff or starvation protection. It is
 * the floor for what a copying read can cost, and beside a back-to-back writer it shows the naive
 * seqlock's failure: a reader that only retries can starve. One writer thread only. Its writer is
 * also {@link HandWrittenFieldSeqLock}'s, which reads the words in place instead of copying them.
 */
class HandWrittenSeqLock extends SharedValue {
  /*
   * Algorithmic notes: the argument is SeqLockSlots' (module dev.seqlock) for its single-copy protocol;
   * the accesses below are the same modes in the same order, commented where they happen.
   */

  static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** The sequence, alone in its array (padded on both sides by other objects' headers, no more). */
  final long[] sequence = new long[1];

  final long[] data;

  HandWrittenSeqLock(int words) {
    super(words);
    this.data = new long[words];
  }

  @Override
  public long read(ThreadSide side) {
    long[] copy = side.scratch;
    for (boolean first = true; ; first = false) {
      long s1 = (long) LONGS.getAcquire(sequence, 0); // Acquire: the copy's reads stay after it
      if ((s1 & 1) == 0) {
        System.arraycopy(data, 0, copy, 0, copy.length);
        VarHandle.acquireFence(); // the copy's reads stay before the validating read
        if ((long) LONGS.getOpaque(sequence, 0) == s1) { // Opaque: coherent with s1
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
    long s = sequence[0]; // plain: only this writer stores it
    LONGS.setOpaque(sequence, 0, s + 1); // odd; kept before the data by the release fence
    VarHandle.releaseFence(); // the odd store and earlier stores stay before the words
    fill(data, n);
    LONGS.setRelease(sequence, 0, s + 2); // even; every word stored before it
  }
}
