package dev.seqlock;

/**
 * How the writer role of each slot is held, composed with a protocol: {@link Trusted}, the caller's
 * promise that writes to a slot never overlap (checked under {@code -ea}), or {@link Locked}, a writer
 * lock per slot. Both use, per slot, the writer lock word and the count of starving readers, which
 * {@link SlotWords} keeps in each slot's stride, each accessed with the mode its method names.
 */
abstract sealed class WriterRole permits WriterRole.Trusted, WriterRole.Locked {
  /*
   * Algorithmic notes
   *
   * Words. Each slot's writer lock and starving-reader count are in the slot's own stride of the
   * SlotWords that hold its sequence and values, on cache lines of their own (SlotWords' notes): these
   * words are written only by writers and by readers that gave up on optimistic reads, so taking and
   * releasing the lock never invalidates a line an optimistic reader reads, nor another slot's line.
   *
   * Writer lock. A test-and-test-and-set word holding 0 (free) or the holder's thread id (never 0):
   * CAS 0 -> id (volatile, so it acquires: the new holder sees everything the previous holder did
   * before its release) and a Release store of 0 (everything the holder did, including its data
   * stores, happens before the next acquisition). Waiters follow the lock's Backoff (spin, yield, timed
   * park), so no wake-up is needed and a virtual thread never pins its carrier. The holder's id turns
   * re-entry (a write from inside an update function) into an exception instead of a deadlock: only the
   * holder can have stored its own id, so reading it back means this thread holds the lock. The
   * Trusted role uses the same word, only with assertions enabled, to detect a second concurrent
   * writer.
   *
   * Trusted. The caller guarantees that writes to one slot do not overlap; then one write's stores
   * precede the next by program order (one thread) or by whatever the caller uses to hand the role
   * over, which is all the protocols need of the role. Under -ea, take claims the lock word with a CAS
   * and fails fast if it is taken, turning an overlapping second writer into an
   * IllegalStateException; without -ea the check folds away (CHECK_WRITERS is a static final).
   *
   * Locked. Writers hold the slot's lock from before encoding until after the even store, so at most
   * one thread writes a slot at a time, and the lock's CAS (acquire) and release store put one
   * writer's stores before the next writer's. A protocol may let a starving reader take the same lock
   * (readerLock): with it held no write to the slot is in progress and none can start; the
   * acquisition synchronises with the last writer's release and the release keeps the reader's copy
   * before the next writer's stores.
   *
   * Starving readers. A reader that failed several optimistic attempts adds 1 (getAndAdd, volatile) and
   * subtracts it when done. Writers read it with Opaque before each write and, while it is non-zero,
   * pause for a bounded time: a hint that lets the reader finish, not a lock. Opaque suffices because
   * the pause is a performance measure: a stale zero only costs the reader another attempt.
   */

  /** The longest a writer pauses before one write while a reader of its slot is starving. */
  static final long WRITER_PAUSE_NANOS = 20_000;

  /** The slots' words, of which this role uses each slot's writer lock and starving count. */
  private final SlotWords<?> words;

  /** How waits for the lock are made. */
  final Backoff backoff;

  /** Over {@code words}, whose writer words are zero (no lock held, no reader starving). */
  private WriterRole(SlotWords<?> words, Backoff backoff) {
    this.words = words;
    this.backoff = backoff;
  }

  /**
   * For the slots of {@code words}: a writer lock per slot ({@code locked}), or the caller's promise,
   * checked under {@code -ea}.
   */
  static WriterRole of(boolean locked, SlotWords<?> words, Backoff backoff) {
    return locked ? new Locked(words, backoff) : new Trusted(words, backoff);
  }

  /**
   * Takes slot {@code slot}'s writer role, after a bounded pause while a reader of the slot is
   * starving; throws if this thread holds it already (always for a lock, under {@code -ea} if trusted)
   * or, trusted under {@code -ea}, if another thread does.
   */
  abstract void take(int slot);

  /** Gives slot {@code slot}'s writer role up. */
  abstract void release(int slot);

