/**
 * Sequence locks built on {@code dev.seqlock.atomic}: {@link dev.seqlock.SeqLock},
 * {@link dev.seqlock.SeqLockArray} and their waiting policy {@link dev.seqlock.Backoff}; and
 * {@link dev.seqlock.shared.SharedSeqLockArray}, shared between processes in a memory-mapped file.
 */
module dev.seqlock {
  requires transitive dev.seqlock.atomic;

  exports dev.seqlock;
  exports dev.seqlock.shared;
}
