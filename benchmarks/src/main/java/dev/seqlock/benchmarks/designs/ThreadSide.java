package dev.seqlock.benchmarks.designs;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;

/**
 * What one benchmark thread brings to a read or a write: a holder for the seqlocks, a scratch array
 * for the hand-written seqlock, and the count of reads whose first optimistic attempt failed. Created
 * once per thread, so reads and writes allocate nothing of their own.
 */
public final class ThreadSide {
  final MaybeTorn<long[]> holder;
  final long[] scratch;

  /** The version a polling read saw last ({@code PollValue}); none yet at first. */
  long lastSeen = SeqLock.NOTHING_SEEN;

  /** The sum of the words at {@link #lastSeen}. */
  long lastSum;

  /** Reads whose first optimistic attempt failed (seqlocks, StampedLock); 0 for the other designs. */
  public long retries;

  /**
   * A side for values of {@code words} longs.
   *
   * @param words the value's length in longs
   */
  public ThreadSide(int words) {
    this.holder = MaybeTorn.allocate(ByteCodecs.ofLongArray(words));
    this.scratch = new long[words];
  }
}
