package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;

/**
 * The {@code latched} variant: two copies per slot, each write writing one of them; readers never wait
 * for a write in progress.
 */
final class LatchedSlots<T> extends SeqLockSlots<T> {
  /*
   * Algorithmic notes (two copies, one written per write), per slot
   *
   * Version 2n, the value after n writes, is kept in copy (n & 1): copy0 for even n, copy1 for odd n.
   * Write n + 1 writes only the other copy, copy ((n + 1) & 1), which holds version 2n - 2 (for n = 0,
   * the initial value) and which readers of version 2n do not read:
   *
   *   writer (holds the writer lock):             reader:
   *     s = sequence (plain, 2n)                     s1 = sequence (Acquire); v = s1 & ~1
   *     sequence = s + 1 (Release)                   copy(v).loadInto(dst, ACQUIRE)
   *     copy(s + 2).storeFrom(src, RELEASE)            copy(v) = (v & 2) == 0 ? copy0 : copy1
   *     sequence = s + 2 (Release)                   s2 = sequence (Opaque)
   *                                                  keep dst iff s2 - v <= 2; its version is v
   *
   * So a reader reads the newest complete version whatever the sequence's parity: at 2n no write is
   * in progress; at 2n + 1 write n + 1 is writing the other copy. It fails only if write n + 2, the
   * next one to write its copy, began before its validating read: one write may begin and end under
   * a read.
   * The Linux kernel's seqcount_latch, the structure this variant is named after, writes both copies
   * on every write (its copies are modified in place, so each must see every modification) and so
   * rejects a read under which the sequence moved at all; a whole-value write can write one copy, since
   * the value it stores is complete, and the reader can then keep a read under which the sequence moved
   * by up to 2. Each write stores the value once, as the single-copy variants do.
   *
   * Why a kept snapshot is never torn. Copy(v), v = 2n, is written by writes n, n + 2, n + 4, ...;
   * write n + 2 stores into it only after its store of 2n + 3 and the release fence that follows.
   *  - No word comes from write n + 2 or later: such a word was stored after that fence, the reader read
   *    it before its copy's acquire fence, which precedes its read of s2; the fences pair (SharedWords'
   *    notes in dev.seqlock.atomic), so the store of 2n + 3 happens before the read of s2 and, by
   *    coherence (the sequence only grows), s2 >= 2n + 3 = v + 3: rejected.
   *  - No word is older than write n's: s1 (2n or 2n + 1) was read with Acquire from a Release store
   *    that follows every store of write n (program order within a writer, the writer lock's hand-over
   *    between writers), so those stores happen before the reader's reads, which cannot return a value
   *    they overwrote. This needs write n to store every word of its copy: publish stores the whole
   *    value, and a field write first copies the whole of the other copy into it (below).
   * So every word is the one write n stored (or, for n = 0, the constructor's: both copies start with
   * the initial value, published as SeqLockSlots' notes say): the snapshot is exactly version v. The odd
   * store must be a Release store (unlike the single-copy protocol's Opaque one): a reader that reads
   * s1 = 2n + 1 keeps its copy, so that Acquire read must synchronise with a store that follows write
   * n's words. s2 >= s1 >= v by coherence, so s2 - v is never negative.
   *
   * Field writes (SeqLockSlots' notes) use the same brackets: beginFieldWrite stores s + 1 (Release),
   * fences, and then copies copy(s) into copy(s + 2), so that the copy the write will publish holds
   * version s before the parts are put into it; the parts go to copy(stamp + 1) (the public classes'
   * fieldWriteWords), and endFieldWrite's Release store of s + 2 publishes it. The copy's and the parts'
   * stores are all between the fence after s + 1 and the store of s + 2, where the argument above
   * needs the write's stores to be; the copy reads copy(s), which only writers write (the last one
   * before this writer's lock), so it reads version s exactly. Parts not put keep version s's values.
   *
   * Stamps and versions. A snapshot read at s1 is version s1 & ~1, so versions are even and never
   * decrease for one reader (successive Acquire loads of one sequence are coherent). The field reads'
   * stamp is that version too (never -1: a read never has to wait here), it picks the copy, and
   * validate allows the sequence to have moved past it by SLACK, as attempt does. Writers are
   * serialised by the slot's writer lock exactly as in LockedSlots; readers do not need the lock to
   * make progress except against a back-to-back writer, where the starving-reader pause lets them
   * through.
   */

