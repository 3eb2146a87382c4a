package dev.seqlock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the writer role of each slot is held, composed with a protocol: {@link Trusted}, the caller's
 * promise that writes to a slot never overlap (checked under {@code -ea}), {@link Locked}, a writer
 * lock per slot, or {@link ReadOnly}, for a process that only reads a file another process writes.
 * They keep, per slot, the writer lock, the count of starving readers, the stamp of the field write
 * in progress in one strided array of their own on the heap, and with two copies the words its
 * field write has put in a second, each accessed with the mode its method names. (The sequences and
 * values are in {@link SlotWords}.)
 */
abstract sealed class WriterRole
    permits WriterRole.Trusted, WriterRole.Locked, WriterRole.ReadOnly {
  /*
   * Algorithmic notes
   *
   * Layout. One array holds every slot's writer words, STRIDE (10) words = 80 bytes per slot:
   *
   *   [0, PAD)                        padding: the array header and whatever precedes it on the heap
   *   base(i) = PAD + i * STRIDE      slot i's writer lock, then its starving count and its stamp
   *   [PAD + n * STRIDE, + PAD)       padding against whatever follows on the heap
   *
   * So a slot's last word is 64 bytes from the next slot's first: no two slots' words share a cache
   * line, wherever the array starts. With two copies, whose field writes also keep the value words
   * they have put, a second array holds those, two ints per slot (8 bytes), PUT_STRIDE (18) ints =
   * 72 bytes apart, after PUT_PAD ints (128 bytes) and before as many: an int[]'s elements may start
   * at any multiple of 4 (its base offset is 12 with compact object headers), so two 8-byte pairs
   * share no 64-byte line only if 71 bytes or more separate their starts. These words are written
   * only by writers and by readers that gave up on optimistic reads, and they are in arrays of their
   * own, away from the sequences and values
   * that every reader reads, so taking and releasing the lock never invalidates a line an optimistic
   * reader reads. They are per process (on the heap whatever the storage of the data: a file's
   * readers never write it). WriterRoleLayoutTest checks the offsets with JOL's view of the array
   * base.
   *
   * Why a double[]. The field-write stamp is read before every part store, and the part stores write
   * long[] elements (the values): C2 cannot tell one long[] element from another for computed
   * indices, so a stamp in a long[] (or the sequence, which holds the same odd value) would be
   * reloaded after every store, a load, a compare and a branch per part (a large share of a field
   * write, measured with ComparisonBenchmark writerAlone, field writes). A
   * double[] is another alias class: C2 keeps the first load and folds the later checks into the
   * first. The words hold long bits (Double.longBitsToDouble, doubleToRawLongBits, exact for every
   * value below the NaN range, which thread ids and stamps never reach) and are never used in
   * floating-point arithmetic, except the starving count, which holds small whole numbers, exact in a
   * double. VarHandle compare-and-set on doubles compares the raw bits.
   *
   * Why the words put have an int[] of their own. Every part store adds its word's bit and the next
   * part's check reads the stamp. In the stamp's array (one alias class) that store would make C2
   * reload the stamp at every part, and store and reload the bits, around each value store: two
   * loads, a compare and a store per part. An int[] is a class of its own that neither the value
   * stores (long[] elements, or a buffer's raw memory) nor the stamp's touch, so C2 folds a write's checks
   * into its first and keeps the bits in a register (seen in the compiled code of
   * WritePathBenchmark.library: no load between the part stores but their own words').
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
   * Starving readers (WriterPause.FOR_STARVING_READERS only; with NEVER no reader writes the count
   * and no writer reads it). A reader that failed several optimistic attempts adds 1 (getAndAdd,
   * volatile) and subtracts it when done. Writers read it with Opaque before each write and, while it
   * is non-zero, pause for a bounded time: a hint that lets the reader finish, not a lock. Opaque
   * suffices because the pause is a performance measure: a stale zero only costs the reader another
   * attempt.
   */

  /** Words per slot: the three below and a gap of 56 bytes, so no two slots share a cache line. */
  static final int STRIDE = 10;

  /** Ints per slot of {@link #putBits}: the two of its bits and a gap, 72 bytes in all (the notes). */
  static final int PUT_STRIDE = 18;

  /** Ints of padding before the first slot's put bits and after the last: 128 bytes. */
  static final int PUT_PAD = 32;

  /** Words of padding before the first slot and after the last: 128 bytes. */
  static final int PAD = 16;

  /** Offsets from a slot's writer lock: its starving-reader count and its field-write stamp. */
  static final int STARVING = 1;

  static final int STAMP = 2;

  /** The most value words a field write tracks in its {@link #putBits}, one bit each. */
  static final int MAX_PUT_WORDS = Long.SIZE;

  /** The most slots of a role: its array must stay below the VM's array size limit. */
  static final int MAX_SLOTS = (Integer.MAX_VALUE - 8 - 2 * PAD) / STRIDE;

  /** The most slots of a role for two copies, whose {@link #putBits} must stay below it too. */
  static final int MAX_TWO_COPY_SLOTS =
      Math.min(MAX_SLOTS, (Integer.MAX_VALUE - 8 - 2 * PUT_PAD) / PUT_STRIDE);

  /** The longest a writer pauses before one write while a reader of its slot is starving. */
  static final long WRITER_PAUSE_NANOS = 20_000;

  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(double[].class);

  /** Every slot's writer words, as long bits (see the notes). */
  private final double[] words;

  /**
   * With two copies, the value words each slot's field write has put, a long in two ints (low, high)
   * per slot, {@link #PUT_STRIDE} apart (see the notes); else null.
   */
  private final int @Nullable [] putBits;

  /** Whether writers pause for starving readers ({@link WriterPause#FOR_STARVING_READERS}). */
  final boolean pausesForReaders;

  /** How waits for the lock are made. */
  final Backoff backoff;

  /**
   * Zeroed words for {@code slots} slots, {@code 0 <= slots <= MAX_SLOTS} ({@code
   * MAX_TWO_COPY_SLOTS} if {@code keepsPut}; checked by callers), with
   * the bits of the words put per slot if {@code keepsPut}.
   */
  private WriterRole(int slots, boolean keepsPut, WriterPause pause, Backoff backoff) {
    this.pausesForReaders = pause == WriterPause.FOR_STARVING_READERS;
    this.words = new double[PAD + slots * STRIDE + PAD];
    this.putBits = keepsPut ? new int[PUT_PAD + slots * PUT_STRIDE + PUT_PAD] : null;
    this.backoff = backoff;
  }

  /**
   * For {@code slots} slots: a writer lock per slot ({@code locked}), or the caller's promise, checked
   * under {@code -ea}; keeping the words put per slot for a protocol with two copies; writers
   * pausing for starving readers or never.
   */
  static WriterRole of(
      boolean locked, int slots, boolean twoCopies, WriterPause pause, Backoff backoff) {
    return locked
        ? new Locked(slots, twoCopies, pause, backoff)
        : new Trusted(slots, twoCopies, pause, backoff);
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

  /** The index of slot {@code slot}'s writer lock in {@link #words}. */
  final int lockIndex(int slot) {
    return PAD + slot * STRIDE;
  }

  /** The index of slot {@code slot}'s low int of put bits in {@link #putBits}. */
  static int putIndex(int slot) {
    return PUT_PAD + slot * PUT_STRIDE;
  }

  /** The number of words allocated, for the layout test. */
  int wordCount() {
    return words.length;
  }

  /** The number of ints of put bits allocated (0 without two copies), for the layout test. */
  int putIntCount() {
    int[] bits = putBits;
    return bits == null ? 0 : bits.length;
  }

  private long opaque(int index) {
    return Double.doubleToRawLongBits((double) WORDS.getOpaque(words, index));
  }

  private boolean compareAndSet(int index, long expected, long value) {
    return WORDS.compareAndSet( // compares the raw bits
        words, index, Double.longBitsToDouble(expected), Double.longBitsToDouble(value));
  }

  /** One attempt to take the writer lock: Opaque test, then CAS 0 -> {@code owner} (volatile). */
  private boolean tryLockWriter(int lock, long owner) {
    return opaque(lock) == 0 // test before test-and-set: no useless CAS
        && compareAndSet(lock, 0L, owner);
  }

  /** Takes slot {@code slot}'s writer lock, waiting by the backoff; throws on re-entry. */
  final void lockWriter(int slot) {
    int lock = lockIndex(slot);
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
    if (opaque(lock) == owner) {
      throw new IllegalStateException(
          "re-entrant write: this thread is already writing slot " + slot
              + " (a read or write inside an update function, or between beginWrite and endWrite?)");
    }
  }

  /** Releases slot {@code slot}'s writer lock: Release store, so the holder's stores come first. */
  final void unlockWriter(int slot) {
    WORDS.setRelease(words, lockIndex(slot), 0.0); // 0.0: the bits of 0
  }

  /** Single-writer check under {@code -ea}: claims slot {@code slot}'s writer role or throws. */
  final void enterSingleWriter(int slot) {
    int lock = lockIndex(slot);
    long owner = currentThreadId();
    if (!compareAndSet(lock, 0L, owner)) {
      checkNotHeldBy(owner, lock, slot);
      throw new IllegalStateException(
          "a second writer is writing concurrently to a single-writer sequence lock (slot " + slot
              + ")");
    }
  }

  /** Adds {@code delta} (+1 or -1) to slot {@code slot}'s count of starving readers. */
  final void starving(int slot, int delta) {
    WORDS.getAndAdd(words, lockIndex(slot) + STARVING, (double) delta); // a whole number
  }

  /** Opaque load: whether a writer of slot {@code slot} should pause to let starving readers in. */
  final boolean hasStarvingReaders(int slot) {
    return (double) WORDS.getOpaque(words, lockIndex(slot) + STARVING) != 0;
  }

  /*
   * The field-write stamp: the stamp of the field write in progress on a slot, or 0 while none is,
   * what every part store and endWrite check their stamp against. The writer stores it after taking
   * the role and making the sequence odd (beginFieldWrite), and stores 0 before giving the role up
   * (endFieldWrite); both plain, and the writer's own plain reads see its own last store (program
   * order). For any other thread the read is racy, but it never returns a stamp that thread got from
   * an earlier write: its own store of 0 at that write's end happens before its read, and no later
   * write stores an earlier stamp (sequences only grow), so a stale stamp fails the check. Writers of
   * one slot serialise through the role, whose hand-over orders one writer's stores to the stamp
   * before the next writer's. A double's 64 bits are stored and loaded whole on 64-bit HotSpot, as the
   * data words are (SharedWords' notes); JLS 17.7 would allow a split.
   */

  /** Marks the field write with {@code stamp} (odd) on slot {@code slot} as in progress. */
  final void openFieldWrite(int slot, long stamp) {
    words[lockIndex(slot) + STAMP] = Double.longBitsToDouble(stamp); // plain: writer-owned
  }

  /** Marks no field write on slot {@code slot} as in progress. */
  final void closeFieldWrite(int slot) {
    words[lockIndex(slot) + STAMP] = 0.0; // plain: writer-owned; the bits of 0, even: matches no stamp
  }

  /*
   * The words put: with two copies, the value words a field write has stored into the copy it
   * publishes, one bit per word (bit w: word w of the value), so that endWrite copies only the others
   * from the copy that holds the previous version (SeqLockEngine's notes). Writer-owned and plain,
   * as the stamp. Within one compiled write C2 computes them in a register (an int[] of their own:
   * see the notes) and stores each part's as a constant, with no load; a half that a part leaves as
   * it was is not stored at all.
   */

  /** Marks no value word of slot {@code slot}'s field write as put; a role made with two copies. */
  final void clearPut(int slot) {
    int[] bits = putBits();
    int index = putIndex(slot);
    bits[index] = 0; // plain: writer-owned
    bits[index + 1] = 0;
  }

  /** Adds {@code put} (value words, bit w for word w) to those slot {@code slot}'s write has put. */
  final void addPut(int slot, long put) {
    int[] bits = putBits();
    int index = putIndex(slot);
    bits[index] |= (int) put; // plain: writer-owned
    bits[index + 1] |= (int) (put >>> Integer.SIZE);
  }

  /** The value words slot {@code slot}'s field write has put, bit w for word w. */
  final long put(int slot) {
    int[] bits = putBits();
    int index = putIndex(slot);
    // plain: writer-owned
    return Integer.toUnsignedLong(bits[index]) | (long) bits[index + 1] << Integer.SIZE;
  }

  private int[] putBits() {
    return Objects.requireNonNull(putBits); // never null in a role made with two copies
  }

  /**
   * Throws unless {@code stamp} is the stamp of the field write in progress on slot {@code slot}: odd,
   * and the stamp {@link #openFieldWrite} stored. Changes nothing.
   *
   * @throws IllegalStateException if it is not
   */
  final void checkFieldWrite(int slot, long stamp) {
    long open = Double.doubleToRawLongBits(words[lockIndex(slot) + STAMP]); // plain: see above
    if (open != stamp || (stamp & 1) == 0) {
      throw new IllegalStateException("stamp " + stamp + " is not the stamp of a write in progress"
          + " (" + (open == 0 ? "none is" : "the stamp in progress is " + open)
          + "); it must come from beginWrite, before endWrite");
    }
  }

  /** A non-zero id for the lock word; {@code Thread.getId()} is positive and never reused while alive. */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this library targets 17
  private static long currentThreadId() {
    return Thread.currentThread().getId();
  }

  /** The caller's promise that writes to a slot never overlap, checked under {@code -ea}. */
  static final class Trusted extends WriterRole {
    private static final boolean CHECK_WRITERS = Trusted.class.desiredAssertionStatus();

    private Trusted(int slots, boolean keepsPut, WriterPause pause, Backoff backoff) {
      super(slots, keepsPut, pause, backoff);
    }

    @Override
    void take(int slot) {
      if (CHECK_WRITERS) {
        enterSingleWriter(slot);
      }
      if (pausesForReaders) {
        yieldToStarvingReaders(slot);
      }
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

  /**
   * The role of a process that only reads (a SharedSeqLockArray reader): it never writes and holds no
   * words per slot. Its policy is WriterPause.NEVER, so its readers never announce themselves: the
   * writer is another process, which could not see them, and a reader must not write to the file it
   * shares; its latched reads need no writer pause to complete (they fail only when two writes begin
   * during one read).
   */
  static final class ReadOnly extends WriterRole {
    ReadOnly(Backoff backoff) {
      super(0, false, WriterPause.NEVER, backoff);
    }

    @Override
    void take(int slot) {
      throw new UnsupportedOperationException("a reader does not write"); // no API gets here
    }

    @Override
    void release(int slot) {
      throw new UnsupportedOperationException("a reader does not write");
    }

    @Override
    boolean readerLock(int slot) {
      return false;
    }
  }

  /** A writer lock per slot. */
  static final class Locked extends WriterRole {
    private Locked(int slots, boolean keepsPut, WriterPause pause, Backoff backoff) {
      super(slots, keepsPut, pause, backoff);
    }

    @Override
    void take(int slot) {
      if (pausesForReaders) {
        yieldToStarvingReaders(slot); // else a back-to-back writer could beat a starving reader forever
      }
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
