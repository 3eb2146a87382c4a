package dev.seqlock.benchmarks.designs;

import java.lang.invoke.VarHandle;

/**
 * The single-copy seqlock protocol written out by hand on a bare array (the library's layout of one
 * slot) and read field by field in place, as StampedLock's "Point" pattern reads its fields: the
 * words summed between an Acquire read of the sequence and an acquire fence, then an Opaque
 * re-read. The writer is {@link HandWrittenSeqLock}'s, which already writes the words in place
 * (Opaque odd store, release fence, words, Release even store). No layers, argument checks, writer
 * lock, backoff or starvation protection: it is the floor for what the library's field reads and
 * writes can cost with the sequence an element of the array that holds the value, as {@link
 * HandWrittenSeqLock} is for its copies. One writer thread only.
 */
final class HandWrittenFieldSeqLock extends HandWrittenSeqLock {
  /*
   * Algorithmic notes: the argument is SeqLockEngine's (module dev.seqlock) for its optimistic field
   * reads; the accesses below are the same modes in the same order, commented where they happen.
   */

  HandWrittenFieldSeqLock(int words) {
    super(words);
  }

  @Override
  public long read(ThreadSide side) {
    for (boolean first = true; ; first = false) {
      long s1 = (long) LONGS.getAcquire(block, SEQUENCE); // Acquire: the field reads stay after it
      long sum = sum(block, PAD, words); // plain, in place: may be torn until validated
      VarHandle.acquireFence(); // the field reads stay before the validating read
      if ((s1 & 1) == 0 && (long) LONGS.getOpaque(block, SEQUENCE) == s1) { // Opaque: coherent
        return sum;
      }
      if (first) {
        side.retries++;
      }
      Thread.onSpinWait();
    }
  }
}