  /** How far the sequence may move past a read's version before its copy may have been overwritten. */
  static final long SLACK = 2;

  private final AtomicPerByteArray<T> copy0;
  private final AtomicPerByteArray<T> copy1;

  /** The words of copy1, for the field reads and writes in place (copy0's are sequenceWords). */
  private final long[] copy1Words;

  /** The words of one slot's value (its bytes rounded up to words), which beginFieldWrite copies. */
  private final int valueWords;

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
    this.valueWords = AtomicPerByteArray.storageSize(codec, 1) / Long.BYTES;
  }

  /** The copy that holds (or, for a write in progress, will hold) {@code version}: see the notes. */
  private AtomicPerByteArray<T> copy(long version) {
    return copyData(version, true, copy0, copy1);
  }

  /** The words of {@link #copy}. */
  private long[] copyWords(long version) {
    return copyWords(version, null, sequenceWords, copy1Words);
  }

  @Override
  long attempt(int slot, MaybeTorn<T> destination) {
    // Acquire: the copy's reads cannot move before it
    long s1 = SlotSequences.sequenceAcquire(sequenceWords, sequenceIndex(slot));
    long version = s1 & ~1L; // the newest complete version, odd or even s1
    copy(version).loadInto(slot, destination, MemoryOrder.ACQUIRE); // trailing acquire fence
    // Opaque: coherent with s1, and after the copy's reads by the copy's acquire fence
    long s2 = SlotSequences.sequenceOpaque(sequenceWords, sequenceIndex(slot));
    return s2 - version <= SLACK ? version : -1; // more: the next write to this copy had begun
  }

  @Override
  AtomicPerByteArray<T> copy0() {
    return copy0;
  }

  @Override
  AtomicPerByteArray<T> copy1() {
    return copy1;
  }

  @Override
  long[] copy1Words() {
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
    // Release: a reader that reads s + 1 keeps copy(s), complete before this store
    SlotSequences.storeSequenceRelease(sequenceWords, sequence, s + 1);
    // the copy readers of s and s + 1 do not read; its release fence keeps s + 1 before these words
    copy(s + 2).storeFrom(slot, source, MemoryOrder.RELEASE);
    // Release: every word stored before it; readers move to copy(s + 2)
    SlotSequences.storeSequenceRelease(sequenceWords, sequence, s + 2);
  }

  @Override
  void openFieldWrite(int slot, long even) {
    // Release: a reader that reads even + 1 keeps copy(even), complete before this store
    SlotSequences.storeSequenceRelease(sequenceWords, sequenceIndex(slot), even + 1);
    VarHandle.releaseFence(); // keeps even + 1 before the stores to copy(even + 2) below and the parts
    long[] from = copyWords(even);
    long[] to = copyWords(even + 2);
    int first = firstWord(slot, dataStrideWords);
    for (int i = first; i < first + valueWords; i++) {
      // plain: only writers write either copy, and this one holds the lock; readers of copy(even + 2)
      // started before even + 1 and reject what they read (the notes)
      to[i] = from[i];
    }
  }

  @Override
  void closeFieldWrite(int slot, long odd) {
    // Release: every part store before it; readers move to copy(odd + 1)
    SlotSequences.storeSequenceRelease(sequenceWords, sequenceIndex(slot), odd + 1);
  }

  @Override
  void loadCurrent(int slot, MaybeTorn<T> holder) {
    // writer lock held: the sequence is even and its copy stable
    long s = SlotSequences.sequenceByWriter(sequenceWords, sequenceIndex(slot));
    copy(s).loadInto(slot, holder, MemoryOrder.RELAXED);
  }

  @Override
  String variant() {
    return "latched";
  }
}
