package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;

/** The {@code singleWriter} variant: no read-modify-write on the write path; checked under {@code -ea}. */
final class SingleWriterSlots<T> extends SingleCopySlots<T> {
  /*
   * Algorithmic notes
   *
   * The caller guarantees that writes to one slot do not overlap; then one write's stores precede the
   * next by program order (one thread) or by whatever the caller uses to hand the writer role over,
   * and SeqLockSlots' argument holds. Under -ea, beginWrite claims the slot's writer lock word with a
   * CAS and fails fast if it is taken, which turns an overlapping second writer into an
   * IllegalStateException; without -ea the check folds away (CHECK_WRITERS is a static final).
   * Whatever the assertion status, a write that finds the sequence odd throws before storing anything
   * (SeqLockSlots.writeInProgress): the writer's plain read of its own sequence makes that free, and
   * it stops the one overlap a single thread can create by itself, a write between its own beginWrite
   * and endWrite, from making the sequence even in the middle of that field write.
   * Starving readers keep reading optimistically; the writer pauses for them before each write.
   */

  private static final boolean CHECK_WRITERS = SingleWriterSlots.class.desiredAssertionStatus();

  SingleWriterSlots(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    super(codec, length, initial, backoff);
  }

  @Override
  long readStarving(int slot, MaybeTorn<T> destination) {
    return readUntilConsistent(slot, destination); // the writer pauses for starving readers
  }

  @Override
  void beginWrite(int slot) {
    if (CHECK_WRITERS) {
      locks.enterSingleWriter(slot);
    }
    yieldToStarvingReaders(slot);
  }

  @Override
  void endWrite(int slot) {
    if (CHECK_WRITERS) {
      locks.exitSingleWriter(slot);
    }
  }

  @Override
  String variant() {
    return "singleWriter";
  }
}
