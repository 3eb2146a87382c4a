package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;

/**
 * The latched sequence-lock protocol: two copies of each slot's value, each write writing the one
 * readers of the current version do not read, so readers never wait for a write in progress.
 * {@code latched} (with a locked {@link WriterRole}).
 *
 * @param <T> the type of the values
 */
final class LatchedProtocol<T> extends SeqLockEngine<T> {
  /*
   * Algorithmic notes (two copies, one written per write), per slot
   *
   * Version 2n, the value after n writes, is kept in copy (n & 1): copy0 for even n, copy1 for odd n,
   * so copy(v) = (v & 2) == 0 ? copy0 : copy1. Write n + 1 writes only the other copy, copy(2n + 2),
   * which holds version 2n - 2 (for n = 0, the initial value) and which readers of version 2n do not
   * read. The sequences are in copy0's words (SlotWords' layout; copy1 leaves its sequence words
   * unused).
   *
   *   writer (holds the slot's writer role):      reader (attempt):
   *     s = sequence (plain, 2n)                     s1 = sequence (Acquire); v = s1 & ~1
   *     sequence = s + 1 (Release)                   copy(v).loadInto(dst, ACQUIRE)
   *     copy(s + 2).storeFrom(src, RELEASE)          s2 = sequence (Opaque)
   *     sequence = s + 2 (Release)                   keep dst iff accepts(v, s2): s2 - v <= SLACK
   *
   * So a reader reads the newest complete version whatever the sequence's parity: at 2n no write is
   * in progress; at 2n + 1 write n + 1 is writing the other copy. It fails only if write n + 2, the
   * next one to write its copy, began before its validating read: one write may begin and end under
   * a read. The Linux kernel's seqcount_latch, the structure this protocol is named after, writes
   * both copies on every write (its copies are modified in place, so each must see every
   * modification) and so rejects a read under which the sequence moved at all; a whole-value write
   * can write one copy, since the value it stores is complete, and the reader can then keep a read
   * under which the sequence moved by up to 2. Each write stores the value once.
   *
   * Why a kept snapshot is never torn. Copy(v), v = 2n, is written by writes n, n + 2, n + 4, ...;
   * write n + 2 stores into it only after its store of 2n + 3 and the release fence that follows.
   *  - No word comes from write n + 2 or later: such a word was stored after that fence, the reader read
   *    it before its copy's acquire fence, which precedes its read of s2; the fences pair (SharedWords'
   *    notes in dev.seqlock.atomic), so the store of 2n + 3 happens before the read of s2 and, by
   *    coherence (the sequence only grows), s2 >= 2n + 3 = v + 3: rejected.
   *  - No word is older than write n's: s1 (2n or 2n + 1) was read with Acquire from a Release store
   *    that follows every store of write n (program order within a writer, the role's hand-over
   *    between writers), so those stores happen before the reader's reads, which cannot return a
   *    value they overwrote. This needs write n to store every word of its copy: publish stores the
   *    whole value, and a field write first copies the whole of the other copy into it (below).
   * So every word is the one write n stored (or, for n = 0, the constructor's: both copies start with
   * the initial value): the snapshot is exactly version v. The odd store must be a Release store
   * (unlike the single-copy protocol's Opaque one): a reader that reads s1 = 2n + 1 keeps its copy,
   * so that Acquire read must synchronise with a store that follows write n's words. s2 >= s1 >= v by
   * coherence, so s2 - v is never negative.
   *
   * Field reads: the stamp is v = s1 & ~1 (never -1: a read never has to wait here); it picks the
   * copy, and validate keeps the reads by the same rule, accepts(stamp, s2), after the acquire fence.
   * An odd stamp (a field write's, passed by mistake) is rejected: accepts could pass it while the
   * write to the copy it picks is in progress. A stamp above the sequence (not from this slot) wraps
   * to a large unsigned difference and fails.
   *
   * Field writes use the same brackets: openFieldWrite stores s + 1 (Release), fences, and then copies
   * copy(s) into copy(s + 2), so that the copy the write will publish holds version s before the
   * parts are put into it; the parts go to copy(stamp + 1), and closeFieldWrite's Release store of
   * s + 2 publishes it. The copy's and the parts' stores all lie between the fence after s + 1 and
   * the store of s + 2, where the argument above needs the write's stores to be; the copy reads
   * copy(s), which only writers write (the last one before this writer's role), so it reads version s
   * exactly. Parts not put keep version s's values.
   *
   * Starving readers keep trying (readUntilConsistent): a read fails only against a back-to-back
   * writer, and the writer's pause for starving readers lets it through.
   */

  /** How far the sequence may move past a read's version before its copy may have been overwritten. */
  static final long SLACK = 2;

  /** The second copy; the first ({@link #words}) also holds the sequences. */
  private final SlotWords<T> copy1;

