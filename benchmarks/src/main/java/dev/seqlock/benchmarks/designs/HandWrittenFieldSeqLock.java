package dev.seqlock.benchmarks.designs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The single-copy seqlock protocol written out by hand on bare arrays and used field by field in
 * place, as StampedLock's "Point" pattern reads its fields: the words summed between an Acquire read
 * of the sequence and an acquire fence, then an Opaque re-read; the writer's Opaque odd store, release
 * fence, words, Release even store. No layers, argument checks, writer lock, backoff or starvation
 * protection: it is the floor for what the library's field reads and writes can cost with a sequence
 * in an array, as {@link HandWrittenSeqLock} is for its copies. One writer thread only.
 */
final class HandWrittenFieldSeqLock extends SharedValue {
  /*
   * Algorithmic notes: the argument is SeqLockSlots' (module dev.seqlock) for its optimistic field
   * reads and field writes; the accesses below are the same modes in the same order, commented where
   * they happen.
   */

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** The sequence, alone in its array (padded on both sides by other objects' headers, no more). */
  private final long[] sequence = new long[1];

  private final long[] data;

  HandWrittenFieldSeqLock(int words) {
    super(words);
    this.data = new long[words];
  }

  @Override
  public long read(ThreadSide side) {
    for (boolean first = true; ; first = false) {
      long s1 = (long) LONGS.getAcquire(sequence, 0); // Acquire: the field reads stay after it
      long sum = sum(data); // plain, in place: may be torn until validated
      VarHandle.acquireFence(); // the field reads stay before the validating read
      if ((s1 & 1) == 0 && (long) LONGS.getOpaque(sequence, 0) == s1) { // Opaque: coherent with s1
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
    long s = sequence[0]; // plain: only this writer stores it
    LONGS.setOpaque(sequence, 0, s + 1); // odd; kept before the data by the release fence
    VarHandle.releaseFence(); // the odd store and earlier stores stay before the words
    fill(data, n); // plain, in place
    LONGS.setRelease(sequence, 0, s + 2); // even; every word stored before it
  }
}
