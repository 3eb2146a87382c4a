package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;

/** {@link SeqLock#singleWriter}: no read-modify-write on the write path; checked under {@code -ea}. */
final class SingleWriterSeqLock<T> extends SingleCopySeqLock<T> {
  /*
   * Algorithmic notes
   *
   * The caller guarantees that writes do not overlap; then one write's stores precede the next by
   * program order (one thread) or by whatever the caller uses to hand the writer role over, and
   * SeqLock's argument holds. Under -ea, beginWrite claims SeqLockState's writer lock word with a
   * CAS and fails fast if it is taken, which turns an overlapping second writer into an
   * IllegalStateException; without -ea the check folds away (CHECK_WRITERS is a static final).
   * Starving readers keep reading optimistically; the writer pauses for them before each write.
   */

  private static final boolean CHECK_WRITERS = SingleWriterSeqLock.class.desiredAssertionStatus();

  SingleWriterSeqLock(ByteCodec<T> codec, T initial, Backoff backoff) {
    super(codec, initial, backoff);
  }

  @Override
  long readStarving(MaybeTorn<T> destination) {
    return readUntilConsistent(destination); // the writer pauses for starving readers
  }

  @Override
  void beginWrite() {
    if (CHECK_WRITERS) {
      state.enterSingleWriter();
    }
    yieldToStarvingReaders();
  }

  @Override
  void endWrite() {
    if (CHECK_WRITERS) {
      state.exitSingleWriter();
    }
  }
}
