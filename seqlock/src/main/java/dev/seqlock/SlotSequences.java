package dev.seqlock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The shared control words of one or more sequence-lock slots: per slot, the sequence, the writer lock
 * and the count of starving readers, in one padded {@code long[]}, each accessed with the mode its
 * method names.
 */
final class SlotSequences {
  /*
   * Algorithmic notes
   *
   * Layout. One long[] holds every slot's words, STRIDE (32) longs = 256 bytes per slot:
   *
   *   [0, PAD)                        padding: the array header and whatever precedes it on the heap
   *   base(i) = PAD + i * STRIDE      slot i's sequence, read by every reader of the slot
   *   base(i) + LOCK                  slot i's writer lock (64 bytes after its sequence)
   *   base(i) + STARVING              slot i's starving-reader count
   *   [PAD + n * STRIDE, + PAD)       padding against whatever follows on the heap
   *
   * So every word of a slot is at least 128 bytes from every word of another slot and from other
   * objects: no shared cache line, nor a shared pair of lines fetched together by an adjacent-line
   * prefetcher. Within a slot, the lock and starving words, written only by writers and by readers
   * that gave up on optimistic reads, sit on the line after the sequence readers poll, so taking and
   * releasing the lock does not invalidate the readers' line (an adjacent-line prefetcher may still
   * pair the two lines; the writer writes both anyway). 256 bytes per slot is the price; 128 would put
   * one slot's lock 64 bytes from the next slot's sequence. SlotSequencesLayoutTest checks the offsets
   * with JOL's view of the array base.
   *
   * Sequence. Even: no write in progress; odd: a write in progress. Only the slot's writer (lock
   * holder or single writer) writes it, so increments are a plain read of its own last value plus an
   * Opaque store (odd) or a Release store (even); no read-modify-write. Readers load it with Acquire
   * before the data and with Opaque after the data copy's acquire fence; SeqLockSlots' notes give the
   * whole argument. Array-element VarHandle accesses have the same memory semantics as field ones.
   *
   * Writer lock. A test-and-test-and-set word holding 0 (free) or the holder's thread id (never 0):
   * CAS 0 -> id (volatile, so it acquires: the new holder sees everything the previous holder did
   * before its release) and a Release store of 0 (everything the holder did, including its data
   * stores, happens before the next acquisition). Waiters follow the lock's Backoff (spin, yield, timed
   * park), so no wake-up is needed and a virtual thread never pins its carrier. The holder's id turns
   * re-entry (a write from inside an update function) into an exception instead of a deadlock: only the
   * holder can have stored its own id, so reading it back means this thread holds the lock. The
   * single-writer variant uses the same word, only with assertions enabled, to detect a second
   * concurrent writer.
   *
   * Starving readers. A reader that failed several optimistic attempts adds 1 (getAndAdd, volatile) and
   * subtracts it when done. Writers read it with Opaque before each write and, while it is non-zero,
   * pause for a bounded time: a hint that lets the reader finish, not a lock. Opaque suffices because
   * the pause is a performance measure: a stale zero only costs the reader another attempt.
   */

  /** Longs per slot: 256 bytes, so no two slots' words share a cache line or a prefetched pair. */
  static final int STRIDE = 32;

  /** Longs of padding before the first slot and after the last: 128 bytes. */
  static final int PAD = 16;

  /** Offset of the writer lock from its slot's sequence: 64 bytes, the next cache line. */
  static final int LOCK = 8;

  /** Offset of the starving-reader count from its slot's sequence. */
  static final int STARVING = 9;

