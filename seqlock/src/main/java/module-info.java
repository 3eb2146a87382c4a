/**
 * Sequence locks built on {@code dev.seqlock.atomic}: {@link dev.seqlock.SeqLock},
 * {@link dev.seqlock.SeqLockArray} and their waiting policy {@link dev.seqlock.Backoff}.
 */
module dev.seqlock {
  requires transitive dev.seqlock.atomic;

  exports dev.seqlock;
}
