package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;

/** The one-copy protocol of {@link SeqLockSlots}' notes, shared by the locked and single-writer variants. */
abstract sealed class SingleCopySlots<T> extends SeqLockSlots<T>
    permits LockedSlots, SingleWriterSlots {
  /*
   * Algorithmic notes: the protocol and its argument are SeqLockSlots'; this class is their code. A
   * reader never copies while the sequence is odd (the copy would be discarded anyway).
   */

  final AtomicPerByteArray<T> data;

  SingleCopySlots(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    // the value, then the data words, then (super) the writers' words: see dataWords
    this(codec, length, MaybeTorn.of(codec, initial), dataWords(codec, length), backoff);
  }

  private SingleCopySlots(
      ByteCodec<T> codec, int length, MaybeTorn<T> initial, long[] dataWords, Backoff backoff) {
    super(codec, length, dataWords, backoff); // sequenceWords: the sequences are in the data words
    this.data = dataArray(dataWords, codec, length, initial);
  }

  @Override
  final long attempt(int slot, MaybeTorn<T> destination) {
    // Acquire: the data reads below cannot move before it
    long s1 = SlotSequences.sequenceAcquire(sequenceWords, sequenceIndex(slot));
    if ((s1 & 1) != 0) {
      return -1; // a write is in progress
    }
    data.loadInto(slot, destination, MemoryOrder.ACQUIRE); // trailing acquire fence orders the reads
    // Opaque: coherent with s1, and after the copy's reads by the copy's acquire fence
    long s2 = SlotSequences.sequenceOpaque(sequenceWords, sequenceIndex(slot));
    return s1 == s2 ? s1 : -1;
  }

  @Override
  final AtomicPerByteArray<T> copy0() {
    return data;
  }

  @Override
  final AtomicPerByteArray<T> copy1() {
    return data; // the only copy holds every version
  }

  @Override
  final long[] copy1Words() {
    return sequenceWords; // the data's words (copy0Words), as copy1
  }

  @Override
  final void publish(int slot, MaybeTorn<T> source) {
    int sequence = sequenceIndex(slot);
    long s = SlotSequences.sequenceByWriter(sequenceWords, sequence);
    if ((s & 1) != 0) {
      throw writeInProgress(slot); // single writer nested in its own field write: nothing stored yet
    }
    // odd; kept before the data by storeFrom's release fence
    SlotSequences.storeSequenceOpaque(sequenceWords, sequence, s + 1);
    data.storeFrom(slot, source, MemoryOrder.RELEASE); // releaseFence, then the words
    // Release: even; every word stored before it
    SlotSequences.storeSequenceRelease(sequenceWords, sequence, s + 2);
  }

  @Override
  final void openFieldWrite(int slot, long even) {
    // odd; kept before the part stores by the fence below
    SlotSequences.storeSequenceOpaque(sequenceWords, sequenceIndex(slot), even + 1);
    VarHandle.releaseFence(); // the odd store stays before the part stores (publish's storeFrom fence)
  }

  @Override
  final void closeFieldWrite(int slot, long odd) {
    // Release: even; every part store before it
    SlotSequences.storeSequenceRelease(sequenceWords, sequenceIndex(slot), odd + 1);
  }

  @Override
  final void loadCurrent(int slot, MaybeTorn<T> holder) {
    data.loadInto(slot, holder, MemoryOrder.RELAXED); // writer role held: no write can overlap
  }
}
