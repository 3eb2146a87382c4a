package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;

/** {@link SeqLock#create}: writers serialised by the writer lock; starving readers take it too. */
final class LockedSeqLock<T> extends SingleCopySeqLock<T> {
  /*
   * Algorithmic notes
   *
   * Writers hold SeqLockState's writer lock from before encoding until after the even store, so at
   * most one thread runs publish() at a time, and the lock's CAS (acquire) and release store put one
   * writer's stores before the next writer's. A starving reader takes the same lock (as Linux's
   * read_seqbegin_or_lock): with it held no write is in progress and none can start, so the sequence
   * is even and the data stable; the lock's acquisition synchronises with the last writer's release,
   * so the copy sees that writer's words, and its release keeps the reader's copy before the next
   * writer's stores. The sequence is not touched, so other readers are unaffected. Writers yield to
   * starving readers before taking the lock, so the reader's CAS is not beaten forever by a writer
   * that releases and retakes the lock back to back.
   */

  LockedSeqLock(ByteCodec<T> codec, T initial, Backoff backoff) {
    super(codec, initial, backoff);
  }

  @Override
  long readStarving(MaybeTorn<T> destination) {
    state.lockWriter(backoff);
    try {
      long version = state.sequenceByWriter(); // lock held: even and stable
      data.loadInto(destination, MemoryOrder.ACQUIRE);
      return version;
    } finally {
      state.unlockWriter();
    }
  }

  @Override
  void beginWrite() {
    takeWriterLock();
  }

  @Override
  void endWrite() {
    state.unlockWriter();
  }
}
