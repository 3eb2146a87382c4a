package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByte;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;

/** The one-copy protocol of {@link SeqLock}'s notes, shared by the locked and single-writer variants. */
abstract sealed class SingleCopySeqLock<T> extends SeqLock<T>
    permits LockedSeqLock, SingleWriterSeqLock {
  /*
   * Algorithmic notes: the protocol and its argument are SeqLock's; this class is their code. A reader
   * never copies while the sequence is odd (the copy would be discarded anyway).
   */

  final AtomicPerByte<T> data;

  SingleCopySeqLock(ByteCodec<T> codec, T initial, Backoff backoff) {
    super(codec, backoff);
    this.data = new AtomicPerByte<>(codec, initial);
  }

  @Override
  final long attempt(MaybeTorn<T> destination) {
    long s1 = state.sequenceAcquire(); // Acquire: the data reads below cannot move before it
    if ((s1 & 1) != 0) {
      return -1; // a write is in progress
    }
    data.loadInto(destination, MemoryOrder.ACQUIRE); // its trailing acquire fence orders the reads
    long s2 = state.sequenceOpaque(); // Opaque: coherent with s1, after the copy by that fence
    return s1 == s2 ? s1 : -1;
  }

  @Override
  final void publish(MaybeTorn<T> source) {
    long s = state.sequenceByWriter();
    state.storeSequenceOpaque(s + 1); // odd; kept before the data by storeFrom's release fence
    data.storeFrom(source, MemoryOrder.RELEASE); // releaseFence, then the words
    state.storeSequenceRelease(s + 2); // even; every word stored before it
  }

  @Override
  final T currentValue() {
    data.loadInto(current, MemoryOrder.RELAXED); // writer role held: no write can overlap
    return current.assumeUntorn();
  }
}