  LatchedProtocol(
      ByteCodec<T> codec,
      int length,
      SlotWords<T> copy0,
      SlotWords<T> copy1,
      WriterRole role,
      Backoff backoff) {
    super(codec, length, copy0, role, backoff);
    this.copy1 = copy1;
  }

  /**
   * Heap words for {@code length} slots, each copy holding {@code initial}, with a locked or a trusted
   * writer role; allocated in the order SingleCopyProtocol.onHeap gives.
   */
  static <T> LatchedProtocol<T> onHeap(
      ByteCodec<T> codec, int length, T initial, boolean lockedWriters, Backoff backoff) {
    MaybeTorn<T> value = MaybeTorn.of(codec, initial);
    SlotWords<T> copy0 = SlotWords.onHeap(codec, length, value);
    SlotWords<T> copy1 = SlotWords.onHeap(codec, length, value);
    return new LatchedProtocol<>(
        codec, length, copy0, copy1, WriterRole.of(lockedWriters, length, backoff), backoff);
  }

  /** The acceptance rule: a read of version {@code version} (even) is kept if the sequence is this. */
  private static boolean accepts(long version, long sequence) {
    return Long.compareUnsigned(sequence - version, SLACK) <= 0;
  }

  /** The copy that holds (or, for a write in progress, will hold) {@code version}: see the notes. */
  SlotWords<T> copy(long version) {
    return (version & 2) == 0 ? words : copy1;
  }

  @Override
  long attempt(int slot, MaybeTorn<T> destination) {
    int sequence = words.sequenceIndex(slot);
    long s1 = words.sequenceAcquire(sequence); // Acquire: the copy's reads cannot move before it
    long version = s1 & ~1L; // the newest complete version, odd or even s1
    copy(version).values.loadInto(slot, destination, MemoryOrder.ACQUIRE); // trailing acquire fence
    long s2 = words.sequenceOpaque(sequence); // Opaque: coherent with s1, after the reads by the fence
    return accepts(version, s2) ? version : -1; // else the next write to this copy had begun
  }

  @Override
  long readStarving(int slot, MaybeTorn<T> destination) {
    return readUntilConsistent(slot, destination); // the writer pauses for starving readers
  }

  @Override
  void publish(int slot, MaybeTorn<T> source) {
    int sequence = words.sequenceIndex(slot);
    long s = sequenceForWrite(slot);
    // Release: a reader that reads s + 1 keeps copy(s), complete before this store
    words.storeSequenceRelease(sequence, s + 1);
    // the copy readers of s and s + 1 do not read; its release fence keeps s + 1 before these words
    copy(s + 2).values.storeFrom(slot, source, MemoryOrder.RELEASE);
    // Release: every word stored before it; readers move to copy(s + 2)
    words.storeSequenceRelease(sequence, s + 2);
  }

  @Override
  void loadCurrent(int slot, MaybeTorn<T> holder) {
    // role held: the sequence is even and its copy stable
    long s = words.word(words.sequenceIndex(slot));
    copy(s).values.loadInto(slot, holder, MemoryOrder.RELAXED);
  }

  @Override
  long optimisticStamp(int slot) {
    // Acquire: the field reads that follow cannot move before it
    long s = words.sequenceAcquire(words.sequenceIndex(slot));
    return s & ~1L; // the newest complete version, which its copy holds whatever the parity
  }

  @Override
  SlotWords<T> readWords(long stamp) {
    return copy(stamp);
  }

  @Override
  boolean validate(int slot, long stamp) {
    VarHandle.acquireFence(); // the field reads before it stay before the validating read
    // Opaque: coherent with the stamp's Acquire read, so never below a stamp of this slot
    long sequence = words.sequenceOpaque(words.sequenceIndex(slot));
    return (stamp & 1) == 0 && accepts(stamp, sequence); // odd: not a read's stamp (the notes)
  }

  @Override
  void openFieldWrite(int slot, long even) {
    // Release: a reader that reads even + 1 keeps copy(even), complete before this store
    words.storeSequenceRelease(words.sequenceIndex(slot), even + 1);
    VarHandle.releaseFence(); // keeps even + 1 before the stores to copy(even + 2) below and the parts
    // plain: only writers write either copy, and this one holds the role; readers of copy(even + 2)
    // started before even + 1 and reject what they read (the notes)
    copy(even + 2).copyValue(copy(even), slot);
  }

  @Override
  SlotWords<T> writeWords(long stamp) {
    return copy(stamp + 1);
  }

  @Override
  void closeFieldWrite(int slot, long odd) {
    // Release: every part store before it; readers move to copy(odd + 1)
    words.storeSequenceRelease(words.sequenceIndex(slot), odd + 1);
  }

  @Override
  String variant() {
    return "latched";
  }
}
