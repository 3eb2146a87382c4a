/**
 * Sequence locks built on {@code dev.seqlock.atomic}. The module is declared so that the build and its
 * checks cover it from the start; {@code SeqLock} and {@code SeqLockArray} arrive with their own issue.
 */
module dev.seqlock {
  requires transitive dev.seqlock.atomic;
}
