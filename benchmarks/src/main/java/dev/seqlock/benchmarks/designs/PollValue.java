package dev.seqlock.benchmarks.designs;

import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;

/**
 * Slot 0 of a latched array read as a poller reads it: {@code readIfNewer} with the version it saw
 * last, summing the words only when they changed (a poll that finds nothing new costs the version
 * check alone). Written by {@code writeFrom}. On the heap ({@link #onHeap}, {@code SeqLockArray.latched})
 * or in a memory-mapped file ({@link #inFile}, {@code SharedSeqLockArray}), so that the two storages'
 * polls are set side by side.
 */
abstract class PollValue extends SharedValue {
  PollValue(int words) {
    super(words);
  }

  /** A poll of slot 0 of a {@code SeqLockArray.latched} of one slot. */
  static PollValue onHeap(int words) {
    SeqLockArray<long[]> array =
        SeqLockArray.latched(ByteCodecs.ofLongArray(words), 1, new long[words]);
    return new PollValue(words) {
      @Override
      long readIfNewer(long lastSeenVersion, MaybeTorn<long[]> destination) {
        return array.readIfNewer(0, lastSeenVersion, destination);
      }

      @Override
      void writeFrom(MaybeTorn<long[]> source) {
        array.writeFrom(0, source);
      }
    };
  }

  /** A poll of slot 0 of a {@code SharedSeqLockArray} in a file, as {@link SharedFileValue}'s. */
  static PollValue inFile(int words) {
    SharedSeqLockArray.Writer<long[]> array = SharedFileValue.openFile(words);
    return new PollValue(words) {
      @Override
      long readIfNewer(long lastSeenVersion, MaybeTorn<long[]> destination) {
        return array.readIfNewer(0, lastSeenVersion, destination);
      }

      @Override
      void writeFrom(MaybeTorn<long[]> source) {
        array.writeFrom(0, source);
      }
    };
  }

  abstract long readIfNewer(long lastSeenVersion, MaybeTorn<long[]> destination);

  abstract void writeFrom(MaybeTorn<long[]> source);

  @Override
  public long read(ThreadSide side) {
    long version = readIfNewer(side.lastSeen, side.holder);
    if (version != side.lastSeen) {
      side.lastSeen = version;
      side.lastSum = sum(side.holder.bytes(), words);
    }
    return side.lastSum;
  }

  @Override
  public void write(ThreadSide side, long n) {
    writeFrom(fill(side.holder, words, n));
  }
}
