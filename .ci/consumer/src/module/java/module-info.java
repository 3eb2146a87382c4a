/** The consumer check as a named module: it needs only {@code requires dev.seqlock}. */
module dev.seqlock.consumer {
  requires dev.seqlock;
}
