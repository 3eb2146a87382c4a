package dev.seqlock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * Pads the sequence word from whatever precedes this object on the heap (128 bytes). The int fills the
 * 4-byte gap after a 12-byte object header, which HotSpot (JDK 15+) would otherwise give to the first
 * int field of a subclass, putting the writer lock next to the header.
 */
@SuppressWarnings("unused")
abstract class SeqLockStatePad0 {
  int headerGap;
  long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** The sequence word: read by every reader, written by the writer twice per write. */
abstract class SeqLockSequenceField extends SeqLockStatePad0 {
  long sequence;
}

/** Pads the sequence word from the writer-side words that follow it (128 bytes). */
@SuppressWarnings("unused")
abstract class SeqLockStatePad1 extends SeqLockSequenceField {
  long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/** Words written by writers and by starving readers only, kept off the readers' sequence line. */
abstract class SeqLockWriterFields extends SeqLockStatePad1 {
  int writerLock;
  int starvingReaders;
  @Nullable Thread writerOwner;
}

/** Pads the writer-side words from whatever follows this object on the heap (128 bytes). */
@SuppressWarnings("unused")
abstract class SeqLockStatePad2 extends SeqLockWriterFields {
  long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
}

/**
 * The shared words of one sequence lock: the sequence, the writer lock and the count of starving
 * readers, each accessed with the mode its call site names.
 */
final class SeqLockState extends SeqLockStatePad2 {
  /*
   * Algorithmic notes
   *
   * Layout. The sequence word is read by every reader on every read, so it sits alone on its cache
   * line(s): 128 bytes of padding before it (against the previous object on the heap, and against
   * adjacent-line prefetch), 128 after it. The writer lock, its owner and the starving-reader count
   * are written only by writers and by readers that have given up on optimistic reads, so they share
   * a second padded region: writing them never invalidates the line readers poll. HotSpot lays out a
   * superclass's fields before its subclass's, which is what the Pad0 -> sequence -> Pad1 -> writer
   * fields -> Pad2 chain relies on; SeqLockLayoutTest checks the offsets with JOL.
   *
   * Sequence. Even: no write in progress; odd: a write in progress. Only the lock holder (or the
   * single writer) writes it, so increments are a plain read of its own last value plus an Opaque
   * store (odd) or a Release store (even); no read-modify-write. Readers load it with Acquire before
   * the data and with Opaque after the data copy's acquire fence; see SeqLock's notes for the whole
   * argument.
   *
   * Writer lock. A test-and-test-and-set word: CAS 0 -> 1 (volatile, so it acquires: the new holder
   * sees everything the previous holder did before its release) and a Release store of 0 (everything
   * the holder did, including its data stores, happens before the next acquisition). Waiters follow
   * the lock's Backoff (spin, yield, timed park), so no wake-up is needed and a virtual thread never
   * pins its carrier. writerOwner is written and read only by the holder (plain), to turn re-entry
   * from an update function into an exception instead of a deadlock. The single-writer variant uses
   * the same word, only when assertions are enabled, to detect a second concurrent writer.
   *
   * Starving readers. A reader that failed several optimistic attempts increments the count
   * (getAndAdd, volatile) and decrements it when done. The writer reads it with Opaque before each
   * write and, while it is non-zero, pauses for a bounded time: a hint that lets the reader finish,
   * not a lock. Opaque suffices because the pause is a performance measure: a stale zero only costs
   * the reader another attempt.
   */

  private static final VarHandle SEQUENCE;
  private static final VarHandle WRITER_LOCK;
  private static final VarHandle STARVING_READERS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SEQUENCE = lookup.findVarHandle(SeqLockSequenceField.class, "sequence", long.class);
      WRITER_LOCK = lookup.findVarHandle(SeqLockWriterFields.class, "writerLock", int.class);
      STARVING_READERS =
          lookup.findVarHandle(SeqLockWriterFields.class, "starvingReaders", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Acquire load: the reader's first read, ordered before its data copy. */
  long sequenceAcquire() {
    return (long) SEQUENCE.getAcquire(this);
  }

  /** Opaque load: the reader's validating read, ordered after the copy by the copy's acquire fence. */
  long sequenceOpaque() {
    return (long) SEQUENCE.getOpaque(this);
  }

  /** Plain load: only by the thread that holds the writer lock or is the single writer. */
  long sequenceByWriter() {
    return sequence;
  }

  /**
   * Opaque store of an odd value: the data store that follows begins with a release fence, which
   * keeps this store before the data's bytes.
   */
  void storeSequenceOpaque(long odd) {
    SEQUENCE.setOpaque(this, odd);
  }

  /** Release store of an even value: every data byte of the write is stored before it. */
  void storeSequenceRelease(long even) {
    SEQUENCE.setRelease(this, even);
  }

  /** One attempt to take the writer lock: CAS 0 -> 1 (volatile). */
  boolean tryLockWriter() {
    return (int) WRITER_LOCK.getOpaque(this) == 0 // test before test-and-set: no useless CAS
        && WRITER_LOCK.compareAndSet(this, 0, 1);
  }

  /** Takes the writer lock, waiting by {@code backoff}; throws on re-entry by its holder. */
  void lockWriter(Backoff backoff) {
    if (!tryLockWriter()) {
      lockWriterSlowly(backoff);
    }
    writerOwner = Thread.currentThread(); // plain: read only by the holder
  }

  private void lockWriterSlowly(Backoff backoff) {
    if (writerOwner == Thread.currentThread() && (int) WRITER_LOCK.getOpaque(this) == 1) {
      throw new IllegalStateException(
          "re-entrant write: this thread already holds the writer lock (a write from inside an"
              + " update function?)");
    }
    for (int attempt = 0; !tryLockWriter(); attempt++) {
      backoff.await(attempt);
    }
  }

  /** Releases the writer lock: Release store, so the holder's stores precede the next holder. */
  void unlockWriter() {
    writerOwner = null;
    WRITER_LOCK.setRelease(this, 0);
  }

  /** Single-writer check under {@code -ea}: claims the writer role or throws. */
  void enterSingleWriter() {
    if (!WRITER_LOCK.compareAndSet(this, 0, 1)) {
      throw new IllegalStateException(
          "a second writer is writing concurrently to a single-writer SeqLock");
    }
  }

  /** Single-writer check under {@code -ea}: gives up the writer role. */
  void exitSingleWriter() {
    WRITER_LOCK.setRelease(this, 0);
  }

  /** Announces a reader that gave up on plain optimistic attempts. */
  void starving(int delta) {
    STARVING_READERS.getAndAdd(this, delta);
  }

  /** Opaque load: whether a writer should pause to let starving readers through. */
  boolean hasStarvingReaders() {
    return (int) STARVING_READERS.getOpaque(this) != 0;
  }
}