  /**
   * For a starving reader: takes slot {@code slot}'s writer lock and returns true, or returns false if
   * there is no lock to take (trusted).
   */
  abstract boolean readerLock(int slot);

  /** Releases the lock {@link #readerLock} took. */
  final void readerUnlock(int slot) {
    unlockWriter(slot);
  }

  /** Pauses, for a bounded time, while a reader of the slot is starving; before taking the role. */
  final void yieldToStarvingReaders(int slot) {
    if (hasStarvingReaders(slot)) {
      long deadline = System.nanoTime() + WRITER_PAUSE_NANOS;
      while (hasStarvingReaders(slot) && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
    }
  }

  /** One attempt to take the writer lock: Opaque test, then CAS 0 -> {@code owner} (volatile). */
  private boolean tryLockWriter(int lock, long owner) {
    return words.wordOpaque(lock) == 0 // test before test-and-set: no useless CAS
        && words.compareAndSetWord(lock, 0L, owner);
  }

  /** Takes slot {@code slot}'s writer lock, waiting by the backoff; throws on re-entry. */
  final void lockWriter(int slot) {
    int lock = words.lockIndex(slot);
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
    if (words.wordOpaque(lock) == owner) {
      throw new IllegalStateException(
          "re-entrant write: this thread is already writing slot " + slot
              + " (a read or write inside an update function, or between beginWrite and endWrite?)");
    }
  }

  /** Releases slot {@code slot}'s writer lock: Release store, so the holder's stores come first. */
  final void unlockWriter(int slot) {
    words.setWordRelease(words.lockIndex(slot), 0L);
  }

  /** Single-writer check under {@code -ea}: claims slot {@code slot}'s writer role or throws. */
  final void enterSingleWriter(int slot) {
    int lock = words.lockIndex(slot);
    long owner = currentThreadId();
    if (!words.compareAndSetWord(lock, 0L, owner)) {
      checkNotHeldBy(owner, lock, slot);
      throw new IllegalStateException(
          "a second writer is writing concurrently to a single-writer sequence lock (slot " + slot
              + ")");
    }
  }

  /** Adds {@code delta} (+1 or -1) to slot {@code slot}'s count of starving readers. */
  final void starving(int slot, int delta) {
    words.getAndAddWord(words.starvingIndex(slot), delta);
  }

  /** Opaque load: whether a writer of slot {@code slot} should pause to let starving readers in. */
  final boolean hasStarvingReaders(int slot) {
    return words.wordOpaque(words.starvingIndex(slot)) != 0;
  }

  /** A non-zero id for the lock word; {@code Thread.getId()} is positive and never reused while alive. */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this library targets 17
  private static long currentThreadId() {
    return Thread.currentThread().getId();
  }

  /** The caller's promise that writes to a slot never overlap, checked under {@code -ea}. */
  static final class Trusted extends WriterRole {
    private static final boolean CHECK_WRITERS = Trusted.class.desiredAssertionStatus();

    private Trusted(SlotWords<?> words, Backoff backoff) {
      super(words, backoff);
    }

    @Override
    void take(int slot) {
      if (CHECK_WRITERS) {
        enterSingleWriter(slot);
      }
      yieldToStarvingReaders(slot);
    }

    @Override
    void release(int slot) {
      if (CHECK_WRITERS) {
        unlockWriter(slot);
      }
    }

    @Override
    boolean readerLock(int slot) {
      return false; // nothing to take: starving readers keep reading, the writer pauses for them
    }
  }

  /** A writer lock per slot. */
  static final class Locked extends WriterRole {
    private Locked(SlotWords<?> words, Backoff backoff) {
      super(words, backoff);
    }

    @Override
    void take(int slot) {
      yieldToStarvingReaders(slot); // else a back-to-back writer could beat a starving reader forever
      lockWriter(slot);
    }

    @Override
    void release(int slot) {
      unlockWriter(slot);
    }

    @Override
    boolean readerLock(int slot) {
      lockWriter(slot);
      return true;
    }
  }
}
