package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;

/** The {@code create} variant: writers serialised by the slot's writer lock; starving readers take it. */
final class LockedSlots<T> extends SingleCopySlots<T> {
  /*
   * Algorithmic notes
   *
   * Writers hold the slot's writer lock (WriterLocks) from before encoding until after the even
   * store, so at most one thread runs publish() on a slot at a time, and the lock's CAS (acquire) and
   * release store put one writer's stores before the next writer's. A starving reader takes the same
   * lock (as Linux's read_seqbegin_or_lock): with it held no write to the slot is in progress and none
   * can start, so the sequence is even and the data stable; the lock's acquisition synchronises with
   * the last writer's release, so the copy sees that writer's words, and its release keeps the
   * reader's copy before the next writer's stores. The sequence is not touched, so other readers are
   * unaffected. Writers yield to starving readers before taking the lock, so the reader's CAS is not
   * beaten forever by a writer that releases and retakes the lock back to back.
   */

  LockedSlots(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    super(codec, length, initial, backoff);
  }

  @Override
  long readStarving(int slot, MaybeTorn<T> destination) {
    locks.lockWriter(slot, backoff);
    try {
      // lock held: even, stable
      long version = SlotSequences.sequenceByWriter(sequenceWords, sequenceIndex(slot));
      data.loadInto(slot, destination, MemoryOrder.ACQUIRE);
      return version;
    } finally {
      locks.unlockWriter(slot);
    }
  }

  @Override
  void beginWrite(int slot) {
    takeWriterLock(slot);
  }

  @Override
  void endWrite(int slot) {
    locks.unlockWriter(slot);
  }

  @Override
  String variant() {
    return "create";
  }
}
