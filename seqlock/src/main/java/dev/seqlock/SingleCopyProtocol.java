package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;

/**
 * The single-copy sequence-lock protocol: one copy of each slot's value, which a write overwrites in
 * place while its sequence is odd; readers retry while a write is in progress. {@code create} (with a
 * locked {@link WriterRole}) and {@code singleWriter} (trusted).
 *
 * @param <T> the type of the values
 */
final class SingleCopyProtocol<T> extends SeqLockEngine<T> {
  /*
   * Algorithmic notes
   *
   * Protocol (Boehm, "Can seqlocks get along with programming language memory models?", 2012, in
   * its fence-based form), per slot. The sequence is even when no write is in progress.
   *
   *   writer (holds the slot's writer role):  reader (attempt):
   *     s = sequence (plain, own value)          s1 = sequence (Acquire)
   *     sequence = s + 1 (Opaque)                if s1 is odd: retry
   *     values.storeFrom(src, RELEASE)           values.loadInto(dst, ACQUIRE)
   *       = releaseFence; plain word copy          = plain word copy; acquireFence
   *     sequence = s + 2 (Release)               s2 = sequence (Opaque)
   *                                              keep dst iff s1 == s2   (the acceptance rule)
   *
   * Why a kept snapshot is never torn. Suppose the reader kept dst with s1 == s2 == v (even). Writes
   * to the slot are serialised (the writer role), each moves the sequence 2k -> 2k+1 -> 2k+2, and
   * each stores every word of the value.
   *  - No word comes from a write that had not completed at v. Say a word came from write k (2k -> 2k+2).
   *    That word was stored after write k's release fence, which follows its odd store of 2k+1; the
   *    reader read it before its acquire fence, which precedes its read of s2. The fences pair
   *    (SharedWords' notes in dev.seqlock.atomic), so the store of 2k+1 happens before the read of s2,
   *    and s2 >= 2k+1 by coherence (the sequence only grows). With s2 == v even, v >= 2k+2: write k had
   *    completed.
   *  - No word is older than version v. s1 == v was read with Acquire from the Release store of v,
   *    which follows every data store of every write up to v (program order within a writer, the
   *    role's hand-over between writers). Those stores therefore happen before the reader's data
   *    reads, which cannot return a value they overwrote (happens-before consistency).
   * So every word is the one the write that produced v stored: the snapshot is exactly version v.
   * The Opaque read of s2 is needed (a plain read is not coherent with s1 and could be satisfied by
   * an earlier read); Acquire is not needed because the copy's acquire fence already orders the data
   * reads before it. The writer needs no fence of its own between the odd store and the data: the
   * data store's leading release fence is that fence (a release fence orders earlier stores before
   * later ones). A reader never copies while the sequence is odd (the copy would be discarded).
   *
   * Field reads: stamp = s1 (Acquire), or -1 if odd, which never validates (the sequence starts at 0
   * and only grows); the parts are plain reads of the words, each where the copy's reads are; validate
   * is the acquire fence, s2 (Opaque) and the same rule, s2 == stamp. The argument above holds word by
   * word for the words actually read. The single copy is read whatever the stamp: next to a busy
   * writer stamps alternate between -1 and even values, and a branch on them would be mispredicted.
   *
   * Field writes: openFieldWrite is the Opaque odd store and a release fence (the fence storeFrom
   * begins with), so the part stores are exactly where publish's word stores are: after the release
   * fence that follows the odd store, before the Release store of the even one; the argument holds
   * word by word. Words the caller does not put keep the previous version's values, which is what
   * version s + 2 holds there: the new version is the old one with the parts changed.
   *
   * Starving readers: with a locked role the reader takes the writer lock (WriterRole's notes); with
   * it held no write is in progress and none can start, so the sequence is even and the data stable,
   * and the sequence is not touched, so other readers are unaffected. With a trusted role there is no
   * lock: the reader keeps trying, and the writer pauses for it.
   */

