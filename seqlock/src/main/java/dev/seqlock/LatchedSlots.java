package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;

/** The {@code latched} variant: two copies per slot, readers never wait for a write in progress. */
final class LatchedSlots<T> extends SeqLockSlots<T> {
  /*
   * Algorithmic notes (the Linux kernel's seqcount_latch, in VarHandle terms), per slot
   *
   *   writer (holds the writer lock):        reader:
   *     s = sequence (plain, even)              s1 = sequence (Acquire)
   *     sequence = s + 1 (Release)              copy[s1 & 1].loadInto(dst, ACQUIRE)
   *     copy0.storeFrom(src, RELEASE)           s2 = sequence (Opaque)
   *     sequence = s + 2 (Release)              keep dst iff s1 == s2; version = s1 & ~1
   *     copy1.storeFrom(src, RELEASE)
   *
   * While the sequence is odd, copy0 is being written and readers read copy1, which holds the
   * previous value; while it is even, copy1 may be being written and readers read copy0, which holds
   * the newest value. So a reader never waits: it reads the copy nobody is writing.
   *
   * Why a kept snapshot is never torn. Copy0 is written only while the sequence is 2k+1 (between the
   * stores of 2k+1 and 2k+2), copy1 only while it is 2k+2 (after that store, before the next write's
   * store of 2k+3). A reader with s1 = 2k+1 reads copy1, last written during 2k, and those stores
   * precede the Release store of 2k+1 that its Acquire read saw, so it cannot see older words; a word
   * of the next write to copy1 was stored after that write's release fence, which follows the store of
   * 2k+2, so by fence pairing s2 >= 2k+2 and the snapshot is rejected. Symmetrically for s1 = 2k+2
   * and copy0. The odd store must be a Release store here (unlike the single-copy protocol): readers
   * at an odd sequence do read, and they must see the previous write's copy1 complete.
   *
   * Field writes (SeqLockSlots' notes) put their parts into copy0 between the same two stores publish
   * brackets copy0's words with (s + 1 Release, then a release fence; s + 2 Release), and then write
   * copy1 from copy0 as publish writes it from the source: a RELEASE store after s + 2. Copy0 is read
   * back by the writer, which holds the lock, so it reads its own words: the stores readers see are
   * exactly publish's, and the argument above holds unchanged. Parts not put keep the previous value
   * in copy0, which copy1 also held, so both copies end as the same new version.
   *
   * A snapshot read at s1 holds the value of version s1 & ~1 (odd: the previous value; even: the
   * newest), so versions are even and never decrease for one reader. Writers are serialised by the
   * slot's writer lock exactly as in LockedSlots; readers do not need the lock to make progress except
   * against a back-to-back writer, where the starving-reader pause lets them through.
   */

  private final AtomicPerByteArray<T> copy0;
  private final AtomicPerByteArray<T> copy1;

  /** The words of copy1, for the field reads in place (copy0's are sequenceWords). */
  private final long[] copy1Words;

  LatchedSlots(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    // the value, then the data words, then (super) the writers' words: see dataWords
    this(
        codec,
        length,
        MaybeTorn.of(codec, initial),
        dataWords(codec, length),
        dataWords(codec, length),
        backoff);
  }

  private LatchedSlots(
      ByteCodec<T> codec,
      int length,
      MaybeTorn<T> initial,
      long[] copy0Words,
      long[] copy1Words,
      Backoff backoff) {
    super(codec, length, copy0Words, backoff); // sequenceWords: the sequences are in copy0's words
    this.copy1Words = copy1Words;
    this.copy0 = dataArray(copy0Words, codec, length, initial);
    this.copy1 = dataArray(copy1Words, codec, length, initial);
  }

  @Override
  long attempt(int slot, MaybeTorn<T> destination) {
    // Acquire: the copy's reads cannot move before it
    long s1 = SlotSequences.sequenceAcquire(sequenceWords, sequenceIndex(slot));
    AtomicPerByteArray<T> copy = (s1 & 1) == 0 ? copy0 : copy1; // the copy nobody is writing
    copy.loadInto(slot, destination, MemoryOrder.ACQUIRE); // trailing acquire fence orders the reads
    // Opaque: coherent with s1, and after the copy's reads by the copy's acquire fence
    long s2 = SlotSequences.sequenceOpaque(sequenceWords, sequenceIndex(slot));
    return s1 == s2 ? s1 & ~1L : -1;
  }

  @Override
  AtomicPerByteArray<T> evenStampData() {
    return copy0; // at an even sequence copy1 may be being written
  }

  @Override
  AtomicPerByteArray<T> oddStampData() {
    return copy1; // at an odd sequence copy0 is being written
  }

  @Override
  long[] oddStampWords() {
    return copy1Words;
  }

  @Override
  long readStarving(int slot, MaybeTorn<T> destination) {
    return readUntilConsistent(slot, destination); // the writer pauses for starving readers
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
  void publish(int slot, MaybeTorn<T> source) {
    int sequence = sequenceIndex(slot);
    long s = SlotSequences.sequenceByWriter(sequenceWords, sequence);
    // readers move to copy1, which the last write completed
    SlotSequences.storeSequenceRelease(sequenceWords, sequence, s + 1);
    copy0.storeFrom(slot, source, MemoryOrder.RELEASE); // release fence keeps s + 1 before these words
    // readers move to copy0, complete
    SlotSequences.storeSequenceRelease(sequenceWords, sequence, s + 2);
    copy1.storeFrom(slot, source, MemoryOrder.RELEASE); // release fence keeps s + 2 before these words
  }

  @Override
  void openFieldWrite(int slot, long even) {
    // readers move to copy1, which the last write completed
    SlotSequences.storeSequenceRelease(sequenceWords, sequenceIndex(slot), even + 1);
    VarHandle.releaseFence(); // keeps even + 1 before the part stores to copy0
  }

  @Override
  void closeFieldWrite(int slot, long odd) {
    // readers move to copy0, complete
    SlotSequences.storeSequenceRelease(sequenceWords, sequenceIndex(slot), odd + 1);
    MaybeTorn<T> holder = staging(slot); // writer-owned: the role is held
    copy0.loadInto(slot, holder, MemoryOrder.RELAXED); // the writer's own words: no write overlaps
    copy1.storeFrom(slot, holder, MemoryOrder.RELEASE); // release fence keeps odd + 1 before these words
  }

  @Override
  void loadCurrent(int slot, MaybeTorn<T> holder) {
    copy0.loadInto(slot, holder, MemoryOrder.RELAXED); // writer lock held: both copies complete
  }

  @Override
  String variant() {
    return "latched";
  }
}