  /** The most slots one instance holds: its array must stay below the VM's array size limit. */
  static final int MAX_SLOTS = (Integer.MAX_VALUE - 8 - 2 * PAD) / STRIDE;

  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] words;

  /** Zeroed words for {@code slots} slots, {@code 0 <= slots <= MAX_SLOTS} (checked by callers). */
  SlotSequences(int slots) {
    this.words = new long[PAD + slots * STRIDE + PAD];
  }

  /** The index of slot {@code slot}'s sequence in {@link #words}. */
  static int sequenceIndex(int slot) {
    return PAD + slot * STRIDE;
  }

  /** The number of longs allocated, for the layout test. */
  int wordCount() {
    return words.length;
  }

  /**
   * The words, for the hot paths: {@link SeqLockSlots} keeps this array in a field of its own and
   * reaches the sequence (readers and writers) and the starving count (writers) with the static
   * accessors below, one dependent load shorter than going through this object on every access.
   */
  long[] words() {
    return words;
  }

  /** Acquire load of slot {@code slot}'s sequence in {@code words}: the reader's first read. */
  static long sequenceAcquire(long[] words, int slot) {
    return (long) WORDS.getAcquire(words, sequenceIndex(slot));
  }

  /**
   * Opaque load of slot {@code slot}'s sequence in {@code words}: the reader's validating read, ordered
   * after the copy by the copy's acquire fence.
   */
  static long sequenceOpaque(long[] words, int slot) {
    return (long) WORDS.getOpaque(words, sequenceIndex(slot));
  }

  /**
   * Plain load of slot {@code slot}'s sequence in {@code words}: only by the thread that holds the
   * slot's writer role, which wrote it last.
   */
  static long sequenceByWriter(long[] words, int slot) {
    return words[sequenceIndex(slot)]; // plain: the writer reads back its own store
  }

  /**
   * Opaque store of an odd value: the data store that follows begins with a release fence, which
   * keeps this store before the data's bytes.
   */
  static void storeSequenceOpaque(long[] words, int slot, long odd) {
    WORDS.setOpaque(words, sequenceIndex(slot), odd);
  }

  /** Release store: every access of the writer before it (its data stores) is ordered before it. */
  static void storeSequenceRelease(long[] words, int slot, long value) {
    WORDS.setRelease(words, sequenceIndex(slot), value);
  }

  /** One attempt to take the writer lock: Opaque test, then CAS 0 -> {@code owner} (volatile). */
  private boolean tryLockWriter(int lock, long owner) {
    return (long) WORDS.getOpaque(words, lock) == 0 // test before test-and-set: no useless CAS
        && WORDS.compareAndSet(words, lock, 0L, owner);
  }

  /** Takes slot {@code slot}'s writer lock, waiting by {@code backoff}; throws on re-entry. */
  void lockWriter(int slot, Backoff backoff) {
    int lock = sequenceIndex(slot) + LOCK;
    long owner = currentThreadId();
    if (tryLockWriter(lock, owner)) {
      return;
    }
    checkNotHeldBy(owner, lock, slot);
    for (int attempt = 0; !tryLockWriter(lock, owner); attempt++) {
      backoff.await(attempt);
    }
  }

  /**
   * Throws if the lock word at {@code lock} holds {@code owner}, the current thread's id: a write from
   * inside this thread's own write (an update function), which waiting would turn into a deadlock.
   * Opaque: only this thread ever stores its own id, so seeing it means this thread holds the lock.
   */
  private void checkNotHeldBy(long owner, int lock, int slot) {
    if ((long) WORDS.getOpaque(words, lock) == owner) {
      throw new IllegalStateException(
          "re-entrant write: this thread is already writing slot " + slot
              + " (a read or write inside an update function, or between beginWrite and endWrite?)");
    }
  }

  /** Releases slot {@code slot}'s writer lock: Release store, so the holder's stores come first. */
  void unlockWriter(int slot) {
    WORDS.setRelease(words, sequenceIndex(slot) + LOCK, 0L);
  }

  /** Single-writer check under {@code -ea}: claims slot {@code slot}'s writer role or throws. */
  void enterSingleWriter(int slot) {
    int lock = sequenceIndex(slot) + LOCK;
    long owner = currentThreadId();
    if (!WORDS.compareAndSet(words, lock, 0L, owner)) {
      checkNotHeldBy(owner, lock, slot);
      throw new IllegalStateException(
          "a second writer is writing concurrently to a single-writer sequence lock (slot " + slot
              + ")");
    }
  }

  /** Single-writer check under {@code -ea}: gives up slot {@code slot}'s writer role. */
  void exitSingleWriter(int slot) {
    unlockWriter(slot);
  }

  /** Adds {@code delta} (+1 or -1) to slot {@code slot}'s count of starving readers. */
  void starving(int slot, int delta) {
    WORDS.getAndAdd(words, sequenceIndex(slot) + STARVING, (long) delta);
  }

  /** Opaque load: whether a writer of slot {@code slot} should pause to let starving readers in. */
  static boolean hasStarvingReaders(long[] words, int slot) {
    return (long) WORDS.getOpaque(words, sequenceIndex(slot) + STARVING) != 0;
  }

  /** A non-zero id for the lock word; {@code Thread.getId()} is positive and never reused while alive. */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this library targets 17
  private static long currentThreadId() {
    return Thread.currentThread().getId();
  }
}