  SingleCopyProtocol(
      ByteCodec<T> codec, int length, SlotWords<T> words, WriterRole role, Backoff backoff) {
    super(codec, length, words, role, backoff);
  }

  /**
   * Heap words for {@code length} slots, each holding {@code initial}, with a locked or a trusted
   * writer role. The value is encoded, then the data words allocated, then the writers' words: a
   * rejected value or a length whose data does not fit in one array fails before the larger
   * allocations.
   */
  static <T> SingleCopyProtocol<T> onHeap(
      ByteCodec<T> codec, int length, T initial, boolean lockedWriters, Backoff backoff) {
    SlotWords<T> words = SlotWords.onHeap(codec, length, MaybeTorn.of(codec, initial));
    return new SingleCopyProtocol<>(
        codec, length, words, WriterRole.of(lockedWriters, length, backoff), backoff);
  }

  @Override
  long attempt(int slot, MaybeTorn<T> destination) {
    SlotWords<T> w = words;
    int sequence = w.sequenceIndex(slot);
    long s1 = w.sequenceAcquire(sequence); // Acquire: the data reads below cannot move before it
    if ((s1 & 1) != 0) {
      return -1; // a write is in progress
    }
    w.values.loadInto(slot, destination, MemoryOrder.ACQUIRE); // its acquire fence orders the reads
    long s2 = w.sequenceOpaque(sequence); // Opaque: coherent with s1, after the reads by the fence
    return s1 == s2 ? s1 : -1;
  }

  @Override
  long readStarving(int slot, MaybeTorn<T> destination) {
    if (!role.readerLock(slot)) {
      return readUntilConsistent(slot, destination); // no lock: the writer pauses for us
    }
    try {
      long version = words.word(words.sequenceIndex(slot)); // lock held: even, stable
      words.values.loadInto(slot, destination, MemoryOrder.ACQUIRE);
      return version;
    } finally {
      role.readerUnlock(slot);
    }
  }

  @Override
  void publish(int slot, MaybeTorn<T> source) {
    SlotWords<T> w = words;
    int sequence = w.sequenceIndex(slot);
    long s = sequenceForWrite(slot);
    w.storeSequenceOpaque(sequence, s + 1); // odd; kept before the data by storeFrom's release fence
    w.values.storeFrom(slot, source, MemoryOrder.RELEASE); // releaseFence, then the words
    w.storeSequenceRelease(sequence, s + 2); // Release: even; every word stored before it
  }

  @Override
  void loadCurrent(int slot, MaybeTorn<T> holder) {
    words.values.loadInto(slot, holder, MemoryOrder.RELAXED); // role held: no write can overlap
  }

  @Override
  long optimisticStamp(int slot) {
    // Acquire: the field reads that follow cannot move before it
    long s = words.sequenceAcquire(words.sequenceIndex(slot));
    return (s & 1) == 0 ? s : -1; // odd: no read under it could validate, so -1 (which never does)
  }

  @Override
  SlotWords<T> readWords(long stamp) {
    return words; // whatever the stamp (the notes); -1 never validates anyway
  }

  @Override
  boolean validate(int slot, long stamp) {
    VarHandle.acquireFence(); // the field reads before it stay before the validating read
    // Opaque: coherent with the stamp's Acquire read; the acceptance rule, as attempt's
    return words.sequenceOpaque(words.sequenceIndex(slot)) == stamp;
  }

  @Override
  void openFieldWrite(int slot, long even) {
    // odd; kept before the part stores by the fence below
    words.storeSequenceOpaque(words.sequenceIndex(slot), even + 1);
    VarHandle.releaseFence(); // the odd store stays before the part stores (publish's storeFrom fence)
  }

  @Override
  SlotWords<T> writeWords(long stamp) {
    return words;
  }

  @Override
  void closeFieldWrite(int slot, long odd) {
    // Release: even; every part store before it
    words.storeSequenceRelease(words.sequenceIndex(slot), odd + 1);
  }

  @Override
  String variant() {
    return role instanceof WriterRole.Locked ? "create" : "singleWriter";
  }
}
